/** `/webhooks`. */
import { WebhooksAdmin } from "@/features/webhooks/WebhooksAdmin";

/** Webhook subscribers. */
export default function WebhooksPage() {
  return <WebhooksAdmin />;
}
