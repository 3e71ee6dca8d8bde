"use client";
/** Stock levels by warehouse with a below-reorder filter, and the movement forms for those who may move stock. */
import Link from "next/link";
import { Fragment, useState } from "react";
import { useQuery } from "urql";
import { Pager, useCursorPages } from "@/components/Pager";
import { Notice } from "@/components/Notice";
import { TableStatus } from "@/components/TableStatus";
import { useCan } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { StockLevelsQuery } from "./operations";
import { ReorderPointForm } from "./ReorderPointForm";
import { StockActions } from "./StockActions";
import { WarehouseSelect } from "./WarehouseSelect";

const PAGE_SIZE = 25;

/** The inventory screen. */
export function StockLevels() {
  const { messages, format, locale } = useI18n();
  const s = messages.stock;
  const [warehouseId, setWarehouseId] = useState("");
  const [belowOnly, setBelowOnly] = useState(false);
  const canAdjust = useCan("STOCK_ADJUST");
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const columns = canAdjust ? 7 : 6;
  const pages = useCursorPages();
  const [{ data, fetching, error }] = useQuery({
    query: StockLevelsQuery,
    variables: { filter: { warehouseId: warehouseId || null, belowReorderPoint: belowOnly ? true : null }, first: PAGE_SIZE, after: pages.after },
  });
  const levels = data?.stockLevels.nodes ?? [];
  return (
    <>
      <h1>{s.title}</h1>
      <StockActions />
      <div className="filters">
        <WarehouseSelect label={messages.common.warehouse} value={warehouseId} allowAll onChange={(value) => { setWarehouseId(value); pages.reset(); }} />
        <label className="checkbox">
          <input type="checkbox" checked={belowOnly} onChange={(event) => { setBelowOnly(event.target.checked); pages.reset(); }} />
          {s.belowReorderOnly}
        </label>
      </div>
      {saved ? <Notice kind="success">{s.reorderSaved}</Notice> : null}
      <div className="table-wrap" aria-busy={fetching}>
        <table>
          <thead>
            <tr>
              <th scope="col">{messages.common.product}</th>
              <th scope="col">{messages.common.warehouse}</th>
              <th scope="col" className="num">{s.onHand}</th>
              <th scope="col" className="num">{s.reserved}</th>
              <th scope="col" className="num">{s.available}</th>
              <th scope="col" className="num">{s.reorderPoint}</th>
              {canAdjust ? <th scope="col">{messages.common.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            <TableStatus columns={columns} fetching={fetching} error={error} empty={levels.length === 0} emptyText={s.noLevels} skeletonRows={PAGE_SIZE} />
            {levels.map((level) => {
              const key = `${level.productId}:${level.warehouseId}`;
              const productName = level.product ? `${level.product.sku} · ${localName(locale, level.product)}` : level.productId;
              const editLabel = s.editReorderOf(productName, level.warehouse?.code ?? "");
              return (
              <Fragment key={key}>
              <tr>
                <td>
                  <Link href={`/products/${level.productId}`}>{productName}</Link>
                </td>
                <td>{level.warehouse?.code}</td>
                <td className="num">{format.number(level.onHand)}</td>
                <td className="num">{format.number(level.reserved)}</td>
                <td className="num">
                  {format.number(level.available)} {level.belowReorderPoint ? <span className="badge low">{s.low}</span> : null}
                </td>
                <td className="num">{format.number(level.reorderPoint)}</td>
                {canAdjust ? (
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={editing === key}
                      aria-label={editLabel}
                      onClick={() => { setSaved(false); setEditing(editing === key ? null : key); }}
                    >
                      {s.editReorder}
                    </button>
                  </td>
                ) : null}
              </tr>
              {editing === key ? (
                <tr>
                  <td colSpan={columns}>
                    <ReorderPointForm
                      level={level}
                      label={editLabel}
                      onSaved={() => { setEditing(null); setSaved(true); }}
                    />
                  </td>
                </tr>
              ) : null}
              </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager page={pages.page} hasNextPage={data?.stockLevels.pageInfo.hasNextPage ?? false} endCursor={data?.stockLevels.pageInfo.endCursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
