/** `/inventory/counts`. */
import { CountList } from "@/features/counts/CountList";

/** Cycle counts. */
export default function CountsPage() {
  return <CountList />;
}
