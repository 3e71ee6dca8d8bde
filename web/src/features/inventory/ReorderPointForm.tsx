"use client";
/**
 * Sets a reorder point and quantity (`stock:adjust`); the stock table, the low-stock list and figures follow.
 * Opened from a row of the stock table it edits that level. Without `level` (the inventory screen's tab) the user
 * picks the product and the warehouse, including a pair that has no stock level yet: `setReorderPoint` creates
 * the level (0 on hand) then. The current settings of the chosen pair, if any, are shown and prefilled. Like the
 * stock movements it carries an idempotency key, kept for a retry and renewed after a success.
 */
import { useState, type FormEvent } from "react";
import { useClient, useQuery } from "urql";
import { Notice } from "@/components/Notice";
import { TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useFormErrors";
import { useIdempotencyKey } from "@/components/useIdempotencyKey";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { ReorderLevelQuery, SetReorderPointMutation } from "./operations";
import { ProductPicker } from "./ProductPicker";
import { WarehouseSelect } from "./WarehouseSelect";

/** The level being edited, as the stock table shows it. */
export interface ReorderLevel {
  productId: string;
  warehouseId: string;
  reorderPoint: number;
  reorderQuantity: number;
}

interface ReorderPointFormProps {
  /** The level to edit; absent to choose a product and a warehouse in the form. */
  level?: ReorderLevel;
  /** Names the form for assistive technology, e.g. "ตั้งจุดสั่งซื้อของ RICE-1 ที่คลัง BKK". */
  label: string;
  /** Called after a save; without it the form shows its own success message and stays open. */
  onSaved?: () => void;
}

/** The fields a reorder point form checks and the API may name in `BAD_USER_INPUT` paths. */
export type ReorderField = "productId" | "warehouseId" | "reorderPoint" | "reorderQuantity";

/** Browser-side checks: both ids chosen, both numbers whole and not negative. */
export function checkReorderForm(values: Record<ReorderField, string>): ReorderField[] {
  const problems: ReorderField[] = [];
  for (const field of ["productId", "warehouseId"] as const) {
    if (!values[field]) problems.push(field);
  }
  for (const field of ["reorderPoint", "reorderQuantity"] as const) {
    if (!/^\d+$/.test(values[field].trim())) problems.push(field);
  }
  return problems;
}

/** The two numbers, prefilled with the current settings. */
export function ReorderPointForm({ level, label, onSaved }: ReorderPointFormProps) {
  const { messages, format } = useI18n();
  const client = useClient();
  const [chosenProduct, setChosenProduct] = useState("");
  const [chosenWarehouse, setChosenWarehouse] = useState("");
  const productId = level?.productId ?? chosenProduct;
  const warehouseId = level?.warehouseId ?? chosenWarehouse;
  const [{ data, fetching: loadingCurrent, operation }] = useQuery({
    query: ReorderLevelQuery,
    variables: { productId, warehouseId },
    pause: level !== undefined || !productId || !warehouseId,
    requestPolicy: "cache-and-network",
  });
  // Only an answer about the pair chosen now (not the previous choice's, still shown while the new one loads).
  const current = operation?.variables.productId === productId && operation.variables.warehouseId === warehouseId ? data : undefined;
  const existing = level ?? current?.stockLevels.nodes[0] ?? null;
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const idempotency = useIdempotencyKey();
  const { formError, fieldErrors, clear, showLocal, showApiError } = useFormErrors();
  const s = messages.stock;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const values = {
      productId,
      warehouseId,
      reorderPoint: String(form.get("reorderPoint") ?? "").trim(),
      reorderQuantity: String(form.get("reorderQuantity") ?? "").trim(),
    };
    const problems = checkReorderForm(values);
    if (problems.length > 0) {
      showLocal(Object.fromEntries(problems.map((field) => [field, field.endsWith("Id") ? messages.errors.required : messages.errors.zeroOrMore])));
      return;
    }
    setSaving(true);
    try {
      await executeMutation(client, SetReorderPointMutation, {
        input: {
          productId,
          warehouseId,
          reorderPoint: Number(values.reorderPoint),
          reorderQuantity: Number(values.reorderQuantity),
          idempotencyKey: idempotency.key,
        },
      });
      idempotency.renew();
      if (onSaved) {
        onSaved();
      } else {
        setSaved(true);
      }
    } catch (caught) {
      showApiError(caught);
    } finally {
      setSaving(false);
    }
  }

  const chosen = level === undefined && productId !== "" && warehouseId !== "";
  // Remounts the number fields when the chosen pair or its loaded settings change, so they show those settings.
  const numbersKey = level ? "level" : `${productId}:${warehouseId}:${existing ? "level" : "none"}`;
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={label}>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      {saved ? <Notice kind="success">{s.reorderSaved}</Notice> : null}
      {level ? null : (
        <>
          <ProductPicker value={chosenProduct} onChange={(id) => { setChosenProduct(id); setSaved(false); clear(); }} error={fieldErrors.productId} />
          <WarehouseSelect
            label={messages.common.warehouse}
            value={chosenWarehouse}
            onChange={(id) => { setChosenWarehouse(id); setSaved(false); clear(); }}
            activeOnly
            required
            error={fieldErrors.warehouseId}
          />
        </>
      )}
      {chosen && !loadingCurrent && current ? (
        <p className="field-hint" role="status">
          {existing ? s.reorderCurrent(format.number(existing.reorderPoint), format.number(existing.reorderQuantity)) : s.reorderNoLevel}
        </p>
      ) : null}
      <div className="form-row" key={numbersKey}>
        <TextField label={s.reorderPoint} name="reorderPoint" type="number" min={0} step={1} defaultValue={existing?.reorderPoint ?? 0} required error={fieldErrors.reorderPoint} />
        <TextField label={s.reorderQuantity} name="reorderQuantity" type="number" min={0} step={1} defaultValue={existing?.reorderQuantity ?? 0} required error={fieldErrors.reorderQuantity} />
      </div>
      <div>
        <button type="submit" className="button" disabled={saving}>{saving ? messages.common.saving : messages.common.save}</button>
      </div>
    </form>
  );
}
