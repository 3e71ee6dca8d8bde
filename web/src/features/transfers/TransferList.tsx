"use client";
/** `/inventory/transfers`: send a transfer, and follow or receive the transfers in transit. */
import { Fragment, useState } from "react";
import { useQuery } from "urql";
import { SelectField } from "@/components/Field";
import { Notice } from "@/components/Notice";
import { Pager, useCursorPages } from "@/components/Pager";
import { TableStatus } from "@/components/TableStatus";
import type { TransferStatus } from "@/gql/graphql";
import { useCan } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { WarehouseSelect } from "@/features/inventory/WarehouseSelect";
import { TransfersQuery } from "./operations";
import { ReceiveTransferForm } from "./ReceiveTransferForm";
import { TransferForm } from "./TransferForm";

const STATUSES: readonly TransferStatus[] = ["IN_TRANSIT", "PARTIALLY_RECEIVED", "RECEIVED"];
const STATUS_BADGE: Record<TransferStatus, string> = { IN_TRANSIT: "low", PARTIALLY_RECEIVED: "low", RECEIVED: "ok" };

/** The transfers screen. */
export function TransferList() {
  const { messages, format, locale } = useI18n();
  const t = messages.transfers;
  const canMove = useCan("STOCK_MOVE");
  const [status, setStatus] = useState<TransferStatus | "">("");
  const [warehouseId, setWarehouseId] = useState("");
  const [receiving, setReceiving] = useState<string | null>(null);
  const [received, setReceived] = useState(false);
  const pages = useCursorPages();
  const [{ data, fetching, error }] = useQuery({
    query: TransfersQuery,
    variables: { status: status || null, warehouseId: warehouseId || null, first: 20, after: pages.after },
  });
  const transfers = data?.transfers.nodes ?? [];
  const columns = canMove ? 5 : 4;

  return (
    <>
      <h1>{t.title}</h1>
      {canMove ? (
        <section className="card" aria-labelledby="new-transfer-title">
          <h2 id="new-transfer-title">{t.newTransfer}</h2>
          <TransferForm onSent={pages.reset} />
        </section>
      ) : null}
      <div className="filters">
        <SelectField label={t.status} value={status} onChange={(event) => { setStatus(event.target.value as TransferStatus | ""); pages.reset(); }}>
          <option value="">{t.allStatuses}</option>
          {STATUSES.map((value) => <option key={value} value={value}>{t.statuses[value]}</option>)}
        </SelectField>
        <WarehouseSelect label={messages.common.warehouse} value={warehouseId} allowAll onChange={(value) => { setWarehouseId(value); pages.reset(); }} />
      </div>
      {received ? <Notice kind="success">{t.received}</Notice> : null}
      <div className="table-wrap" aria-busy={fetching}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.createdAt}</th>
              <th scope="col">{t.route}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.products}</th>
              {canMove ? <th scope="col">{messages.common.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            <TableStatus columns={columns} fetching={fetching} error={error} empty={transfers.length === 0} emptyText={t.noTransfers} />
            {transfers.map((transfer) => (
              <Fragment key={transfer.id}>
                <tr>
                  <td>{format.dateTime(transfer.createdAt)}{transfer.note ? <div className="field-hint">{transfer.note}</div> : null}</td>
                  <td>{transfer.fromWarehouse?.code} → {transfer.toWarehouse?.code}</td>
                  <td><span className={`badge ${STATUS_BADGE[transfer.status]}`}>{t.statuses[transfer.status]}</span></td>
                  <td>
                    <ul className="plain">
                      {transfer.lines.map((line) => (
                        <li key={line.productId}>
                          {line.product ? `${line.product.sku} · ${localName(locale, line.product)}` : line.productId}:{" "}
                          {format.number(line.quantityReceived)} / {format.number(line.quantitySent)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  {canMove ? (
                    <td>
                      {transfer.status !== "RECEIVED" ? (
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={receiving === transfer.id}
                          onClick={() => { setReceived(false); setReceiving(receiving === transfer.id ? null : transfer.id); }}
                        >
                          {t.receive}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
                {receiving === transfer.id ? (
                  <tr>
                    <td colSpan={columns}>
                      <ReceiveTransferForm transfer={transfer} onReceived={() => { setReceiving(null); setReceived(true); }} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={pages.page} hasNextPage={data?.transfers.pageInfo.hasNextPage ?? false} endCursor={data?.transfers.pageInfo.endCursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
