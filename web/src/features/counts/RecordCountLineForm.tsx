"use client";
/** Records what was found on the shelf of one product in an open count (recording it again replaces it). */
import { useState, type FormEvent } from "react";
import { useClient } from "urql";
import { Notice } from "@/components/Notice";
import { TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useFormErrors";
import { useIdempotencyKey } from "@/components/useIdempotencyKey";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { ProductPicker } from "@/features/inventory/ProductPicker";
import { RecordCountLineMutation } from "./operations";

/** The form for the count `countId`. */
export function RecordCountLineForm({ countId }: { countId: string }) {
  const { messages, format } = useI18n();
  const client = useClient();
  const c = messages.counts;
  const [productId, setProductId] = useState("");
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const idempotency = useIdempotencyKey();
  const { formError, fieldErrors, clear, showLocal, showApiError } = useFormErrors();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    setDone(null);
    const formElement = event.currentTarget;
    const text = String(new FormData(formElement).get("countedQuantity") ?? "").trim();
    const local: Record<string, string> = {};
    if (!productId) local.productId = messages.errors.required;
    if (!/^\d+$/.test(text)) local.countedQuantity = messages.errors.zeroOrMore;
    if (Object.keys(local).length > 0) {
      showLocal(local);
      return;
    }
    const countedQuantity = Number.parseInt(text, 10);
    setSaving(true);
    try {
      await executeMutation(client, RecordCountLineMutation, { input: { countId, productId, countedQuantity, idempotencyKey: idempotency.key } });
      idempotency.renew();
      setDone(c.recorded(format.number(countedQuantity)));
      formElement.reset();
    } catch (caught) {
      showApiError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={c.record}>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      {done ? <Notice kind="success">{done}</Notice> : null}
      <ProductPicker value={productId} onChange={setProductId} error={fieldErrors.productId} />
      <TextField label={c.counted} name="countedQuantity" type="number" min={0} step={1} required error={fieldErrors.countedQuantity} />
      <div>
        <button type="submit" className="button" disabled={saving}>{saving ? messages.common.saving : c.record}</button>
      </div>
    </form>
  );
}
