/** `/products/[id]`: a server component that reads the route parameter and renders the client screen. */
import { ProductDetail } from "@/features/products/ProductDetail";

/** One product. */
export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProductDetail productId={id} />;
}
