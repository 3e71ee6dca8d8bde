"use client";
/** `/inventory/counts`: start a cycle count and find the open and completed ones. */
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "urql";
import { SelectField } from "@/components/Field";
import { Pager, useCursorPages } from "@/components/Pager";
import { TableStatus } from "@/components/TableStatus";
import type { CountStatus } from "@/gql/graphql";
import { useCan } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { WarehouseSelect } from "@/features/inventory/WarehouseSelect";
import { StockCountsQuery } from "./operations";
import { StartCountForm } from "./StartCountForm";

const STATUSES: readonly CountStatus[] = ["OPEN", "COMPLETED"];

/** The cycle-count list. */
export function CountList() {
  const { messages, format } = useI18n();
  const c = messages.counts;
  const canAdjust = useCan("STOCK_ADJUST");
  const [status, setStatus] = useState<CountStatus | "">("");
  const [warehouseId, setWarehouseId] = useState("");
  const pages = useCursorPages();
  const [{ data, fetching, error }] = useQuery({
    query: StockCountsQuery,
    variables: { status: status || null, warehouseId: warehouseId || null, first: 20, after: pages.after },
  });
  const counts = data?.stockCounts.nodes ?? [];

  return (
    <>
      <h1>{c.title}</h1>
      {canAdjust ? (
        <section className="card" aria-labelledby="start-count-title">
          <h2 id="start-count-title">{c.startTitle}</h2>
          <StartCountForm />
        </section>
      ) : null}
      <div className="filters">
        <SelectField label={c.status} value={status} onChange={(event) => { setStatus(event.target.value as CountStatus | ""); pages.reset(); }}>
          <option value="">{c.allStatuses}</option>
          {STATUSES.map((value) => <option key={value} value={value}>{c.statuses[value]}</option>)}
        </SelectField>
        <WarehouseSelect label={messages.common.warehouse} value={warehouseId} allowAll onChange={(value) => { setWarehouseId(value); pages.reset(); }} />
      </div>
      <div className="table-wrap" aria-busy={fetching}>
        <table>
          <thead>
            <tr>
              <th scope="col">{c.startedAt}</th>
              <th scope="col">{messages.common.warehouse}</th>
              <th scope="col">{c.status}</th>
              <th scope="col" className="num">{c.lineCount}</th>
              <th scope="col">{c.completedAt}</th>
            </tr>
          </thead>
          <tbody>
            <TableStatus columns={5} fetching={fetching} error={error} empty={counts.length === 0} emptyText={c.noCounts} />
            {counts.map((count) => (
              <tr key={count.id}>
                <td>
                  <Link href={`/inventory/counts/${count.id}`}>{c.openCount(count.warehouse?.code ?? "", format.dateTime(count.startedAt))}</Link>
                  {count.note ? <div className="field-hint">{count.note}</div> : null}
                </td>
                <td>{count.warehouse?.code}</td>
                <td><span className={`badge ${count.status === "OPEN" ? "low" : "ok"}`}>{c.statuses[count.status]}</span></td>
                <td className="num">{format.number(count.lines.length)}</td>
                <td>{count.completedAt ? format.dateTime(count.completedAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={pages.page} hasNextPage={data?.stockCounts.pageInfo.hasNextPage ?? false} endCursor={data?.stockCounts.pageInfo.endCursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
