/**
 * The urql client of one signed-in session: normalised cache, the access token on every request with one
 * refresh-and-retry on `UNAUTHENTICATED`, optional persisted hashes, HTTP for queries and mutations, and the
 * graphql-ws socket for subscriptions. A new session gets a new client, so no user sees another's cache.
 */
import { Client, fetchExchange, subscriptionExchange, type Exchange, type Operation } from "urql";
import { authExchange } from "@urql/exchange-auth";
import { persistedExchange } from "@urql/exchange-persisted";
import type { TokenManager } from "@/lib/auth/token-manager";
import { klangCacheExchange } from "./cache";
import { isUnauthenticated } from "./errors";
import { documentHash } from "./persisted";
import { createSocket } from "./socket";

/** Options of `createKlangClient`. */
export interface KlangClientOptions {
  tokens: TokenManager;
  /** Absolute URL of `/graphql` (same origin in the browser). */
  url: string;
  /** Absolute `ws:`/`wss:` URL of `/graphql/ws`. */
  socketUrl: string;
  persisted: boolean;
  fetch?: typeof fetch;
  webSocketImpl?: unknown;
}

/** A client and the function that closes its socket. */
export interface KlangClient {
  client: Client;
  dispose: () => void;
}

/** The auth exchange: bearer header, refresh ahead of expiry, and one refresh-and-retry on `UNAUTHENTICATED`. */
export function tokenAuthExchange(tokens: TokenManager): Exchange {
  return authExchange(async (utils) => ({
    addAuthToOperation(operation: Operation) {
      const accessToken = tokens.current();
      return accessToken === null ? operation : utils.appendHeaders(operation, { Authorization: `Bearer ${accessToken}` });
    },
    willAuthError() {
      return tokens.session.status === "signed-in" && tokens.isExpiring();
    },
    didAuthError(error, operation) {
      // Only a request that carried a token can be cured by refreshing (a wrong password is UNAUTHENTICATED too).
      return hasBearer(operation) && isUnauthenticated(error);
    },
    async refreshAuth() {
      await tokens.refresh().catch(() => null);
    },
  }));
}

function hasBearer(operation: Operation): boolean {
  const options = typeof operation.context.fetchOptions === "function" ? operation.context.fetchOptions() : operation.context.fetchOptions;
  const headers = new Headers(options?.headers);
  return headers.has("Authorization");
}

/** Sends generated documents' hashes instead of their text when `enabled` (none when not). */
export function persistedExchanges(enabled: boolean): Exchange[] {
  return enabled
    ? [
        persistedExchange({
          enforcePersistedQueries: true,
          enableForMutation: true,
          enableForSubscriptions: true,
          generateHash: (_query, document) => Promise.resolve(documentHash(document)),
        }),
      ]
    : [];
}

/** The client for signing in: no session, no cache. */
export function createPublicClient(url: string, persisted: boolean): Client {
  return new Client({ url, exchanges: [...persistedExchanges(persisted), fetchExchange] });
}

/** Builds the client of one session. */
export function createKlangClient(options: KlangClientOptions): KlangClient {
  const socket = createSocket({ url: options.socketUrl, tokens: options.tokens, persisted: options.persisted, webSocketImpl: options.webSocketImpl });
  const client = new Client({
    url: options.url,
    fetch: options.fetch,
    requestPolicy: "cache-and-network",
    exchanges: [
      klangCacheExchange(),
      tokenAuthExchange(options.tokens),
      ...persistedExchanges(options.persisted),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              return { unsubscribe: socket.client.subscribe(input, sink) };
            },
          };
        },
      }),
    ],
  });
  return { client, dispose: socket.dispose };
}
