/**
 * The browser's access token: held in memory only, refreshed ahead of expiry, one refresh at a time.
 *
 * The refresh token never reaches JavaScript: it lives in the httpOnly `klang_refresh` cookie and the server
 * rotates it on every refresh. Presenting a rotated token again revokes the whole session, so two refreshes
 * must never run side by side: callers inside this tab share one in-flight promise, and `withLock` (a Web Lock)
 * serialises refreshes across tabs.
 */

/** What a successful refresh or sign-in hands over. */
export interface IssuedToken {
  accessToken: string;
  /** RFC 3339 expiry as the API reports it. */
  accessTokenExpiresAt: string;
}

/** Thrown by a refresh function when the server says the session is over (401 from `POST /auth/refresh`). */
export class SessionEndedError extends Error {
  constructor() {
    super("the session has ended");
    this.name = "SessionEndedError";
  }
}

/** Why the user is not signed in. */
export type SignedOutReason = "signed-out" | "session-ended" | "none";

/** The state the UI renders from. */
export type SessionState =
  | { status: "checking" }
  | { status: "signed-in"; expiresAt: number }
  | { status: "signed-out"; reason: SignedOutReason }
  | { status: "unreachable" };

/** Collaborators, injectable so the scheduling can be tested with fake time. */
export interface TokenManagerOptions {
  /** Exchanges the refresh cookie for a new access token; throws `SessionEndedError` when the session is over. */
  refresh: () => Promise<IssuedToken>;
  /** Runs `task` while holding a lock shared by every tab of this origin. */
  withLock?: <T>(task: () => Promise<T>) => Promise<T>;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** How long before expiry a token counts as expiring (and a request refreshes first). */
export const EXPIRY_MARGIN_MS = 5_000;
/** Wait before retrying a refresh that failed for a transient reason (network, 5xx). */
export const RETRY_DELAY_MS = 5_000;

/**
 * When to refresh a token that is valid for `lifetimeMs` from now: a quarter of its life early, but at most one
 * minute early, so a 10-minute token refreshes after 9 minutes and a 20-second token after 15 seconds.
 */
export function refreshDelay(lifetimeMs: number): number {
  const early = Math.min(60_000, lifetimeMs / 4);
  return Math.max(0, Math.floor(lifetimeMs - early));
}

/** Holds the access token and keeps it fresh. */
export class TokenManager {
  private token: { value: string; expiresAt: number } | null = null;
  private inFlight: Promise<string | null> | null = null;
  private timer: unknown = null;
  private generation = 0;
  private state: SessionState = { status: "checking" };
  private readonly listeners = new Set<(state: SessionState) => void>();
  private readonly options: Required<TokenManagerOptions>;

  constructor(options: TokenManagerOptions) {
    this.options = {
      withLock: (task) => task(),
      now: () => Date.now(),
      setTimer: (callback, ms) => setTimeout(callback, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  /** The current state. */
  get session(): SessionState {
    return this.state;
  }

  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The token to send now, or `null` when signed out. */
  current(): string | null {
    return this.token?.value ?? null;
  }

  /** Whether the token is missing or about to expire, so a request should refresh first. */
  isExpiring(): boolean {
    return this.token === null || this.token.expiresAt - this.options.now() <= EXPIRY_MARGIN_MS;
  }

  /** Adopts a token the API just issued (sign-in) and schedules its refresh. */
  accept(issued: IssuedToken): void {
    this.generation += 1;
    this.adopt(issued);
  }

  /** A token valid for more than the margin, refreshing first when needed; `null` when the session is over. */
  async valid(): Promise<string | null> {
    if (this.token !== null && !this.isExpiring()) {
      return this.token.value;
    }
    return this.refresh();
  }

  /**
   * Refreshes now. Concurrent callers share one request; resolves to the new token, or `null` when the session
   * has ended (the state then says so). Transient failures reject and leave the state as it was.
   */
  refresh(): Promise<string | null> {
    if (this.inFlight === null) {
      const generation = this.generation;
      this.inFlight = this.options
        .withLock(() => this.options.refresh())
        .then(
          (issued) => {
            if (generation !== this.generation) {
              return this.current();
            }
            this.adopt(issued);
            return issued.accessToken;
          },
          (error: unknown) => {
            if (generation !== this.generation) {
              return this.current();
            }
            if (error instanceof SessionEndedError) {
              this.end(this.state.status === "checking" ? "none" : "session-ended");
              return null;
            }
            this.onTransientFailure();
            throw error;
          },
        )
        .finally(() => {
          this.inFlight = null;
        });
    }
    return this.inFlight;
  }

  /** Forgets the token: after sign-out, or when the server ended the session. */
  end(reason: SignedOutReason): void {
    this.generation += 1;
    this.token = null;
    this.cancelTimer();
    this.setState({ status: "signed-out", reason });
  }

  private adopt(issued: IssuedToken): void {
    const expiresAt = Date.parse(issued.accessTokenExpiresAt);
    this.token = { value: issued.accessToken, expiresAt };
    this.schedule(refreshDelay(expiresAt - this.options.now()));
    this.setState({ status: "signed-in", expiresAt });
  }

  private onTransientFailure(): void {
    if (this.token === null) {
      this.setState({ status: "unreachable" });
      return;
    }
    const remaining = this.token.expiresAt - this.options.now();
    if (remaining > 0) {
      this.schedule(Math.min(RETRY_DELAY_MS, remaining));
    }
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    this.timer = this.options.setTimer(() => {
      this.timer = null;
      this.refresh().catch(() => undefined);
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.options.clearTimer(this.timer);
      this.timer = null;
    }
  }

  private setState(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) {
      listener(state);
    }
  }
}
