"use client";
/** Picks a product: type part of a Thai or English name, SKU or barcode, then choose from the matches. */
import { useState } from "react";
import { useQuery } from "urql";
import { SelectField, TextField } from "@/components/Field";
import { useDebounced } from "@/components/useDebounced";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { localName } from "@/lib/i18n/names";
import { ProductPickerQuery } from "./operations";

interface ProductPickerProps {
  value: string;
  onChange: (productId: string) => void;
  error?: string;
}

/** A search box and the matching products. */
export function ProductPicker({ value, onChange, error }: ProductPickerProps) {
  const { messages, locale } = useI18n();
  const [search, setSearch] = useState("");
  const settled = useDebounced(search.trim());
  const [{ data }] = useQuery({ query: ProductPickerQuery, variables: { search: settled || null } });
  const products = data?.products.nodes ?? [];
  return (
    <div className="form-row">
      <TextField label={messages.stock.productSearch} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      <SelectField label={messages.stock.chooseProduct} name="productId" value={value} error={error} required onChange={(event) => onChange(event.target.value)}>
        <option value="" disabled>{messages.stock.chooseProduct}</option>
        {products.map((product) => (
          <option key={product.id} value={product.id}>
            {product.sku} · {localName(locale, product)} ({product.unit})
          </option>
        ))}
      </SelectField>
    </div>
  );
}
