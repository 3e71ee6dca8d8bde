"use client";
/** A product's movement ledger, newest first, a page at a time. */
import { useQuery } from "urql";
import { Pager, useCursorPages } from "@/components/Pager";
import { TableStatus } from "@/components/TableStatus";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { ProductMovementsQuery } from "./operations";

/** The ledger table of `productId`. */
export function MovementHistory({ productId }: { productId: string }) {
  const { messages, format } = useI18n();
  const pages = useCursorPages();
  const [{ data, fetching, error }] = useQuery({ query: ProductMovementsQuery, variables: { productId, first: 20, after: pages.after } });
  const movements = data?.stockMovements.nodes ?? [];
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{messages.common.when}</th>
              <th scope="col">{messages.common.warehouse}</th>
              <th scope="col">{messages.history.action}</th>
              <th scope="col" className="num">{messages.common.quantity}</th>
              <th scope="col" className="num">{messages.stock.onHand}</th>
              <th scope="col">{messages.common.by}</th>
              <th scope="col">{messages.common.note}</th>
            </tr>
          </thead>
          <tbody>
            <TableStatus columns={7} fetching={fetching} error={error} empty={movements.length === 0} emptyText={messages.products.noMovements} skeletonRows={5} />
            {movements.map((movement) => (
              <tr key={movement.id}>
                <td>{format.dateTime(movement.occurredAt)}</td>
                <td>{movement.warehouse?.code}</td>
                <td>{messages.stock.movementType[movement.movementType]}</td>
                <td className="num">{movement.onHandDelta > 0 ? "+" : ""}{format.number(movement.onHandDelta)}</td>
                <td className="num">{format.number(movement.onHandAfter)}</td>
                <td>{movement.actor?.displayName ?? messages.history.system}</td>
                <td>{[movement.reason, movement.note].filter(Boolean).join(" · ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={pages.page} hasNextPage={data?.stockMovements.pageInfo.hasNextPage ?? false} endCursor={data?.stockMovements.pageInfo.endCursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
