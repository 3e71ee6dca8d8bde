import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { badUserInput, mockClient, pickerQueries, renderWithApi, type Answer } from "@/test-support/mock-api";
import { ReorderPointForm } from "./ReorderPointForm";

const saved: Answer = {
  data: { setReorderPoint: { __typename: "StockLevel", productId: "p-fish", warehouseId: "w-cnx", reorderPoint: 15, reorderQuantity: 40, belowReorderPoint: true, updatedAt: "2026-11-25T05:00:00Z" } },
};
const level = (reorderPoint: number, reorderQuantity: number) => ({ __typename: "StockLevel", productId: "p-rice", warehouseId: "w-bkk", onHand: 70, reorderPoint, reorderQuantity });

function setup(answer: () => Answer = () => saved) {
  const { client, sent } = mockClient({
    queries: {
      ...pickerQueries,
      // Rice has a level in Bangna; nothing else has one yet.
      ReorderLevel: (variables) => ({
        stockLevels: { __typename: "StockLevelConnection", nodes: variables.productId === "p-rice" && variables.warehouseId === "w-bkk" ? [level(20, 50)] : [] },
      }),
    },
    mutations: { SetReorderPoint: answer },
  });
  renderWithApi(<ReorderPointForm label="ตั้งจุดสั่งซื้อ" />, client);
  return { sent, user: userEvent.setup() };
}

describe("ReorderPointForm without a level", () => {
  it("needs a product and a warehouse", async () => {
    const { sent, user } = setup();
    await user.click(screen.getByRole("button", { name: "บันทึก" }));
    expect(sent).toEqual([]);
    expect(screen.getAllByText("ต้องกรอกช่องนี้")).toHaveLength(2);
  });

  it("sets a reorder point where the product has no stock level yet", async () => {
    const { sent, user } = setup();
    await user.selectOptions(screen.getByLabelText("เลือกสินค้า"), "p-fish");
    await user.selectOptions(screen.getByLabelText("คลังสินค้า"), "w-cnx");
    expect(await screen.findByText(/ยังไม่มีสต็อกในคลังนี้/)).toBeTruthy();
    expect((screen.getByLabelText("จุดสั่งซื้อ") as HTMLInputElement).value).toBe("0");
    await user.clear(screen.getByLabelText("จุดสั่งซื้อ"));
    await user.type(screen.getByLabelText("จุดสั่งซื้อ"), "15");
    await user.clear(screen.getByLabelText("จำนวนที่สั่งซื้อ"));
    await user.type(screen.getByLabelText("จำนวนที่สั่งซื้อ"), "40");
    await user.click(screen.getByRole("button", { name: "บันทึก" }));
    expect(await screen.findByText("บันทึกจุดสั่งซื้อแล้ว")).toBeTruthy();
    expect(sent).toEqual([
      { name: "SetReorderPoint", variables: { input: { productId: "p-fish", warehouseId: "w-cnx", reorderPoint: 15, reorderQuantity: 40, idempotencyKey: expect.any(String) } } },
    ]);
  });

  it("shows and prefills the settings of an existing level", async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByLabelText("เลือกสินค้า"), "p-rice");
    await user.selectOptions(screen.getByLabelText("คลังสินค้า"), "w-bkk");
    expect(await screen.findByText("ตั้งไว้ตอนนี้: จุดสั่งซื้อ 20 · สั่งซื้อครั้งละ 50")).toBeTruthy();
    expect((screen.getByLabelText("จุดสั่งซื้อ") as HTMLInputElement).value).toBe("20");
    expect((screen.getByLabelText("จำนวนที่สั่งซื้อ") as HTMLInputElement).value).toBe("50");
  });

  it("maps the API's field errors and retries with the same idempotency key", async () => {
    const { sent, user } = setup(() => badUserInput({ "input.warehouseId": "the warehouse is closed", "input.reorderQuantity": "too large" }));
    await user.selectOptions(screen.getByLabelText("เลือกสินค้า"), "p-fish");
    await user.selectOptions(screen.getByLabelText("คลังสินค้า"), "w-cnx");
    await user.click(screen.getByRole("button", { name: "บันทึก" }));
    expect(await screen.findByText("ไม่ถูกต้อง: the warehouse is closed")).toBeTruthy();
    expect(screen.getByLabelText("คลังสินค้า").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText("จำนวนที่สั่งซื้อ").getAttribute("aria-invalid")).toBe("true");
    await user.click(screen.getByRole("button", { name: "บันทึก" }));
    const keys = sent.map((call) => (call.variables.input as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });
});

describe("ReorderPointForm of a level", () => {
  it("edits that level without pickers and hands the success to its table", async () => {
    const { client, sent } = mockClient({ mutations: { SetReorderPoint: () => saved } });
    const onSaved = vi.fn();
    renderWithApi(<ReorderPointForm level={{ productId: "p-rice", warehouseId: "w-bkk", reorderPoint: 20, reorderQuantity: 50 }} label="ตั้งจุดสั่งซื้อของ RICE" onSaved={onSaved} />, client);
    expect(screen.queryByLabelText("เลือกสินค้า")).toBeNull();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText("จุดสั่งซื้อ"));
    await user.type(screen.getByLabelText("จุดสั่งซื้อ"), "1.5");
    await user.click(screen.getByRole("button", { name: "บันทึก" }));
    expect(screen.getByText("ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป")).toBeTruthy();
    await user.clear(screen.getByLabelText("จุดสั่งซื้อ"));
    await user.type(screen.getByLabelText("จุดสั่งซื้อ"), "25");
    await user.click(screen.getByRole("button", { name: "บันทึก" }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(sent[0]!.variables).toEqual({ input: { productId: "p-rice", warehouseId: "w-bkk", reorderPoint: 25, reorderQuantity: 50, idempotencyKey: expect.any(String) } });
  });
});
