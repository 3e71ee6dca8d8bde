"use client";
/** Previous/next buttons for cursor pagination (the API pages forward; earlier cursors are remembered). */
import { useCallback, useState } from "react";
import { useI18n } from "@/lib/i18n/I18nProvider";

/** The cursor of the page to show, and moves between pages; `reset` goes back to the first page. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const next = useCallback((endCursor: string) => setCursors((stack) => [...stack, endCursor]), []);
  const previous = useCallback(() => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)), []);
  const reset = useCallback(() => setCursors([null]), []);
  return { after, page: cursors.length, next, previous, reset };
}

interface PagerProps {
  page: number;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
  onNext: (endCursor: string) => void;
  onPrevious: () => void;
}

/** The buttons; disabled where there is nothing to go to. */
export function Pager({ page, hasNextPage, endCursor, onNext, onPrevious }: PagerProps) {
  const { messages } = useI18n();
  return (
    <nav className="pager" aria-label={messages.common.pagination}>
      <button type="button" className="button secondary" disabled={page <= 1} onClick={onPrevious}>
        {messages.common.previous}
      </button>
      <button
        type="button"
        className="button secondary"
        disabled={!hasNextPage || !endCursor}
        onClick={() => endCursor && onNext(endCursor)}
      >
        {messages.common.next}
      </button>
    </nav>
  );
}
