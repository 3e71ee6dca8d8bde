"use client";
/**
 * Create or edit a product. Problems found in the browser and field errors from the API (`BAD_USER_INPUT`,
 * `CONFLICT` on `input.sku`) appear under their fields; a stale `expectedVersion` gets its own message.
 */
import { useState, type FormEvent } from "react";
import { useClient } from "urql";
import { Notice } from "@/components/Notice";
import { TextAreaField, TextField } from "@/components/Field";
import { useFormErrors } from "@/components/useFormErrors";
import { getFragmentData, type FragmentType } from "@/gql";
import type { ProductFormFieldsFragment as ProductFormFieldsData } from "@/gql/graphql";
import { executeMutation } from "@/lib/graphql/execute";
import { useI18n } from "@/lib/i18n/I18nProvider";
import { CategorySelect } from "./CategorySelect";
import { CreateProductMutation, ProductFormFieldsFragment, UpdateProductMutation } from "./operations";
import { checkProductForm, expectedVersion, readProductForm, toCreateInput, toUpdateInput, type ProductField, type ProductFormValues } from "./product-input";

interface ProductFormProps {
  /** The product to edit; absent to create one. */
  product?: FragmentType<typeof ProductFormFieldsFragment>;
  onSaved: (productId: string) => void;
  onCancel: () => void;
}

function valuesOf(product: ProductFormFieldsData | null): ProductFormValues {
  const text = (value: string | number | null | undefined) => (value === null || value === undefined ? "" : String(value));
  return {
    sku: text(product?.sku),
    barcode: text(product?.barcode),
    nameTh: text(product?.nameTh),
    nameEn: text(product?.nameEn),
    descriptionTh: text(product?.descriptionTh),
    descriptionEn: text(product?.descriptionEn),
    unit: text(product?.unit),
    price: text(product?.price),
    cost: text(product?.cost),
    categoryId: text(product?.categoryId),
    weightGrams: text(product?.weightGrams),
    lengthMm: text(product?.lengthMm),
    widthMm: text(product?.widthMm),
    heightMm: text(product?.heightMm),
  };
}

/** The form. */
export function ProductForm({ product: productRef, onSaved, onCancel }: ProductFormProps) {
  const { messages } = useI18n();
  const client = useClient();
  const product = productRef ? getFragmentData(ProductFormFieldsFragment, productRef) : null;
  // What the form opened with: the fields it shows and the version they belong to. The product may change under
  // it (an image uploaded on the edit screen bumps the version); `expectedVersion` decides which version to send.
  const [opened] = useState(() => ({ version: product?.version ?? 0, values: valuesOf(product) }));
  const original = opened.values;
  const [saving, setSaving] = useState(false);
  const { formError, fieldErrors, clear, showLocal, showApiError } = useFormErrors();
  const m = messages.products;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    const values = readProductForm(new FormData(event.currentTarget));
    const local = checkProductForm(values);
    if (Object.keys(local).length > 0) {
      showLocal(Object.fromEntries(Object.entries(local).map(([field, problem]) => [field, messages.errors[problem]])));
      return;
    }
    setSaving(true);
    try {
      if (product) {
        const data = await executeMutation(client, UpdateProductMutation, { input: toUpdateInput(product.id, expectedVersion(opened, { version: product.version, values: valuesOf(product) }), values, original) });
        onSaved(data.updateProduct.id);
      } else {
        const data = await executeMutation(client, CreateProductMutation, { input: toCreateInput(values) });
        onSaved(data.createProduct.id);
      }
    } catch (caught) {
      showApiError(caught, { CONFLICT: product ? m.conflict : undefined });
      setSaving(false);
    }
  }

  const field = (name: ProductField, label: string, extra: Record<string, unknown> = {}) => (
    <TextField key={name} label={label} name={name} defaultValue={original[name]} error={fieldErrors[name]} {...extra} />
  );

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <div className="form-row">
        {field("sku", m.sku, { required: true, autoComplete: "off" })}
        {field("barcode", `${m.barcode} ${messages.common.optional}`, { inputMode: "numeric", autoComplete: "off" })}
      </div>
      <div className="form-row">
        {field("nameTh", m.nameTh, { required: true, lang: "th" })}
        {field("nameEn", `${m.nameEn} ${messages.common.optional}`, { lang: "en" })}
      </div>
      <div className="form-row">
        <CategorySelect label={m.category} name="categoryId" defaultValue={original.categoryId} emptyLabel={m.noCategory} error={fieldErrors.categoryId} />
        {field("unit", m.unit, { required: true })}
      </div>
      <div className="form-row">
        {field("price", m.price, { required: true, inputMode: "decimal" })}
        {field("cost", `${m.cost} ${messages.common.optional}`, { inputMode: "decimal" })}
      </div>
      <TextAreaField label={`${m.descriptionTh} ${messages.common.optional}`} name="descriptionTh" lang="th" defaultValue={original.descriptionTh} error={fieldErrors.descriptionTh} />
      <TextAreaField label={`${m.descriptionEn} ${messages.common.optional}`} name="descriptionEn" lang="en" defaultValue={original.descriptionEn} error={fieldErrors.descriptionEn} />
      <div className="form-row">
        {field("weightGrams", m.weightGrams, { inputMode: "numeric" })}
        {field("lengthMm", m.lengthMm, { inputMode: "numeric" })}
        {field("widthMm", m.widthMm, { inputMode: "numeric" })}
        {field("heightMm", m.heightMm, { inputMode: "numeric" })}
      </div>
      <div className="form-row">
        <button type="submit" className="button" disabled={saving}>{saving ? messages.common.saving : messages.common.save}</button>
        <button type="button" className="button secondary" onClick={onCancel}>{messages.common.cancel}</button>
      </div>
    </form>
  );
}
