/** `/history`. */
import { UsageHistory } from "@/features/history/UsageHistory";

/** The usage history. */
export default function HistoryPage() {
  return <UsageHistory />;
}
