"use client";
/**
 * The dashboard: stock value, low-stock count, movements today, the 30-day chart and the low-stock list. It
 * listens to `stockChanged` and refetches (at most twice a second) when stock moves anywhere it shows.
 */
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useQuery, useSubscription } from "urql";
import { ErrorNotice } from "@/components/ErrorNotice";
import { TableStatus } from "@/components/TableStatus";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { WarehouseSelect } from "@/features/inventory/WarehouseSelect";
import { MovementChart } from "./MovementChart";
import { DashboardQuery, DashboardStockChangedSubscription } from "./operations";

const REFETCH_DELAY_MS = 500;
/** The low-stock list's length (`first: 10` in `DashboardQuery`): its skeleton has as many rows. */
const LOW_STOCK_ROWS = 10;

/** The dashboard screen. */
export function Dashboard() {
  const { messages, format, locale } = useI18n();
  const [warehouseId, setWarehouseId] = useState("");
  const variables = { warehouseId: warehouseId || null };
  const [{ data, fetching, error }, refetch] = useQuery({ query: DashboardQuery, variables });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useSubscription({ query: DashboardStockChangedSubscription, variables }, (_previous, event) => {
    if (pending.current === null) {
      pending.current = setTimeout(() => {
        pending.current = null;
        refetch({ requestPolicy: "network-only" });
      }, REFETCH_DELAY_MS);
    }
    return event;
  });
  useEffect(() => () => {
    if (pending.current !== null) {
      clearTimeout(pending.current);
    }
  }, []);

  const figures = data?.inventoryDashboard;
  const lowLevels = data?.stockLevels.nodes ?? [];
  return (
    <>
      <div className="page-header">
        <h1>{messages.dashboard.title}</h1>
        <WarehouseSelect label={messages.common.warehouse} value={warehouseId} onChange={setWarehouseId} allowAll />
      </div>
      <p className="field-hint">{messages.dashboard.updatedLive}</p>
      <ErrorNotice error={error} />
      <dl className="kpis" aria-busy={fetching && !figures}>
        <div className="kpi">
          <dt>{messages.dashboard.stockValue}</dt>
          <dd data-testid="stock-value">{figures ? format.baht(figures.stockValue) : "—"}</dd>
        </div>
        <div className="kpi">
          <dt>{messages.dashboard.lowStockCount}</dt>
          <dd data-testid="low-stock-count">{figures ? format.number(figures.lowStockCount) : "—"}</dd>
        </div>
        <div className="kpi">
          <dt>{messages.dashboard.movementsToday}</dt>
          <dd data-testid="movements-today">{figures ? format.number(figures.movementsToday) : "—"}</dd>
        </div>
      </dl>
      <div className="grid-2">
        <section className="card" aria-labelledby="chart-title">
          <h2 id="chart-title">{messages.dashboard.chartTitle}</h2>
          <MovementChart days={figures?.dailyMovements ?? []} />
        </section>
        <section className="card" aria-labelledby="low-title">
          <h2 id="low-title">{messages.dashboard.lowStockTitle}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{messages.common.product}</th>
                  <th scope="col">{messages.common.warehouse}</th>
                  <th scope="col" className="num">{messages.stock.available}</th>
                  <th scope="col" className="num">{messages.stock.reorderPoint}</th>
                </tr>
              </thead>
              <tbody>
                <TableStatus columns={4} fetching={fetching} error={undefined} empty={lowLevels.length === 0} emptyText={messages.dashboard.noLowStock} skeletonRows={LOW_STOCK_ROWS} />
                {lowLevels.map((level) => (
                  <tr key={`${level.productId}:${level.warehouseId}`}>
                    <td>
                      <Link href={`/products/${level.productId}`}>{level.product ? localName(locale, level.product) : level.productId}</Link>
                    </td>
                    <td className="nowrap">{level.warehouse?.code}</td>
                    <td className="num">{format.number(level.available)}</td>
                    <td className="num">{format.number(level.reorderPoint)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
