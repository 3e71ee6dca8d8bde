"use client";
/** One product: its details, images, stock in each warehouse and movement history; edit for those who may. */
import Link from "next/link";
import { useQuery } from "urql";
import { ErrorNotice } from "@/components/ErrorNotice";
import { Notice } from "@/components/Notice";
import { TableStatus } from "@/components/TableStatus";
import { useCan } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { MovementHistory } from "./MovementHistory";
import { ProductImages } from "./ProductImages";
import { ProductQuery } from "./operations";

/** The detail screen of `productId`. */
export function ProductDetail({ productId }: { productId: string }) {
  const { messages, format, locale } = useI18n();
  const m = messages.products;
  const canWrite = useCan("PRODUCT_WRITE");
  const [{ data, fetching, error }] = useQuery({ query: ProductQuery, variables: { id: productId } });
  const product = data?.product;

  if (!product) {
    return (
      <>
        <p><Link href="/products">{m.backToList}</Link></p>
        <ErrorNotice error={error} />
        {fetching ? <p role="status">{messages.app.loading}</p> : null}
        {!fetching && !error ? <Notice kind="info">{messages.errors.NOT_FOUND}</Notice> : null}
      </>
    );
  }
  return (
    <>
      <p><Link href="/products">{m.backToList}</Link></p>
      <div className="page-header">
        <h1>{localName(locale, product)}</h1>
        {canWrite ? <Link className="button" href={`/products/${product.id}/edit`}>{messages.common.edit}</Link> : null}
      </div>
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{messages.common.details}</h2>
        <dl className="props">
          <dt>{m.sku}</dt><dd>{product.sku}</dd>
          <dt>{m.barcode}</dt><dd>{product.barcode ?? "—"}</dd>
          <dt>{m.nameTh}</dt><dd lang="th">{product.nameTh}</dd>
          <dt>{m.nameEn}</dt><dd lang="en">{product.nameEn ?? "—"}</dd>
          <dt>{m.category}</dt><dd>{product.category ? localName(locale, product.category) : "—"}</dd>
          <dt>{m.unit}</dt><dd>{product.unit}</dd>
          <dt>{m.price}</dt><dd>{format.baht(product.price)}</dd>
          <dt>{m.cost}</dt><dd>{format.baht(product.cost)}</dd>
          <dt>{m.status}</dt><dd>{product.isActive ? messages.common.active : m.archivedOnly}</dd>
          <dt>{m.version}</dt><dd>{product.version} · {format.dateTime(product.updatedAt)}</dd>
        </dl>
        {product.descriptionTh || product.descriptionEn ? (
          <p>{locale === "en" && product.descriptionEn ? product.descriptionEn : product.descriptionTh}</p>
        ) : null}
      </section>
      <ProductImages productId={product.id} productName={localName(locale, product)} images={product.images} />
      <section className="card" aria-labelledby="stock-title">
        <h2 id="stock-title">{m.stockByWarehouse}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{messages.common.warehouse}</th>
                <th scope="col" className="num">{messages.stock.onHand}</th>
                <th scope="col" className="num">{messages.stock.reserved}</th>
                <th scope="col" className="num">{messages.stock.available}</th>
                <th scope="col" className="num">{messages.stock.reorderPoint}</th>
              </tr>
            </thead>
            <tbody>
              <TableStatus columns={5} fetching={false} error={undefined} empty={product.stockLevels.length === 0} emptyText={m.noStock} />
              {product.stockLevels.map((level) => (
                <tr key={level.warehouseId}>
                  <td>{level.warehouse ? `${level.warehouse.code} · ${localName(locale, level.warehouse)}` : level.warehouseId}</td>
                  <td className="num">{format.number(level.onHand)}</td>
                  <td className="num">{format.number(level.reserved)}</td>
                  <td className="num">
                    {format.number(level.available)} {level.belowReorderPoint ? <span className="badge low">{messages.stock.low}</span> : null}
                  </td>
                  <td className="num">{format.number(level.reorderPoint)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="movements-title">
        <h2 id="movements-title">{m.movements}</h2>
        <MovementHistory productId={product.id} />
      </section>
    </>
  );
}
