/** `/products/new`. */
import { ProductCreate } from "@/features/products/ProductEditor";

/** A new product. */
export default function NewProductPage() {
  return <ProductCreate />;
}
