"use client";
/** Opens a cycle count of one warehouse and goes to it. */
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useClient } from "urql";
import { Notice } from "@/components/Notice";
import { TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useFormErrors";
import { useIdempotencyKey } from "@/components/useIdempotencyKey";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { WarehouseSelect } from "@/features/inventory/WarehouseSelect";
import { StartStockCountMutation } from "./operations";

/** The form (`stock:adjust` only). */
export function StartCountForm() {
  const { messages } = useI18n();
  const client = useClient();
  const router = useRouter();
  const [warehouseId, setWarehouseId] = useState("");
  const [saving, setSaving] = useState(false);
  const idempotency = useIdempotencyKey();
  const { formError, fieldErrors, clear, showLocal, showApiError } = useFormErrors();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    if (!warehouseId) {
      showLocal({ warehouseId: messages.errors.required });
      return;
    }
    const note = String(new FormData(event.currentTarget).get("note") ?? "").trim() || null;
    setSaving(true);
    try {
      const data = await executeMutation(client, StartStockCountMutation, { input: { warehouseId, note, idempotencyKey: idempotency.key } });
      idempotency.renew();
      router.push(`/inventory/counts/${data.startStockCount.id}`);
    } catch (caught) {
      showApiError(caught);
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={messages.counts.startTitle}>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <div className="form-row">
        <WarehouseSelect label={messages.common.warehouse} value={warehouseId} onChange={setWarehouseId} activeOnly required error={fieldErrors.warehouseId} />
        <TextField label={`${messages.common.note} ${messages.common.optional}`} name="note" error={fieldErrors.note} />
      </div>
      <div>
        <button type="submit" className="button" disabled={saving}>{saving ? messages.common.saving : messages.counts.start}</button>
      </div>
    </form>
  );
}
