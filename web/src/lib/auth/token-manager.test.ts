import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { refreshDelay, SessionEndedError, TokenManager, type IssuedToken } from "./token-manager";

const NOW = Date.parse("2026-11-25T03:00:00Z");

function issued(value: string, lifetimeSeconds: number): IssuedToken {
  return { accessToken: value, accessTokenExpiresAt: new Date(Date.now() + lifetimeSeconds * 1000).toISOString() };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("refreshDelay", () => {
  it("refreshes a ten-minute token one minute early", () => {
    expect(refreshDelay(600_000)).toBe(540_000);
  });
  it("refreshes a short token a quarter of its life early", () => {
    expect(refreshDelay(20_000)).toBe(15_000);
  });
  it("never schedules in the past", () => {
    expect(refreshDelay(-5_000)).toBe(0);
  });
});

describe("TokenManager", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it("shares one refresh between concurrent callers", async () => {
    const pending = deferred<IssuedToken>();
    const refresh = vi.fn(() => pending.promise);
    const tokens = new TokenManager({ refresh });
    const first = tokens.refresh();
    const second = tokens.refresh();
    const third = tokens.valid();
    pending.resolve(issued("t1", 600));
    await expect(Promise.all([first, second, third])).resolves.toEqual(["t1", "t1", "t1"]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(tokens.session.status).toBe("signed-in");
  });

  it("runs the refresh inside the cross-tab lock", async () => {
    const order: string[] = [];
    const tokens = new TokenManager({
      refresh: async () => {
        order.push("refresh");
        return issued("t1", 600);
      },
      withLock: async (task) => {
        order.push("lock");
        const result = await task();
        order.push("unlock");
        return result;
      },
    });
    await tokens.refresh();
    expect(order).toEqual(["lock", "refresh", "unlock"]);
  });

  it("refreshes ahead of expiry and keeps doing so", async () => {
    let count = 0;
    const refresh = vi.fn(async () => issued(`t${++count}`, 600));
    const tokens = new TokenManager({ refresh });
    tokens.accept(issued("t0", 600));
    await vi.advanceTimersByTimeAsync(539_000);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(tokens.current()).toBe("t1");
    await vi.advanceTimersByTimeAsync(540_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(tokens.current()).toBe("t2");
  });

  it("says the session ended when a refresh is refused after signing in", async () => {
    const tokens = new TokenManager({ refresh: () => Promise.reject(new SessionEndedError()) });
    tokens.accept(issued("t0", 600));
    await expect(tokens.refresh()).resolves.toBeNull();
    expect(tokens.session).toEqual({ status: "signed-out", reason: "session-ended" });
    expect(tokens.current()).toBeNull();
  });

  it("shows plain sign-in when there was no session at start", async () => {
    const tokens = new TokenManager({ refresh: () => Promise.reject(new SessionEndedError()) });
    await tokens.refresh();
    expect(tokens.session).toEqual({ status: "signed-out", reason: "none" });
  });

  it("retries a refresh that failed for a transient reason", async () => {
    const refresh = vi.fn<() => Promise<IssuedToken>>().mockRejectedValueOnce(new Error("offline")).mockResolvedValue(issued("t2", 600));
    const tokens = new TokenManager({ refresh });
    tokens.accept(issued("t1", 60));
    await vi.advanceTimersByTimeAsync(45_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(tokens.current()).toBe("t1");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(tokens.current()).toBe("t2");
  });

  it("reports an unreachable server at start", async () => {
    const tokens = new TokenManager({ refresh: () => Promise.reject(new Error("offline")) });
    await expect(tokens.refresh()).rejects.toThrow("offline");
    expect(tokens.session.status).toBe("unreachable");
  });

  it("ignores a refresh that finishes after sign-out", async () => {
    const pending = deferred<IssuedToken>();
    const tokens = new TokenManager({ refresh: () => pending.promise });
    tokens.accept(issued("t1", 600));
    const refreshing = tokens.refresh();
    tokens.end("signed-out");
    pending.resolve(issued("t2", 600));
    await expect(refreshing).resolves.toBeNull();
    expect(tokens.current()).toBeNull();
    expect(tokens.session).toEqual({ status: "signed-out", reason: "signed-out" });
  });

  it("counts a token close to expiry as expiring", () => {
    const tokens = new TokenManager({ refresh: async () => issued("t", 600) });
    expect(tokens.isExpiring()).toBe(true);
    tokens.accept(issued("t1", 600));
    expect(tokens.isExpiring()).toBe(false);
    vi.setSystemTime(NOW + 596_000);
    expect(tokens.isExpiring()).toBe(true);
  });
});
