/**
 * Turns the product form into the API's create or update input: text trimmed, whole numbers parsed, empty
 * optional fields omitted on create and cleared (`null`) on update, unchanged fields left out of an update.
 */
import type { CreateProductInput, UpdateProductInput } from "@/gql/graphql";

/** Text fields; `sku`, `nameTh`, `unit` are required. */
const TEXT_FIELDS = ["sku", "barcode", "nameTh", "nameEn", "descriptionTh", "descriptionEn", "unit", "price", "cost", "categoryId"] as const;
const INT_FIELDS = ["weightGrams", "lengthMm", "widthMm", "heightMm"] as const;
const REQUIRED = new Set<string>(["sku", "nameTh", "unit", "price"]);

/** Every field name of the form. */
export type ProductField = (typeof TEXT_FIELDS)[number] | (typeof INT_FIELDS)[number];

/** The form's values as typed (strings), by field. */
export type ProductFormValues = Record<ProductField, string>;

/** Problems found before sending: `required` or `wholeNumber`, by field. */
export type LocalErrors = Partial<Record<ProductField, "required" | "wholeNumber">>;

/** Reads the form's values. */
export function readProductForm(form: FormData): ProductFormValues {
  const values = {} as ProductFormValues;
  for (const field of [...TEXT_FIELDS, ...INT_FIELDS]) {
    values[field] = String(form.get(field) ?? "").trim();
  }
  return values;
}

/** Checks what the browser can: required fields present, whole numbers whole. */
export function checkProductForm(values: ProductFormValues): LocalErrors {
  const errors: LocalErrors = {};
  for (const field of REQUIRED) {
    if (values[field as ProductField] === "") {
      errors[field as ProductField] = "required";
    }
  }
  for (const field of INT_FIELDS) {
    if (values[field] !== "" && !/^\d+$/.test(values[field])) {
      errors[field] = "wholeNumber";
    }
  }
  return errors;
}

function optional(value: string): string | undefined {
  return value === "" ? undefined : value;
}

function optionalInt(value: string): number | undefined {
  return value === "" ? undefined : Number.parseInt(value, 10);
}

/** The input of `createProduct` (assumes `checkProductForm` passed). */
export function toCreateInput(values: ProductFormValues): CreateProductInput {
  return {
    sku: values.sku,
    nameTh: values.nameTh,
    unit: values.unit,
    price: values.price,
    barcode: optional(values.barcode),
    nameEn: optional(values.nameEn),
    descriptionTh: optional(values.descriptionTh),
    descriptionEn: optional(values.descriptionEn),
    categoryId: optional(values.categoryId),
    cost: optional(values.cost),
    weightGrams: optionalInt(values.weightGrams),
    lengthMm: optionalInt(values.lengthMm),
    widthMm: optionalInt(values.widthMm),
    heightMm: optionalInt(values.heightMm),
  };
}

/**
 * The version an update is based on. The form opened at `opened.version`; when the product has moved on to
 * `latest.version` without any field the form edits changing (only images were added or removed), the form's
 * view is still current and the update goes against the latest version. Otherwise the opened version is sent,
 * so the API answers `CONFLICT` instead of silently overwriting someone else's change.
 */
export function expectedVersion(
  opened: { version: number; values: ProductFormValues },
  latest: { version: number; values: ProductFormValues },
): number {
  const unchanged = (Object.keys(opened.values) as ProductField[]).every((field) => opened.values[field] === latest.values[field]);
  return unchanged && latest.version > opened.version ? latest.version : opened.version;
}

/**
 * The input of `updateProduct`: only fields that differ from `original`, an emptied optional field as `null`,
 * and `expectedVersion` so a concurrent edit is refused rather than overwritten.
 */
export function toUpdateInput(id: string, version: number, values: ProductFormValues, original: ProductFormValues): UpdateProductInput {
  const input: UpdateProductInput = { id, expectedVersion: version };
  const changes = input as Record<string, unknown>;
  for (const field of [...TEXT_FIELDS, ...INT_FIELDS]) {
    if (values[field] === original[field]) {
      continue;
    }
    if (values[field] === "") {
      changes[field] = null;
    } else {
      changes[field] = (INT_FIELDS as readonly string[]).includes(field) ? Number.parseInt(values[field], 10) : values[field];
    }
  }
  return input;
}
