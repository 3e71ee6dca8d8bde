"use client";
/** One subscriber in the webhooks table: edit, (de)activate, new secret, and a link to its delivery log. */
import Link from "next/link";
import { useState } from "react";
import { useClient } from "urql";
import { useErrorMessage } from "@/components/ErrorNotice";
import type { WebhooksQuery } from "@/gql/graphql";
import { ApiError } from "@/lib/graphql/errors";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { RotateWebhookSecretMutation, UpdateWebhookMutation } from "./operations";
import type { ShownSecret } from "./SecretDialog";
import { WebhookForm } from "./WebhookForm";

type Webhook = WebhooksQuery["webhooks"][number];

/** The row, and the edit form below it when open. */
export function WebhookRow({ webhook, onSecret }: { webhook: Webhook; onSecret: (shown: ShownSecret) => void }) {
  const { messages } = useI18n();
  const w = messages.webhooks;
  const client = useClient();
  const errorMessage = useErrorMessage();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function run(action: () => Promise<string | null>) {
    setStatus(null);
    setBusy(true);
    try {
      const text = await action();
      setStatus(text ? { kind: "success", text } : null);
    } catch (caught) {
      setStatus({ kind: "error", text: caught instanceof ApiError ? errorMessage(caught) : messages.errors.NETWORK });
    } finally {
      setBusy(false);
    }
  }

  function toggleActive() {
    const isActive = !webhook.isActive;
    if (!isActive && !window.confirm(w.confirmDeactivate(webhook.name))) {
      return;
    }
    void run(async () => {
      await executeMutation(client, UpdateWebhookMutation, { input: { id: webhook.id, isActive } });
      return isActive ? w.activated(webhook.name) : w.deactivated(webhook.name);
    });
  }

  function rotate() {
    if (!window.confirm(w.confirmRotate(webhook.name))) {
      return;
    }
    void run(async () => {
      const data = await executeMutation(client, RotateWebhookSecretMutation, { id: webhook.id });
      onSecret({ secret: data.rotateWebhookSecret.secret, intro: w.secretRotated(webhook.name) });
      return null;
    });
  }

  return (
    <>
      <tr>
        <td>{webhook.name}</td>
        <td className="wrap-anywhere"><code>{webhook.url}</code></td>
        <td>{webhook.eventTypes.map((type) => <span key={type} className="badge" title={w.eventType[type]}>{type}</span>)}</td>
        <td>
          <span className={`badge ${webhook.isActive ? "ok" : "bad"}`}>{webhook.isActive ? messages.common.active : messages.common.inactive}</span>
        </td>
        <td className="row-actions">
          <Link href={`/webhooks/${webhook.id}`} aria-label={w.deliveriesOf(webhook.name)}>{w.deliveries}</Link>{" "}
          <button type="button" className="link-button" aria-expanded={editing} aria-label={w.editOf(webhook.name)} onClick={() => setEditing(!editing)}>
            {messages.common.edit}
          </button>{" "}
          <button type="button" className="link-button" disabled={busy} onClick={toggleActive}>
            {webhook.isActive ? w.deactivate : w.activate}
          </button>{" "}
          <button type="button" className="link-button" disabled={busy} onClick={rotate}>{w.rotate}</button>
          {status ? <div role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? "field-error" : "field-hint"}>{status.text}</div> : null}
        </td>
      </tr>
      {editing ? (
        <tr>
          <td colSpan={5}>
            <WebhookForm
              webhook={webhook}
              onSaved={() => {
                setEditing(false);
                setStatus({ kind: "success", text: w.updated });
              }}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
