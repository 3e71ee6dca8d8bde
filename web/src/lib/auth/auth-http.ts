/**
 * The two cookie routes of the API (`docs/api/auth.md` §4), reached on this origin through the Next.js rewrite.
 * Both need the `X-Klang-CSRF` header: a cross-site form cannot send it.
 */
import { SessionEndedError, type IssuedToken } from "./token-manager";

const CSRF_HEADERS = { "X-Klang-CSRF": "1" };

/** `POST /auth/refresh`: rotates the refresh cookie and returns a new access token. */
export async function refreshWithCookie(fetchImpl: typeof fetch = fetch): Promise<IssuedToken> {
  const response = await fetchImpl("/auth/refresh", {
    method: "POST",
    credentials: "same-origin",
    headers: CSRF_HEADERS,
    cache: "no-store",
  });
  if (response.status === 401) {
    throw new SessionEndedError();
  }
  if (!response.ok) {
    throw new Error(`POST /auth/refresh answered ${response.status}`);
  }
  const body = (await response.json()) as IssuedToken;
  return { accessToken: body.accessToken, accessTokenExpiresAt: body.accessTokenExpiresAt };
}

/** `POST /auth/sign-out`: ends the cookie's session and clears the cookie. */
export async function signOutWithCookie(fetchImpl: typeof fetch = fetch): Promise<void> {
  await fetchImpl("/auth/sign-out", { method: "POST", credentials: "same-origin", headers: CSRF_HEADERS });
}

/**
 * Runs `task` under a Web Lock shared by every tab of this origin, so no two tabs present the same refresh
 * cookie at once (the server would take the second for a stolen token and revoke the session).
 */
export async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== "undefined" && "locks" in navigator && navigator.locks) {
    return await navigator.locks.request("klang-auth-refresh", task);
  }
  return task();
}
