"use client";
/**
 * Tabs of the stock work the user may do: `stock:move` receive/issue, `stock:adjust` adjust and set a reorder
 * point (for any product and warehouse, also where there is no stock level yet).
 */
import { useState } from "react";
import { useCan } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { ReorderPointForm } from "./ReorderPointForm";
import { StockMoveForm, type MoveKind } from "./StockMoveForm";

type ActionKind = MoveKind | "reorder";

/** Nothing for users without stock permissions. */
export function StockActions() {
  const { messages } = useI18n();
  const canMove = useCan("STOCK_MOVE");
  const canAdjust = useCan("STOCK_ADJUST");
  const kinds: ActionKind[] = [...(canMove ? (["receive", "issue"] as const) : []), ...(canAdjust ? (["adjust", "reorder"] as const) : [])];
  const [selected, setSelected] = useState<ActionKind | null>(null);
  const tabLabel = (kind: ActionKind) => (kind === "reorder" ? messages.stock.editReorder : messages.stock[kind]);
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
            {tabLabel(kind)}
          </button>
        ))}
      </div>
      <div id="stock-action-panel" role="tabpanel" aria-labelledby={`tab-${active}`}>
        {active === "reorder" ? <ReorderPointForm label={tabLabel(active)} /> : <StockMoveForm key={active} kind={active} />}
      </div>
    </section>
  );
}
