/** `/inventory/counts/[id]`: reads the route parameter and renders the client screen. */
import { CountDetail } from "@/features/counts/CountDetail";

/** One cycle count. */
export default async function CountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <CountDetail countId={id} />;
}
