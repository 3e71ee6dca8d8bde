"use client";
/** Webhooks: the subscribers, adding one (its secret shown once), editing, (de)activating, new secrets. */
import { useState } from "react";
import { useQuery } from "urql";
import { Notice } from "@/components/Notice";
import { TableStatus } from "@/components/TableStatus";
import { useCan } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { WebhooksQuery } from "./operations";
import { SecretDialog, type ShownSecret } from "./SecretDialog";
import { WebhookForm } from "./WebhookForm";
import { WebhookRow } from "./WebhookRow";

/** The webhooks screen (needs `webhook:manage`). */
export function WebhooksAdmin() {
  const { messages } = useI18n();
  const w = messages.webhooks;
  const canManage = useCan("WEBHOOK_MANAGE");
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: WebhooksQuery, pause: !canManage });
  if (!canManage) {
    return <Notice kind="error">{messages.errors.FORBIDDEN}</Notice>;
  }
  const webhooks = data?.webhooks ?? [];
  return (
    <>
      <h1>{w.title}</h1>
      <p className="field-hint">{w.intro}</p>
      <details className="card">
        <summary>{w.newWebhook}</summary>
        <WebhookForm onCreated={setShown} />
      </details>
      <div className="table-wrap" aria-busy={fetching}>
        <table>
          <thead>
            <tr>
              <th scope="col">{w.name}</th>
              <th scope="col">{w.url}</th>
              <th scope="col">{w.eventTypes}</th>
              <th scope="col">{w.status}</th>
              <th scope="col">{messages.common.actions}</th>
            </tr>
          </thead>
          <tbody>
            <TableStatus columns={5} fetching={fetching} error={error} empty={webhooks.length === 0} emptyText={w.noWebhooks} skeletonRows={3} />
            {webhooks.map((webhook) => <WebhookRow key={webhook.id} webhook={webhook} onSecret={setShown} />)}
          </tbody>
        </table>
      </div>
      {shown ? <SecretDialog shown={shown} onClose={() => setShown(null)} /> : null}
    </>
  );
}
