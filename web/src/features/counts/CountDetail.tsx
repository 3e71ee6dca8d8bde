"use client";
/**
 * `/inventory/counts/[id]`: record counted quantities while the count is open (`stock:move`), then complete it
 * (`stock:adjust`), which posts every difference as a movement and shows the variances.
 */
import Link from "next/link";
import { useState } from "react";
import { useClient, useQuery } from "urql";
import { ErrorNotice, useErrorMessage } from "@/components/ErrorNotice";
import { Notice } from "@/components/Notice";
import { TableStatus } from "@/components/TableStatus";
import { useIdempotencyKey } from "@/components/useIdempotencyKey";
import { useCan } from "@/lib/auth/viewer";
import { ApiError } from "@/lib/graphql/errors";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { CompleteStockCountMutation, StockCountQuery } from "./operations";
import { RecordCountLineForm } from "./RecordCountLineForm";

/** One count. */
export function CountDetail({ countId }: { countId: string }) {
  const { messages, format, locale } = useI18n();
  const c = messages.counts;
  const client = useClient();
  const errorMessage = useErrorMessage();
  const canMove = useCan("STOCK_MOVE");
  const canAdjust = useCan("STOCK_ADJUST");
  const [{ data, fetching, error }] = useQuery({ query: StockCountQuery, variables: { id: countId } });
  const [completing, setCompleting] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const idempotency = useIdempotencyKey();
  const count = data?.stockCount;
  const back = <p><Link href="/inventory/counts">{c.backToList}</Link></p>;

  if (!count) {
    return (
      <>
        {back}
        <ErrorNotice error={error} />
        {fetching ? <p role="status">{messages.app.loading}</p> : null}
        {!fetching && !error ? <Notice kind="info">{messages.errors.NOT_FOUND}</Notice> : null}
      </>
    );
  }

  async function complete() {
    if (!window.confirm(c.confirmComplete)) {
      return;
    }
    setOutcome(null);
    setCompleting(true);
    try {
      const result = await executeMutation(client, CompleteStockCountMutation, { input: { countId, idempotencyKey: idempotency.key } });
      idempotency.renew();
      const withVariance = result.completeStockCount.lines.filter((line) => (line.variance ?? 0) !== 0).length;
      setOutcome({ kind: "success", text: c.completed(format.number(withVariance)) });
    } catch (caught) {
      setOutcome({ kind: "error", text: caught instanceof ApiError ? errorMessage(caught) : messages.errors.NETWORK });
    } finally {
      setCompleting(false);
    }
  }

  const open = count.status === "OPEN";
  return (
    <>
      {back}
      <div className="page-header">
        <h1>{c.detailTitle(count.warehouse ? `${count.warehouse.code} · ${localName(locale, count.warehouse)}` : "")}</h1>
        <span className={`badge ${open ? "low" : "ok"}`}>{c.statuses[count.status]}</span>
      </div>
      <dl className="props card">
        <dt>{c.startedAt}</dt><dd>{format.dateTime(count.startedAt)}</dd>
        <dt>{c.completedAt}</dt><dd>{count.completedAt ? format.dateTime(count.completedAt) : "—"}</dd>
        {count.note ? <><dt>{messages.common.note}</dt><dd>{count.note}</dd></> : null}
      </dl>
      {outcome ? <Notice kind={outcome.kind}>{outcome.text}</Notice> : null}
      {open && canMove ? (
        <section className="card" aria-labelledby="record-title">
          <h2 id="record-title">{c.record}</h2>
          <RecordCountLineForm countId={count.id} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="lines-title">
        <h2 id="lines-title">{c.lineCount}</h2>
        {open ? <p className="field-hint">{c.openHint}</p> : null}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{messages.common.product}</th>
                <th scope="col" className="num">{c.counted}</th>
                <th scope="col" className="num">{c.expected}</th>
                <th scope="col" className="num">{c.variance}</th>
              </tr>
            </thead>
            <tbody>
              <TableStatus columns={4} fetching={false} error={undefined} empty={count.lines.length === 0} emptyText={c.noLines} />
              {count.lines.map((line) => (
                <tr key={line.productId}>
                  <td>{line.product ? `${line.product.sku} · ${localName(locale, line.product)}` : line.productId}</td>
                  <td className="num">{format.number(line.countedQuantity)}</td>
                  <td className="num">{line.expectedQuantity === null || line.expectedQuantity === undefined ? "—" : format.number(line.expectedQuantity)}</td>
                  <td className="num">
                    {line.variance === null || line.variance === undefined ? "—" : (
                      <span className={`badge ${line.variance === 0 ? "ok" : "bad"}`}>{format.signed(line.variance)}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {open && canAdjust ? (
          <p>
            <button type="button" className="button" disabled={completing || count.lines.length === 0} onClick={() => void complete()}>
              {completing ? messages.common.saving : c.complete}
            </button>
          </p>
        ) : null}
      </section>
    </>
  );
}
