/**
 * Keeps exactly one GraphQL client per signed-in session: created when the session starts, disposed (socket
 * closed, cache dropped) when it ends, so a new sign-in never sees the previous user's cached data.
 */
import type { KlangClient } from "@/lib/graphql/client";
import type { TokenManager } from "./token-manager";

/** An external store (for `useSyncExternalStore`) of the current session's client. */
export class SessionClientStore {
  private current: KlangClient | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(tokens: TokenManager, create: () => KlangClient) {
    tokens.subscribe((state) => {
      if (state.status === "signed-in" && this.current === null) {
        this.current = create();
        this.notify();
      } else if (state.status !== "signed-in" && state.status !== "unreachable" && this.current !== null) {
        this.current.dispose();
        this.current = null;
        this.notify();
      }
    });
  }

  /** The client, or `null` when signed out. */
  readonly snapshot = (): KlangClient | null => this.current;

  /** Calls `listener` when the client changes. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify(): void {
    for (const listener of this.listeners) {
      listener();
    }
  }
}
