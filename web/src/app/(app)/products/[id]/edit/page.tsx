/** `/products/[id]/edit`. */
import { ProductEdit } from "@/features/products/ProductEditor";

/** Edit one product. */
export default async function EditProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProductEdit productId={id} />;
}
