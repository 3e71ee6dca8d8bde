import { describe, expect, it } from "vitest";
import { checkReceiptLines, checkTransferLines } from "./line-entries";

describe("checkTransferLines", () => {
  it("sends complete lines", () => {
    expect(checkTransferLines([{ productId: "a", quantity: " 5 " }, { productId: "b", quantity: "2" }])).toEqual({
      ok: true,
      lines: [{ productId: "a", quantity: 5 }, { productId: "b", quantity: 2 }],
    });
  });

  it("names each problem by its line and field", () => {
    const check = checkTransferLines([{ productId: "a", quantity: "0" }, { productId: "", quantity: "1.5" }, { productId: "a", quantity: "3" }]);
    expect(check).toEqual({
      ok: false,
      problems: {
        "lines.0.quantity": { kind: "positive" },
        "lines.1.productId": { kind: "required" },
        "lines.1.quantity": { kind: "positive" },
        "lines.2.productId": { kind: "duplicate" },
      },
    });
  });

  it("needs at least one line", () => {
    expect(checkTransferLines([])).toEqual({ ok: false, problems: { lines: { kind: "required" } } });
  });
});

describe("checkReceiptLines", () => {
  const outstanding = [
    { productId: "a", quantityOutstanding: 10 },
    { productId: "b", quantityOutstanding: 4 },
  ];

  it("receives part of a transfer, skipping blank and zero lines", () => {
    expect(checkReceiptLines(outstanding, { a: "6", b: "" })).toEqual({ ok: true, lines: [{ productId: "a", quantity: 6 }] });
    expect(checkReceiptLines(outstanding, { a: "0", b: "4" })).toEqual({ ok: true, lines: [{ productId: "b", quantity: 4 }] });
  });

  it("refuses more than is outstanding and text that is not a whole number", () => {
    expect(checkReceiptLines(outstanding, { a: "11", b: "-1" })).toEqual({
      ok: false,
      problems: { "lines.a": { kind: "overOutstanding", outstanding: 10 }, "lines.b": { kind: "positive" } },
    });
  });

  it("needs something to receive", () => {
    expect(checkReceiptLines(outstanding, {})).toEqual({ ok: false, problems: { lines: { kind: "nothingToReceive" } } });
  });
});
