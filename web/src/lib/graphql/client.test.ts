import { describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { MeQuery } from "@/lib/auth/operations";
import { SessionEndedError, TokenManager, type IssuedToken } from "@/lib/auth/token-manager";
import { createKlangClient } from "./client";

const unauthenticated = { data: null, errors: [{ message: "access token expired", extensions: { code: "UNAUTHENTICATED" } }] };
const me = { data: { me: { __typename: "User", id: "u1", email: "a@klang.local", displayName: "A", roles: ["ADMIN"], permissions: [] } } };

function issued(value: string): IssuedToken {
  return { accessToken: value, accessTokenExpiresAt: new Date(Date.now() + 600_000).toISOString() };
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}

function setup(answers: unknown[], refresh: () => Promise<IssuedToken>) {
  const tokens = new TokenManager({ refresh });
  tokens.accept(issued("old"));
  const bearers: (string | null)[] = [];
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    bearers.push(new Headers(init?.headers).get("Authorization"));
    return json(answers.shift());
  });
  const { client, dispose } = createKlangClient({
    tokens,
    url: "http://web.test/graphql",
    socketUrl: "ws://web.test/graphql/ws",
    persisted: false,
    fetch: fetch as typeof globalThis.fetch,
    webSocketImpl: WebSocket,
  });
  return { tokens, client, dispose, fetch, bearers };
}

describe("the session client", () => {
  it("refreshes once and retries once on UNAUTHENTICATED", async () => {
    const refresh = vi.fn(async () => issued("new"));
    const { client, dispose, bearers } = setup([unauthenticated, me], refresh);
    const result = await client.query(MeQuery, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.me.id).toBe("u1");
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(bearers).toEqual(["Bearer old", "Bearer new"]);
    dispose();
  });

  it("gives up after one retry", async () => {
    const refresh = vi.fn(async () => issued("new"));
    const { client, dispose, fetch } = setup([unauthenticated, unauthenticated, me], refresh);
    const result = await client.query(MeQuery, {}).toPromise();
    expect(result.error?.graphQLErrors[0]?.extensions.code).toBe("UNAUTHENTICATED");
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(refresh).toHaveBeenCalledTimes(1);
    dispose();
  });

  it("ends the session when the refresh is refused", async () => {
    const { client, dispose, tokens } = setup([unauthenticated, unauthenticated], () => Promise.reject(new SessionEndedError()));
    await client.query(MeQuery, {}).toPromise();
    expect(tokens.session).toEqual({ status: "signed-out", reason: "session-ended" });
    dispose();
  });

  it("sends the persisted hash instead of the document when enabled", async () => {
    const tokens = new TokenManager({ refresh: async () => issued("t") });
    tokens.accept(issued("t"));
    const requests: string[] = [];
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      requests.push(`${String(url)} ${String(init?.body ?? "")}`);
      return json(me);
    });
    const { client, dispose } = createKlangClient({
      tokens,
      url: "http://web.test/graphql",
      socketUrl: "ws://web.test/graphql/ws",
      persisted: true,
      fetch: fetch as typeof globalThis.fetch,
      webSocketImpl: WebSocket,
    });
    await client.query(MeQuery, {}).toPromise();
    const hash = (MeQuery as unknown as { __meta__: { hash: string } }).__meta__.hash.replace("sha256:", "");
    expect(requests[0]).toContain(hash);
    expect(requests[0]).not.toContain("displayName");
    dispose();
  });
});
