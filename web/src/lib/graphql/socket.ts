/**
 * The graphql-ws connection for subscriptions. It authenticates in `connection_init` with a token fresh enough
 * to use, moves onto each refreshed token with `renewSocketAuth`, and when the server closes it (4419 at token
 * expiry, 4403 on revocation) reconnects with a newly refreshed token — or stops once the session is over.
 */
import { createClient, type Client as SocketClient } from "graphql-ws";
import { print } from "graphql";
import { RenewSocketAuthMutation } from "@/lib/auth/operations";
import type { TokenManager } from "@/lib/auth/token-manager";
import { documentHash } from "./persisted";

/** Close codes of the Klang API (`docs/api/limits.md`). */
export const CLOSE_TOKEN_EXPIRED = 4419;
export const CLOSE_FORBIDDEN = 4403;

/** Options of `createSocket`. */
export interface SocketOptions {
  url: string;
  tokens: TokenManager;
  /** Send persisted hashes instead of documents. */
  persisted: boolean;
  /** A WebSocket class where there is no global one (Node 20 in tests). */
  webSocketImpl?: unknown;
}

/** A graphql-ws client bound to the session's tokens, and the function that closes it for good. */
export interface Socket {
  client: SocketClient;
  dispose: () => void;
}

/** Opens (lazily) the subscription socket of one signed-in session. */
export function createSocket({ url, tokens, persisted, webSocketImpl }: SocketOptions): Socket {
  let mustRefresh = false;
  let socketToken: string | null = null;
  let open = false;

  const client = createClient({
    url,
    lazy: true,
    webSocketImpl,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => tokens.session.status !== "signed-out",
    connectionParams: async () => {
      const accessToken = mustRefresh ? await tokens.refresh() : await tokens.valid();
      mustRefresh = false;
      if (accessToken === null) {
        throw new Error("signed out");
      }
      socketToken = accessToken;
      return { accessToken };
    },
    on: {
      connected: () => {
        open = true;
      },
      closed: (event) => {
        open = false;
        const code = (event as { code?: number }).code;
        mustRefresh = code === CLOSE_TOKEN_EXPIRED || code === CLOSE_FORBIDDEN;
      },
    },
  });

  const stopRenewing = tokens.subscribe((state) => {
    const accessToken = tokens.current();
    if (state.status !== "signed-in" || !open || accessToken === null || accessToken === socketToken) {
      return;
    }
    socketToken = accessToken;
    const hash = documentHash(RenewSocketAuthMutation);
    const payload =
      persisted && hash !== null
        ? { query: "", extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }
        : { query: print(RenewSocketAuthMutation) };
    // A failed renewal needs no handling here: the server closes with 4419 and the reconnect refreshes.
    client.subscribe({ ...payload, variables: { input: { accessToken } } }, { next: () => undefined, error: () => undefined, complete: () => undefined });
  });

  return {
    client,
    dispose: () => {
      stopRenewing();
      void client.dispose();
    },
  };
}
