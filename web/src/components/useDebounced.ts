"use client";
/** A value that follows `value` once it has stopped changing for `delayMs` (search boxes query once per pause). */
import { useEffect, useState } from "react";

/** The settled value. */
export function useDebounced<T>(value: T, delayMs = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
