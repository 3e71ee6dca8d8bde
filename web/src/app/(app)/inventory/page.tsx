/** `/inventory`. */
import { StockLevels } from "@/features/inventory/StockLevels";

/** Stock levels and movements. */
export default function InventoryPage() {
  return <StockLevels />;
}
