/** The cycle count flow's components: open a count, record lines, complete it. */
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { apiError, badUserInput, mockClient, pickerQueries, renderWithApi, viewerWith, type Answer } from "@/test-support/mock-api";
import { CountDetail } from "./CountDetail";
import { RecordCountLineForm } from "./RecordCountLineForm";
import { StartCountForm } from "./StartCountForm";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }) }));

beforeEach(() => push.mockReset());

const keyOf = (variables: Record<string, unknown>) => (variables.input as { idempotencyKey: string }).idempotencyKey;
const describedText = (control: HTMLElement) => document.getElementById(control.getAttribute("aria-describedby") ?? "")?.textContent;

describe("StartCountForm", () => {
  it("needs a warehouse before calling the API", async () => {
    const { client, sent } = mockClient({ queries: pickerQueries });
    renderWithApi(<StartCountForm />, client);
    await userEvent.setup().click(screen.getByRole("button", { name: "เริ่มตรวจนับ" }));
    expect(sent).toEqual([]);
    expect(describedText(screen.getByLabelText("คลังสินค้า"))).toBe("ต้องกรอกช่องนี้");
  });

  it("maps the API's field errors, retries with the same key, then opens the new count", async () => {
    let answer: Answer = badUserInput({ "input.warehouseId": "the warehouse already has an open count", "input.note": "too long" });
    const { client, sent } = mockClient({ queries: pickerQueries, mutations: { StartStockCount: () => answer } });
    renderWithApi(<StartCountForm />, client);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("คลังสินค้า"), "w-cnx");
    await user.type(screen.getByLabelText("หมายเหตุ (ไม่บังคับ)"), " นับสิ้นเดือน ");
    await user.click(screen.getByRole("button", { name: "เริ่มตรวจนับ" }));

    expect(await screen.findByText("ไม่ถูกต้อง: the warehouse already has an open count")).toBeTruthy();
    expect(screen.getByLabelText("คลังสินค้า").getAttribute("aria-invalid")).toBe("true");
    expect(describedText(screen.getByLabelText("หมายเหตุ (ไม่บังคับ)"))).toBe("ไม่ถูกต้อง: too long");
    expect(push).not.toHaveBeenCalled();

    answer = { data: { startStockCount: { __typename: "StockCount", id: "c-9", status: "OPEN" } } };
    await user.click(screen.getByRole("button", { name: "เริ่มตรวจนับ" }));
    await vi.waitFor(() => expect(push).toHaveBeenCalledWith("/inventory/counts/c-9"));
    expect(sent.map((call) => call.variables)).toEqual([
      { input: { warehouseId: "w-cnx", note: "นับสิ้นเดือน", idempotencyKey: expect.any(String) } },
      { input: { warehouseId: "w-cnx", note: "นับสิ้นเดือน", idempotencyKey: keyOf(sent[0]!.variables) } },
    ]);
  });
});

describe("RecordCountLineForm", () => {
  const recorded: Answer = { data: { recordCountLine: { __typename: "StockCount", id: "c-1", status: "OPEN", lines: [] } } };

  it("needs a product and a whole number of at least 0", async () => {
    const { client, sent } = mockClient({ queries: pickerQueries });
    renderWithApi(<RecordCountLineForm countId="c-1" />, client);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("นับได้"), "-2");
    await user.click(screen.getByRole("button", { name: "บันทึกผลนับ" }));
    expect(sent).toEqual([]);
    expect(describedText(screen.getByLabelText("เลือกสินค้า"))).toBe("ต้องกรอกช่องนี้");
    expect(describedText(screen.getByLabelText("นับได้"))).toBe("ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป");
  });

  it("sends the line, shows the API's field error under the quantity, and renews the key after a success", async () => {
    let answer: Answer = badUserInput({ "input.countedQuantity": "must not exceed 1000000" });
    const { client, sent } = mockClient({ queries: pickerQueries, mutations: { RecordCountLine: () => answer } });
    renderWithApi(<RecordCountLineForm countId="c-1" />, client);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("เลือกสินค้า"), "p-fish");
    await user.type(screen.getByLabelText("นับได้"), "0");
    await user.click(screen.getByRole("button", { name: "บันทึกผลนับ" }));
    expect(await screen.findByText("ไม่ถูกต้อง: must not exceed 1000000")).toBeTruthy();
    expect(screen.getByLabelText("นับได้").getAttribute("aria-invalid")).toBe("true");

    answer = recorded;
    await user.click(screen.getByRole("button", { name: "บันทึกผลนับ" }));
    expect(await screen.findByText("บันทึกผลนับ 0 หน่วยแล้ว (บันทึกสินค้าเดิมซ้ำจะแทนค่าเก่า)")).toBeTruthy();
    expect((screen.getByLabelText("นับได้") as HTMLInputElement).value).toBe("");

    await user.type(screen.getByLabelText("นับได้"), "24");
    await user.click(screen.getByRole("button", { name: "บันทึกผลนับ" }));
    expect(sent.map((call) => call.variables)).toEqual([
      { input: { countId: "c-1", productId: "p-fish", countedQuantity: 0, idempotencyKey: expect.any(String) } },
      { input: { countId: "c-1", productId: "p-fish", countedQuantity: 0, idempotencyKey: keyOf(sent[0]!.variables) } },
      { input: { countId: "c-1", productId: "p-fish", countedQuantity: 24, idempotencyKey: expect.any(String) } },
    ]);
    expect(keyOf(sent[2]!.variables)).not.toBe(keyOf(sent[0]!.variables));
  });
});

describe("CountDetail", () => {
  const line = (productId: string, sku: string, countedQuantity: number, expectedQuantity: number | null, variance: number | null) => ({
    __typename: "CountLine",
    productId,
    countedQuantity,
    expectedQuantity,
    variance,
    recordedAt: "2026-11-25T03:00:00Z",
    product: { __typename: "Product", id: productId, sku, nameTh: sku, nameEn: null, unit: "ถุง" },
  });
  const count = {
    __typename: "StockCount",
    id: "c-1",
    status: "OPEN",
    note: null,
    startedAt: "2026-11-25T02:00:00Z",
    completedAt: null,
    warehouse: { __typename: "Warehouse", id: "w-bkk", code: "BKK-BANGNA", nameTh: "คลังสินค้าบางนา", nameEn: "Bangna" },
    lines: [line("p-rice", "RICE-1", 10, null, null), line("p-fish", "FISH-1", 7, null, null)],
  };

  function setup(answer: () => Answer, permissions: Parameters<typeof viewerWith>[0] = ["STOCK_MOVE", "STOCK_ADJUST"]) {
    const { client, sent } = mockClient({ queries: { ...pickerQueries, StockCount: () => ({ stockCount: count }) }, mutations: { CompleteStockCount: answer } });
    renderWithApi(<CountDetail countId="c-1" />, client, viewerWith(permissions));
    return { sent, user: userEvent.setup() };
  }

  it("completes after confirmation and reports how many lines had a variance", async () => {
    const confirm = vi.spyOn(window, "confirm").mockReturnValue(true);
    const completed = {
      data: {
        completeStockCount: { ...count, status: "COMPLETED", completedAt: "2026-11-25T04:00:00Z", lines: [line("p-rice", "RICE-1", 10, 12, -2), line("p-fish", "FISH-1", 7, 7, 0)] },
      },
    };
    const { sent, user } = setup(() => completed);
    await user.click(screen.getByRole("button", { name: "ปิดการตรวจนับและลงผลต่าง" }));
    expect(confirm).toHaveBeenCalledWith("ปิดการตรวจนับ? ผลต่างทุกรายการจะถูกลงเป็นการเคลื่อนไหวสต็อก และแก้ไขไม่ได้อีก");
    expect(await screen.findByText("ปิดการตรวจนับแล้ว มีผลต่าง 1 รายการ")).toBeTruthy();
    expect(sent).toEqual([{ name: "CompleteStockCount", variables: { input: { countId: "c-1", idempotencyKey: expect.any(String) } } }]);
    confirm.mockRestore();
  });

  it("does nothing when the confirmation is declined, and shows the API's refusal", async () => {
    const confirm = vi.spyOn(window, "confirm").mockReturnValue(false);
    const { sent, user } = setup(() => apiError("CONFLICT"));
    await user.click(screen.getByRole("button", { name: "ปิดการตรวจนับและลงผลต่าง" }));
    expect(sent).toEqual([]);

    confirm.mockReturnValue(true);
    await user.click(screen.getByRole("button", { name: "ปิดการตรวจนับและลงผลต่าง" }));
    expect((await screen.findByRole("alert")).textContent).toBe("ข้อมูลขัดแย้งกับสถานะปัจจุบัน (อาจซ้ำหรือถูกแก้ไขโดยผู้อื่น)");
    confirm.mockRestore();
  });

  it("shows recording to stock movers and completing only to those who may adjust", () => {
    setup(() => ({}), ["STOCK_MOVE"]);
    expect(screen.getByRole("form", { name: "บันทึกผลนับ" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "ปิดการตรวจนับและลงผลต่าง" })).toBeNull();
  });
});
