"use client";
/** Sets a stock level's reorder point and quantity (`stock:adjust`); the row and the low-stock figures follow. */
import { useState, type FormEvent } from "react";
import { useClient } from "urql";
import { Notice } from "@/components/Notice";
import { TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useFormErrors";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { SetReorderPointMutation } from "./operations";

interface ReorderPointFormProps {
  productId: string;
  warehouseId: string;
  reorderPoint: number;
  reorderQuantity: number;
  /** Names the level for assistive technology, e.g. "ตั้งจุดสั่งซื้อของ RICE-1 ที่คลัง BKK". */
  label: string;
  onSaved: () => void;
}

/** The two numbers, prefilled with the current settings. */
export function ReorderPointForm({ productId, warehouseId, reorderPoint, reorderQuantity, label, onSaved }: ReorderPointFormProps) {
  const { messages } = useI18n();
  const client = useClient();
  const [saving, setSaving] = useState(false);
  const { formError, fieldErrors, clear, showLocal, showApiError } = useFormErrors();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    const form = new FormData(event.currentTarget);
    const values = { reorderPoint: String(form.get("reorderPoint") ?? "").trim(), reorderQuantity: String(form.get("reorderQuantity") ?? "").trim() };
    const local = Object.fromEntries(Object.entries(values).filter(([, text]) => !/^\d+$/.test(text)).map(([field]) => [field, messages.errors.zeroOrMore]));
    if (Object.keys(local).length > 0) {
      showLocal(local);
      return;
    }
    setSaving(true);
    try {
      await executeMutation(client, SetReorderPointMutation, {
        input: { productId, warehouseId, reorderPoint: Number(values.reorderPoint), reorderQuantity: Number(values.reorderQuantity) },
      });
      onSaved();
    } catch (caught) {
      showApiError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={label}>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <div className="form-row">
        <TextField label={messages.stock.reorderPoint} name="reorderPoint" type="number" min={0} step={1} defaultValue={reorderPoint} required error={fieldErrors.reorderPoint} />
        <TextField label={messages.stock.reorderQuantity} name="reorderQuantity" type="number" min={0} step={1} defaultValue={reorderQuantity} required error={fieldErrors.reorderQuantity} />
      </div>
      <div>
        <button type="submit" className="button" disabled={saving}>{saving ? messages.common.saving : messages.common.save}</button>
      </div>
    </form>
  );
}
