"use client";
/** One subscriber's deliveries, newest first: status filter, cursor pages, and "send again" on each delivery. */
import Link from "next/link";
import { useState } from "react";
import { useClient, useQuery } from "urql";
import { useErrorMessage } from "@/components/ErrorNotice";
import { SelectField } from "@/components/Field";
import { Notice } from "@/components/Notice";
import { Pager, useCursorPages } from "@/components/Pager";
import { TableStatus } from "@/components/TableStatus";
import type { WebhookDeliveriesQuery as Deliveries } from "@/gql/graphql";
import type { WebhookDeliveryStatus } from "@/gql/schema-enums";
import { useCan } from "@/lib/auth/viewer";
import { ApiError } from "@/lib/graphql/errors";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { ReplayWebhookDeliveryMutation, WebhookDeliveriesQuery, WebhooksQuery } from "./operations";

type Delivery = Deliveries["webhookDeliveries"]["nodes"][number];

/** The statuses in the order the filter lists them. */
export const DELIVERY_STATUSES: readonly WebhookDeliveryStatus[] = ["PENDING", "DELIVERED", "FAILED"];
const PAGE_SIZE = 20;
const STATUS_CLASS: Record<WebhookDeliveryStatus, string> = { PENDING: "low", DELIVERED: "ok", FAILED: "bad" };

/** The delivery log of subscriber `webhookId` (needs `webhook:manage`). */
export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const { messages } = useI18n();
  const w = messages.webhooks;
  const canManage = useCan("WEBHOOK_MANAGE");
  const [status, setStatus] = useState<WebhookDeliveryStatus | "">("");
  const pages = useCursorPages();
  const [webhooks] = useQuery({ query: WebhooksQuery, pause: !canManage });
  const [{ data, fetching, error }, refetch] = useQuery({
    query: WebhookDeliveriesQuery,
    variables: { filter: { webhookId, status: status || null }, first: PAGE_SIZE, after: pages.after },
    pause: !canManage,
  });
  if (!canManage) {
    return <Notice kind="error">{messages.errors.FORBIDDEN}</Notice>;
  }
  const webhook = webhooks.data?.webhooks.find((candidate) => candidate.id === webhookId);
  const deliveries = data?.webhookDeliveries.nodes ?? [];
  return (
    <>
      <p><Link href="/webhooks">{w.back}</Link></p>
      <h1>{w.deliveries}</h1>
      {/* One line whatever arrives (the name comes after the deliveries may have): nothing below moves. */}
      <p className="one-line" data-testid="webhook-subject">{webhook ? `${webhook.name} · ${webhook.url}` : webhooks.data ? w.notFound : "\u00a0"}</p>
      <div className="filters" role="search">
        <SelectField label={w.status} value={status} onChange={(event) => { setStatus(event.target.value as WebhookDeliveryStatus | ""); pages.reset(); }}>
          <option value="">{messages.common.all}</option>
          {DELIVERY_STATUSES.map((code) => <option key={code} value={code}>{w.deliveryStatus[code]}</option>)}
        </SelectField>
        <button type="button" className="button secondary" onClick={() => refetch({ requestPolicy: "network-only" })}>{w.refresh}</button>
      </div>
      {/* Above the table: a page shorter than the skeleton moves nothing. */}
      <Pager page={pages.page} hasNextPage={data?.webhookDeliveries.pageInfo.hasNextPage ?? false} endCursor={data?.webhookDeliveries.pageInfo.endCursor} onNext={pages.next} onPrevious={pages.previous} />
      <div className="table-wrap" aria-busy={fetching}>
        <table>
          <thead>
            <tr>
              <th scope="col">{w.createdAt}</th>
              <th scope="col">{w.eventTypeColumn}</th>
              <th scope="col">{w.status}</th>
              <th scope="col">{w.attempts}</th>
              <th scope="col">{w.lastResult}</th>
              <th scope="col">{messages.common.actions}</th>
            </tr>
          </thead>
          <tbody>
            <TableStatus columns={6} fetching={fetching} error={error} empty={deliveries.length === 0} emptyText={w.noDeliveries} skeletonRows={PAGE_SIZE} />
            {deliveries.map((delivery) => <DeliveryRow key={delivery.id} delivery={delivery} />)}
          </tbody>
        </table>
      </div>
    </>
  );
}

function DeliveryRow({ delivery }: { delivery: Delivery }) {
  const { messages, format } = useI18n();
  const w = messages.webhooks;
  const client = useClient();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function replay() {
    setResult(null);
    setBusy(true);
    try {
      await executeMutation(client, ReplayWebhookDeliveryMutation, { id: delivery.id });
      setResult({ kind: "success", text: w.replayed });
    } catch (caught) {
      setResult({ kind: "error", text: caught instanceof ApiError ? errorMessage(caught) : messages.errors.NETWORK });
    } finally {
      setBusy(false);
    }
  }

  const last = [delivery.lastStatusCode != null ? w.httpStatus(delivery.lastStatusCode) : null, delivery.lastError].filter(Boolean).join(" · ");
  return (
    <tr>
      <td>{format.dateTime(delivery.createdAt)}</td>
      <td><code>{delivery.eventType}</code></td>
      <td><span className={`badge ${STATUS_CLASS[delivery.status]}`}>{w.deliveryStatus[delivery.status]}</span></td>
      <td className="num">{format.number(delivery.attempts)}</td>
      <td className="wrap-anywhere">
        {last || "—"}
        <div className="field-hint">
          {delivery.status === "DELIVERED" && delivery.deliveredAt
            ? w.deliveredAt(format.dateTime(delivery.deliveredAt))
            : delivery.status === "PENDING"
              ? w.nextAttempt(format.dateTime(delivery.nextAttemptAt))
              : null}
        </div>
      </td>
      <td>
        <button type="button" className="link-button" disabled={busy} aria-label={`${w.replayOf(delivery.eventType)} ${format.dateTime(delivery.createdAt)}`} onClick={() => void replay()}>
          {w.replay}
        </button>
        {result ? <div role={result.kind === "error" ? "alert" : "status"} className={result.kind === "error" ? "field-error" : "field-hint"}>{result.text}</div> : null}
      </td>
    </tr>
  );
}
