"use client";
/** The create and edit screens around `ProductForm`. */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery } from "urql";
import { ErrorNotice } from "@/components/ErrorNotice";
import { Notice } from "@/components/Notice";
import { useCan } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { ProductForm } from "./ProductForm";
import { ProductImages } from "./ProductImages";
import { ProductQuery } from "./operations";

function Forbidden() {
  const { messages } = useI18n();
  return <Notice kind="error">{messages.errors.FORBIDDEN}</Notice>;
}

/** `/products/new`. */
export function ProductCreate() {
  const { messages } = useI18n();
  const router = useRouter();
  const canWrite = useCan("PRODUCT_WRITE");
  return (
    <>
      <p><Link href="/products">{messages.products.backToList}</Link></p>
      <h1>{messages.products.createTitle}</h1>
      {canWrite ? <ProductForm onSaved={(id) => router.push(`/products/${id}`)} onCancel={() => router.push("/products")} /> : <Forbidden />}
    </>
  );
}

/**
 * `/products/[id]/edit`: the form, and below it the same image section as the detail screen. Uploading or
 * removing an image bumps the product's version; the form stays mounted (typed changes are kept) and saves
 * against the new version as long as its own fields are unchanged (see `expectedVersion`).
 */
export function ProductEdit({ productId }: { productId: string }) {
  const { messages, locale } = useI18n();
  const router = useRouter();
  const canWrite = useCan("PRODUCT_WRITE");
  const [{ data, fetching, error }] = useQuery({ query: ProductQuery, variables: { id: productId }, requestPolicy: "network-only" });
  const back = () => router.push(`/products/${productId}`);
  return (
    <>
      <p><Link href={`/products/${productId}`}>{messages.common.cancel}</Link></p>
      <h1>{data?.product ? messages.products.editTitle(data.product.sku) : messages.common.edit}</h1>
      <ErrorNotice error={error} />
      {fetching && !data ? <p role="status">{messages.app.loading}</p> : null}
      {!canWrite ? <Forbidden /> : data?.product ? (
        <>
          <ProductForm key={data.product.id} product={data.product} onSaved={back} onCancel={back} />
          <ProductImages productId={data.product.id} productName={localName(locale, data.product)} images={data.product.images} />
        </>
      ) : null}
    </>
  );
}
