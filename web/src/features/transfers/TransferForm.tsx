"use client";
/**
 * Sends stock from one warehouse to another: one or more product lines, checked in the browser first. The
 * idempotency key stays with the action until it succeeded, so a retry after a timeout sends it once.
 */
import { useState, type FormEvent } from "react";
import { useClient } from "urql";
import { Notice } from "@/components/Notice";
import { TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useFormErrors";
import { useIdempotencyKey } from "@/components/useIdempotencyKey";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { checkTransferLines, type LineDraft } from "@/features/inventory/line-entries";
import { lineProblemMessages } from "@/features/inventory/line-problem";
import { ProductPicker } from "@/features/inventory/ProductPicker";
import { WarehouseSelect } from "@/features/inventory/WarehouseSelect";
import { TransferStockMutation } from "./operations";

type Line = LineDraft & { id: number };

let nextLineId = 0;
function emptyLine(): Line {
  nextLineId += 1;
  return { id: nextLineId, productId: "", quantity: "" };
}

/** The form; `onSent` runs after a transfer was created. */
export function TransferForm({ onSent }: { onSent?: () => void }) {
  const { messages, format } = useI18n();
  const client = useClient();
  const t = messages.transfers;
  const [fromWarehouseId, setFrom] = useState("");
  const [toWarehouseId, setTo] = useState("");
  const [lines, setLines] = useState<Line[]>(() => [emptyLine()]);
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const idempotency = useIdempotencyKey();
  const { formError, fieldErrors, clear, showLocal, showApiError } = useFormErrors();

  const change = (id: number, patch: Partial<LineDraft>) => setLines((all) => all.map((line) => (line.id === id ? { ...line, ...patch } : line)));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    setDone(false);
    const check = checkTransferLines(lines);
    const local: Record<string, string> = check.ok ? {} : lineProblemMessages(messages, format, check.problems);
    if (!fromWarehouseId) local.fromWarehouseId = messages.errors.required;
    if (!toWarehouseId) local.toWarehouseId = messages.errors.required;
    if (!check.ok || Object.keys(local).length > 0) {
      showLocal(local);
      return;
    }
    setSaving(true);
    try {
      await executeMutation(client, TransferStockMutation, {
        input: { fromWarehouseId, toWarehouseId, lines: check.lines, note: note.trim() || null, idempotencyKey: idempotency.key },
      });
      idempotency.renew();
      setDone(true);
      setLines([emptyLine()]);
      setNote("");
      onSent?.();
    } catch (caught) {
      showApiError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={t.newTransfer}>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      {done ? <Notice kind="success">{t.sent}</Notice> : null}
      <div className="form-row">
        <WarehouseSelect label={t.from} value={fromWarehouseId} onChange={setFrom} activeOnly required error={fieldErrors.fromWarehouseId} />
        <WarehouseSelect label={t.to} value={toWarehouseId} onChange={setTo} activeOnly required error={fieldErrors.toWarehouseId} />
      </div>
      <fieldset>
        <legend>{t.lines}</legend>
        {fieldErrors.lines ? <p className="field-error" role="alert">{fieldErrors.lines}</p> : null}
        {lines.map((line, index) => (
          <fieldset key={line.id} className="line">
            <legend>{t.line(index + 1)}</legend>
            <ProductPicker value={line.productId} onChange={(productId) => change(line.id, { productId })} error={fieldErrors[`lines.${index}.productId`]} />
            <div className="form-row">
              <TextField
                label={messages.common.quantity}
                type="number"
                min={1}
                step={1}
                required
                value={line.quantity}
                onChange={(event) => change(line.id, { quantity: event.target.value })}
                error={fieldErrors[`lines.${index}.quantity`]}
              />
              {lines.length > 1 ? (
                <div className="field-action">
                  <button type="button" className="button secondary" onClick={() => setLines((all) => all.filter((other) => other.id !== line.id))}>
                    {t.removeLine(index + 1)}
                  </button>
                </div>
              ) : null}
            </div>
          </fieldset>
        ))}
        <button type="button" className="button secondary" onClick={() => setLines((all) => [...all, emptyLine()])}>{t.addLine}</button>
      </fieldset>
      <TextField label={`${messages.common.note} ${messages.common.optional}`} value={note} onChange={(event) => setNote(event.target.value)} error={fieldErrors.note} />
      <div>
        <button type="submit" className="button" disabled={saving}>{saving ? messages.common.saving : t.send}</button>
      </div>
    </form>
  );
}
