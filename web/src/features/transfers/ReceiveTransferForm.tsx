"use client";
/**
 * Receives what arrived of a transfer: one quantity per product still in transit (prefilled with all of it),
 * so a partial delivery is recorded by lowering the numbers. A blank or zero line is skipped.
 */
import { useState, type FormEvent } from "react";
import { useClient } from "urql";
import { Notice } from "@/components/Notice";
import { useFormErrors } from "@/components/useFormErrors";
import { useIdempotencyKey } from "@/components/useIdempotencyKey";
import type { TransfersQuery } from "@/gql/graphql";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { checkReceiptLines } from "@/features/inventory/line-entries";
import { lineProblemMessages } from "@/features/inventory/line-problem";
import { ReceiveTransferMutation } from "./operations";

/** A transfer as the list shows it. */
export type TransferRow = TransfersQuery["transfers"]["nodes"][number];

/** The receipt form of `transfer`; `onReceived` runs after the API accepted it. */
export function ReceiveTransferForm({ transfer, onReceived }: { transfer: TransferRow; onReceived: () => void }) {
  const { messages, format, locale } = useI18n();
  const client = useClient();
  const t = messages.transfers;
  const open = transfer.lines.filter((line) => line.quantityOutstanding > 0);
  const [entered, setEntered] = useState<Record<string, string>>(() =>
    Object.fromEntries(open.map((line) => [line.productId, String(line.quantityOutstanding)])),
  );
  const [saving, setSaving] = useState(false);
  const idempotency = useIdempotencyKey();
  const { formError, fieldErrors, clear, showLocal, showApiError } = useFormErrors();
  const title = t.receiveTitle(transfer.fromWarehouse?.code ?? "", transfer.toWarehouse?.code ?? "");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    const check = checkReceiptLines(open, entered);
    if (!check.ok) {
      showLocal(lineProblemMessages(messages, format, check.problems));
      return;
    }
    setSaving(true);
    try {
      await executeMutation(client, ReceiveTransferMutation, {
        input: { transferId: transfer.id, lines: check.lines, idempotencyKey: idempotency.key },
      });
      idempotency.renew();
      onReceived();
    } catch (caught) {
      // The API names a line by its place in what was sent (`lines.0.quantity`); show it on that product's row.
      showApiError(caught, {}, (field) => {
        const line = /^lines\.(\d+)\.\w+$/.exec(field);
        const sent = line ? check.lines[Number(line[1])] : undefined;
        return sent ? `lines.${sent.productId}` : field;
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form wide" onSubmit={onSubmit} noValidate aria-label={title}>
      <h3>{title}</h3>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      {fieldErrors.lines ? <p className="field-error" role="alert">{fieldErrors.lines}</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{messages.common.product}</th>
            <th scope="col" className="num">{t.quantitySent}</th>
            <th scope="col" className="num">{t.quantityReceived}</th>
            <th scope="col" className="num">{t.outstanding}</th>
            <th scope="col" className="num">{t.receiveNowColumn}</th>
          </tr>
        </thead>
        <tbody>
          {open.map((line) => {
            const name = line.product ? `${line.product.sku} · ${localName(locale, line.product)}` : line.productId;
            const error = fieldErrors[`lines.${line.productId}`];
            return (
              <tr key={line.productId}>
                <td>{name}</td>
                <td className="num">{format.number(line.quantitySent)}</td>
                <td className="num">{format.number(line.quantityReceived)}</td>
                <td className="num">{format.number(line.quantityOutstanding)}</td>
                <td className="num">
                  <input
                    className="quantity-input"
                    type="number"
                    min={0}
                    max={line.quantityOutstanding}
                    step={1}
                    aria-label={t.receiveNow(name)}
                    aria-invalid={Boolean(error)}
                    aria-describedby={error ? `receive-${transfer.id}-${line.productId}-error` : undefined}
                    value={entered[line.productId] ?? ""}
                    onChange={(event) => setEntered((all) => ({ ...all, [line.productId]: event.target.value }))}
                  />
                  {error ? <span id={`receive-${transfer.id}-${line.productId}-error`} className="field-error">{error}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div>
        <button type="submit" className="button" disabled={saving}>{saving ? messages.common.saving : t.saveReceipt}</button>
      </div>
    </form>
  );
}
