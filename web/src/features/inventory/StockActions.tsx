"use client";
/** Tabs of the stock movements the user may make (`stock:move` receive/issue, `stock:adjust` adjust). */
import { useState } from "react";
import { useCan } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { StockMoveForm, type MoveKind } from "./StockMoveForm";

/** Nothing for users without stock permissions. */
export function StockActions() {
  const { messages } = useI18n();
  const canMove = useCan("STOCK_MOVE");
  const canAdjust = useCan("STOCK_ADJUST");
  const kinds: MoveKind[] = [...(canMove ? (["receive", "issue"] as const) : []), ...(canAdjust ? (["adjust"] as const) : [])];
  const [selected, setSelected] = useState<MoveKind | null>(null);
  const active = selected && kinds.includes(selected) ? selected : kinds[0];
  if (!active) {
    return null;
  }
  return (
    <section className="card" aria-labelledby="stock-actions-title">
      <h2 id="stock-actions-title">{messages.stock.actionsTitle}</h2>
      <div className="tabs" role="tablist" aria-label={messages.stock.actionsTitle}>
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            role="tab"
            id={`tab-${kind}`}
            aria-selected={kind === active}
            aria-controls="stock-action-panel"
            onClick={() => setSelected(kind)}
          >
            {messages.stock[kind]}
          </button>
        ))}
      </div>
      <div id="stock-action-panel" role="tabpanel" aria-labelledby={`tab-${active}`}>
        <StockMoveForm key={active} kind={active} />
      </div>
    </section>
  );
}
