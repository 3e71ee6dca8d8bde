import { describe, expect, it } from "vitest";
import { diffEntries } from "./diff";

describe("diffEntries", () => {
  it("lists changed, added and removed fields and skips the rest", () => {
    expect(diffEntries({ price: "45.00", nameTh: "น้ำปลา", barcode: "885" }, { price: "47.00", nameTh: "น้ำปลา", nameEn: "Fish sauce" })).toEqual([
      { field: "barcode", before: "885", after: null, kind: "removed" },
      { field: "nameEn", before: null, after: "Fish sauce", kind: "added" },
      { field: "price", before: "45.00", after: "47.00", kind: "changed" },
    ]);
  });

  it("treats a missing side as empty", () => {
    expect(diffEntries(null, { roles: ["VIEWER"] })).toEqual([{ field: "roles", before: null, after: '["VIEWER"]', kind: "added" }]);
  });
});
