/** `/products`. */
import { ProductList } from "@/features/products/ProductList";

/** The product list. */
export default function ProductsPage() {
  return <ProductList />;
}
