"use client";
/** The product list: Thai search, category/status filters, sorting and cursor pages. */
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "urql";
import { SelectField, TextField } from "@/components/Field";
import { Pager, useCursorPages } from "@/components/Pager";
import { TableStatus } from "@/components/TableStatus";
import { useDebounced } from "@/components/useDebounced";
import type { ProductSort } from "@/gql/graphql";
import { useCan } from "@/lib/auth/viewer";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { CategorySelect } from "./CategorySelect";
import { ProductsQuery } from "./operations";

const PAGE_SIZE = 20;
const SORTS: { value: ProductSort; label: "sortNewest" | "sortName" | "sortSku" | "sortPriceAsc" | "sortPriceDesc" }[] = [
  { value: "NEWEST", label: "sortNewest" },
  { value: "NAME", label: "sortName" },
  { value: "SKU", label: "sortSku" },
  { value: "PRICE_ASC", label: "sortPriceAsc" },
  { value: "PRICE_DESC", label: "sortPriceDesc" },
];

/** The products screen. */
export function ProductList() {
  const { messages, format, locale } = useI18n();
  const m = messages.products;
  const canWrite = useCan("PRODUCT_WRITE");
  const [search, setSearch] = useState("");
  const [categoryId, setCategoryId] = useState("");
  const [status, setStatus] = useState("active");
  const [sort, setSort] = useState<ProductSort>("NEWEST");
  const pages = useCursorPages();
  const deferredSearch = useDebounced(search.trim());

  const filter = {
    search: deferredSearch || null,
    categoryId: categoryId || null,
    active: status === "all" ? null : status === "active",
  };
  const [{ data, fetching, error }] = useQuery({
    query: ProductsQuery,
    variables: { filter, sort, first: PAGE_SIZE, after: pages.after },
  });
  const products = data?.products.nodes ?? [];
  const changeFilter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    pages.reset();
  };

  return (
    <>
      <div className="page-header">
        <h1>{m.title}</h1>
        {canWrite ? <Link className="button" href="/products/new">{m.newProduct}</Link> : null}
      </div>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <TextField className="grow" label={m.searchLabel} type="search" value={search} onChange={(event) => changeFilter(setSearch)(event.target.value)} />
        <CategorySelect label={m.category} value={categoryId} onChange={changeFilter(setCategoryId)} emptyLabel={m.allCategories} />
        <SelectField label={m.status} value={status} onChange={(event) => changeFilter(setStatus)(event.target.value)}>
          <option value="active">{m.activeOnly}</option>
          <option value="archived">{m.archivedOnly}</option>
          <option value="all">{messages.common.all}</option>
        </SelectField>
        <SelectField label={m.sort} value={sort} onChange={(event) => changeFilter(setSort)(event.target.value as ProductSort)}>
          {SORTS.map((option) => <option key={option.value} value={option.value}>{m[option.label]}</option>)}
        </SelectField>
      </form>
      <div className="table-wrap" aria-busy={fetching}>
        <table>
          <thead>
            <tr>
              <th scope="col">{m.sku}</th>
              <th scope="col">{m.name}</th>
              <th scope="col">{m.category}</th>
              <th scope="col" className="num">{m.price}</th>
              <th scope="col" className="num">{m.available}</th>
            </tr>
          </thead>
          <tbody>
            <TableStatus columns={5} fetching={fetching} error={error} empty={products.length === 0} emptyText={m.noResults} skeletonRows={PAGE_SIZE} />
            {products.map((product) => (
              <tr key={product.id}>
                <td>{product.sku}</td>
                <td>
                  <Link href={`/products/${product.id}`}>{localName(locale, product)}</Link>
                  {product.isActive ? null : <> <span className="badge">{m.archivedOnly}</span></>}
                </td>
                <td>{product.category ? localName(locale, product.category) : "—"}</td>
                <td className="num">{format.baht(product.price)}</td>
                <td className="num">{format.number(product.totalAvailable)} {product.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={pages.page} hasNextPage={data?.products.pageInfo.hasNextPage ?? false} endCursor={data?.products.pageInfo.endCursor} onNext={pages.next} onPrevious={pages.previous} />
    </>
  );
}
