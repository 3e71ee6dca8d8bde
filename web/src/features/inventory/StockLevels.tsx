"use client";
/** Stock levels by warehouse with a below-reorder filter, and the movement forms for those who may move stock. */
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "urql";
import { Pager, useCursorPages } from "@/components/Pager";
import { TableStatus } from "@/components/TableStatus";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { StockLevelsQuery } from "./operations";
import { StockActions } from "./StockActions";
import { WarehouseSelect } from "./WarehouseSelect";

/** The inventory screen. */
export function StockLevels() {
  const { messages, format, locale } = useI18n();
  const s = messages.stock;
  const [warehouseId, setWarehouseId] = useState("");
  const [belowOnly, setBelowOnly] = useState(false);
  const pages = useCursorPages();
  const [{ data, fetching, error }] = useQuery({
    query: StockLevelsQuery,
    variables: { filter: { warehouseId: warehouseId || null, belowReorderPoint: belowOnly ? true : null }, first: 25, after: pages.after },
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
            </tr>
          </thead>
          <tbody>
            <TableStatus columns={6} fetching={fetching} error={error} empty={levels.length === 0} emptyText={s.noLevels} />
            {levels.map((level) => (
              <tr key={`${level.productId}:${level.warehouseId}`}>
                <td>
                  <Link href={`/products/${level.productId}`}>{level.product ? `${level.product.sku} · ${localName(locale, level.product)}` : level.productId}</Link>
                </td>
                <td>{level.warehouse?.code}</td>
                <td className="num">{format.number(level.onHand)}</td>
                <td className="num">{format.number(level.reserved)}</td>
                <td className="num">
                  {format.number(level.available)} {level.belowReorderPoint ? <span className="badge low">{s.low}</span> : null}
                </td>
                <td className="num">{format.number(level.reorderPoint)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={pages.page} hasNextPage={data?.stockLevels.pageInfo.hasNextPage ?? false} endCursor={data?.stockLevels.pageInfo.endCursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
