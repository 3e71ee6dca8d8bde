/** `/inventory/transfers`. */
import { TransferList } from "@/features/transfers/TransferList";

/** Transfers between warehouses. */
export default function TransfersPage() {
  return <TransferList />;
}
