"use client";
/**
 * Receive, issue or adjust stock. Each attempt carries an idempotency key that is kept until it succeeds, so
 * pressing save again after a timeout applies the movement once.
 */
import { useState, type FormEvent } from "react";
import { useClient } from "urql";
import { Notice } from "@/components/Notice";
import { TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useFormErrors";
import { useIdempotencyKey } from "@/components/useIdempotencyKey";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { AdjustStockMutation, IssueStockMutation, ReceiveStockMutation } from "./operations";
import { ProductPicker } from "./ProductPicker";
import { WarehouseSelect } from "./WarehouseSelect";

/** The movements this form makes. */
export type MoveKind = "receive" | "issue" | "adjust";

/** The form of one kind of movement. */
export function StockMoveForm({ kind }: { kind: MoveKind }) {
  const { messages, format } = useI18n();
  const client = useClient();
  const [productId, setProductId] = useState("");
  const [warehouseId, setWarehouseId] = useState("");
  const idempotency = useIdempotencyKey();
  const idempotencyKey = idempotency.key;
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { formError, fieldErrors, clear, showLocal, showApiError } = useFormErrors();
  const s = messages.stock;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    setDone(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const quantityText = String(form.get("quantity") ?? "").trim();
    const note = String(form.get("note") ?? "").trim() || null;
    const local: Record<string, string> = {};
    if (!productId) local.productId = messages.errors.required;
    if (!warehouseId) local.warehouseId = messages.errors.required;
    if (!/^-?\d+$/.test(quantityText)) local[kind === "adjust" ? "quantityChange" : "quantity"] = messages.errors.wholeNumber;
    if (Object.keys(local).length > 0) {
      showLocal(local);
      return;
    }
    const quantity = Number.parseInt(quantityText, 10);
    setSaving(true);
    try {
      if (kind === "adjust") {
        await executeMutation(client, AdjustStockMutation, {
          input: { productId, warehouseId, quantityChange: quantity, reason: String(form.get("reason") ?? "").trim(), note, idempotencyKey },
        });
      } else {
        const input = {
          productId,
          warehouseId,
          quantity,
          note,
          referenceType: String(form.get("referenceType") ?? "").trim() || null,
          referenceId: String(form.get("referenceId") ?? "").trim() || null,
          idempotencyKey,
        };
        if (kind === "receive") {
          await executeMutation(client, ReceiveStockMutation, { input });
        } else {
          await executeMutation(client, IssueStockMutation, { input });
        }
      }
      setDone(s.done(s[kind], format.number(quantity)));
      idempotency.renew();
      formElement.reset();
    } catch (caught) {
      showApiError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={s[kind]}>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      {done ? <Notice kind="success">{done}</Notice> : null}
      <ProductPicker value={productId} onChange={setProductId} error={fieldErrors.productId} />
      <div className="form-row">
        <WarehouseSelect label={messages.common.warehouse} value={warehouseId} onChange={setWarehouseId} activeOnly required error={fieldErrors.warehouseId} />
        {kind === "adjust" ? (
          <TextField label={s.quantityChange} name="quantity" inputMode="numeric" required error={fieldErrors.quantityChange} />
        ) : (
          <TextField label={messages.common.quantity} name="quantity" type="number" min={1} step={1} required error={fieldErrors.quantity} />
        )}
      </div>
      {kind === "adjust" ? (
        <TextField label={s.reason} name="reason" required error={fieldErrors.reason} />
      ) : (
        <div className="form-row">
          <TextField label={`${s.referenceType} ${messages.common.optional}`} name="referenceType" error={fieldErrors.referenceType} />
          <TextField label={`${s.referenceId} ${messages.common.optional}`} name="referenceId" error={fieldErrors.referenceId} />
        </div>
      )}
      <TextField label={`${messages.common.note} ${messages.common.optional}`} name="note" error={fieldErrors.note} />
      <div>
        <button type="submit" className="button" disabled={saving}>{saving ? messages.common.saving : s[kind]}</button>
      </div>
    </form>
  );
}
