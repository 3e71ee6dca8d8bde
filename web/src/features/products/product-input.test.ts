import { describe, expect, it } from "vitest";
import { checkProductForm, expectedVersion, readProductForm, toCreateInput, toUpdateInput, type ProductFormValues } from "./product-input";

function values(overrides: Partial<ProductFormValues> = {}): ProductFormValues {
  const form = new FormData();
  for (const [key, value] of Object.entries({ sku: " FS-1 ", nameTh: "น้ำปลา", unit: "ขวด", price: "45.50", ...overrides })) {
    form.set(key, value);
  }
  return readProductForm(form);
}

describe("product form", () => {
  it("trims and omits empty optional fields on create", () => {
    expect(toCreateInput(values({ weightGrams: "700" }))).toEqual({
      sku: "FS-1",
      nameTh: "น้ำปลา",
      unit: "ขวด",
      price: "45.50",
      barcode: undefined,
      nameEn: undefined,
      descriptionTh: undefined,
      descriptionEn: undefined,
      categoryId: undefined,
      cost: undefined,
      weightGrams: 700,
      lengthMm: undefined,
      widthMm: undefined,
      heightMm: undefined,
    });
  });

  it("finds missing required fields and broken whole numbers", () => {
    expect(checkProductForm(values({ sku: "", weightGrams: "1.5" }))).toEqual({ sku: "required", weightGrams: "wholeNumber" });
  });

  it("sends only changes on update, clearing emptied fields, with the version read", () => {
    const original = values({ nameEn: "Fish sauce", weightGrams: "700" });
    const edited = { ...original, nameEn: "", price: "47.00" };
    expect(toUpdateInput("p1", 3, edited, original)).toEqual({ id: "p1", expectedVersion: 3, nameEn: null, price: "47.00" });
  });

  it("follows a version bumped by an image change, but not one that changed the form's fields", () => {
    const opened = { version: 3, values: values() };
    expect(expectedVersion(opened, { version: 3, values: values() })).toBe(3);
    expect(expectedVersion(opened, { version: 4, values: values() })).toBe(4);
    expect(expectedVersion(opened, { version: 4, values: values({ price: "49.00" }) })).toBe(3);
  });
});
