"use client";
/**
 * Owns the session in the browser: on start it tries the refresh cookie (a returning user lands signed in),
 * keeps one urql client per signed-in session, and offers sign-in and sign-out to the screens.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { Provider, type Client } from "urql";
import { createKlangClient, createPublicClient } from "@/lib/graphql/client";
import { executeMutation } from "@/lib/graphql/execute";
import { persistedDocumentsEnabled } from "@/lib/graphql/persisted";
import { refreshWithCookie, signOutWithCookie, withRefreshLock } from "./auth-http";
import { SignInMutation } from "./operations";
import { SessionClientStore } from "./session-client";
import { TokenManager, type SessionState } from "./token-manager";

interface AuthValue {
  session: SessionState;
  tokens: TokenManager;
  /** The session's GraphQL client, once signed in. */
  client: Client | null;
  /** Signs in; rejects with `ApiError` (wrong credentials are `UNAUTHENTICATED`, too many tries `RATE_LIMITED`). */
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Tries the refresh cookie again after the server could not be reached. */
  retry: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);
const CHECKING: SessionState = { status: "checking" };

function socketUrl(): string {
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/graphql/ws`;
}

/** Provides the session and, when signed in, the urql client to everything below. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [tokens] = useState(() => new TokenManager({ refresh: () => refreshWithCookie(), withLock: withRefreshLock }));
  const subscribe = useCallback((listener: () => void) => tokens.subscribe(listener), [tokens]);
  const session = useSyncExternalStore(subscribe, () => tokens.session, () => CHECKING);
  const [clients] = useState(
    () =>
      new SessionClientStore(tokens, () =>
        createKlangClient({
          tokens,
          url: `${window.location.origin}/graphql`,
          socketUrl: socketUrl(),
          persisted: persistedDocumentsEnabled,
        }),
      ),
  );
  const klang = useSyncExternalStore(clients.subscribe, clients.snapshot, () => null);
  const [publicClient] = useState(() => createPublicClient("/graphql", persistedDocumentsEnabled));

  useEffect(() => {
    if (tokens.session.status === "checking") {
      tokens.refresh().catch(() => undefined);
    }
  }, [tokens]);

  const value = useMemo<AuthValue>(
    () => ({
      session,
      tokens,
      client: klang?.client ?? null,
      signIn: async (email, password) => {
        const data = await executeMutation(publicClient, SignInMutation, { input: { email, password } });
        tokens.accept(data.signIn);
      },
      signOut: async () => {
        await signOutWithCookie().catch(() => undefined);
        tokens.end("signed-out");
      },
      retry: () => {
        tokens.refresh().catch(() => undefined);
      },
    }),
    [session, tokens, klang, publicClient],
  );

  return (
    <AuthContext.Provider value={value}>
      {/* Until a session client exists the public one is provided; the app shell renders no screen before then. */}
      <Provider value={klang?.client ?? publicClient}>{children}</Provider>
    </AuthContext.Provider>
  );
}

/** The session, the client and the sign-in/sign-out actions. */
export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (value === null) {
    throw new Error("useAuth outside AuthProvider");
  }
  return value;
}
