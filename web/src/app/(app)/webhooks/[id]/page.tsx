/** `/webhooks/:id`: a subscriber's delivery log. */
import { DeliveryLog } from "@/features/webhooks/DeliveryLog";

/** The delivery log. */
export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DeliveryLog webhookId={id} />;
}
