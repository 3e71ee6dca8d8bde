"use client";
/**
 * One idempotency key per user action: the same key is sent again when the user retries after a timeout or an
 * error (the API then applies the action once), and a fresh one is taken once the action succeeded.
 */
import { useCallback, useState } from "react";

/** The key of the current action, and `renew` to call after it succeeded. */
export function useIdempotencyKey(): { key: string; renew: () => void } {
  const [key, setKey] = useState(() => crypto.randomUUID());
  const renew = useCallback(() => setKey(crypto.randomUUID()), []);
  return { key, renew };
}
