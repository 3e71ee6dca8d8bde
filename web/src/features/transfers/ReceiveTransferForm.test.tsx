import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { badUserInput, mockClient, renderWithApi } from "@/test-support/mock-api";
import { ReceiveTransferForm, type TransferRow } from "./ReceiveTransferForm";

const product = (id: string, sku: string, nameTh: string) => ({ __typename: "Product", id, sku, nameTh, nameEn: null, unit: "ถุง" });

/** A transfer of three products: rice half received, fish sauce not yet, sugar received in full. */
const transfer = {
  __typename: "Transfer",
  id: "t-1",
  status: "PARTIALLY_RECEIVED",
  fromWarehouse: { __typename: "Warehouse", id: "w-bkk", code: "BKK-BANGNA" },
  toWarehouse: { __typename: "Warehouse", id: "w-cnx", code: "CNX-HANGDONG" },
  lines: [
    { __typename: "TransferLine", productId: "p-rice", quantitySent: 10, quantityReceived: 4, quantityOutstanding: 6, product: product("p-rice", "RICE-1", "ข้าวหอมมะลิ") },
    { __typename: "TransferLine", productId: "p-fish", quantitySent: 8, quantityReceived: 0, quantityOutstanding: 8, product: product("p-fish", "FISH-1", "น้ำปลา") },
    { __typename: "TransferLine", productId: "p-sugar", quantitySent: 5, quantityReceived: 5, quantityOutstanding: 0, product: product("p-sugar", "SUGAR-1", "น้ำตาล") },
  ],
} as unknown as TransferRow;

function setup(answer: () => ReturnType<typeof badUserInput> | { data: unknown }) {
  const { client, sent } = mockClient({ mutations: { ReceiveTransfer: answer } });
  const onReceived = vi.fn();
  renderWithApi(<ReceiveTransferForm transfer={transfer} onReceived={onReceived} />, client);
  return { sent, onReceived, user: userEvent.setup() };
}

const received = { data: { receiveTransfer: { __typename: "Transfer", id: "t-1", status: "RECEIVED" } } };
const rice = () => screen.getByLabelText("รับครั้งนี้: RICE-1 · ข้าวหอมมะลิ") as HTMLInputElement;
const fish = () => screen.getByLabelText("รับครั้งนี้: FISH-1 · น้ำปลา") as HTMLInputElement;

describe("ReceiveTransferForm", () => {
  it("lists only what is outstanding, prefilled, and receives all of it", async () => {
    const { sent, onReceived, user } = setup(() => received);
    expect(rice().value).toBe("6");
    expect(fish().value).toBe("8");
    expect(screen.queryByLabelText(/SUGAR-1/)).toBeNull();

    await user.click(screen.getByRole("button", { name: "บันทึกการรับ" }));
    expect(sent).toEqual([
      {
        name: "ReceiveTransfer",
        variables: {
          input: {
            transferId: "t-1",
            lines: [
              { productId: "p-rice", quantity: 6 },
              { productId: "p-fish", quantity: 8 },
            ],
            idempotencyKey: expect.any(String),
          },
        },
      },
    ]);
    expect(onReceived).toHaveBeenCalledTimes(1);
  });

  it("skips blank and zero lines in a partial receipt", async () => {
    const { sent, user } = setup(() => received);
    await user.clear(rice());
    await user.type(rice(), "2");
    await user.clear(fish());
    await user.type(fish(), "0");
    await user.click(screen.getByRole("button", { name: "บันทึกการรับ" }));
    expect((sent[0]!.variables.input as { lines: unknown }).lines).toEqual([{ productId: "p-rice", quantity: 2 }]);
  });

  it("refuses more than is outstanding, under that line", async () => {
    const { sent, onReceived, user } = setup(() => received);
    await user.clear(rice());
    await user.type(rice(), "7");
    await user.click(screen.getByRole("button", { name: "บันทึกการรับ" }));

    expect(sent).toEqual([]);
    expect(onReceived).not.toHaveBeenCalled();
    expect(rice().getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(rice().getAttribute("aria-describedby")!)?.textContent).toBe("รับได้ไม่เกิน 6");
    expect(fish().getAttribute("aria-invalid")).toBe("false");
  });

  it("asks for at least one quantity", async () => {
    const { sent, user } = setup(() => received);
    await user.clear(rice());
    await user.clear(fish());
    await user.click(screen.getByRole("button", { name: "บันทึกการรับ" }));
    expect(sent).toEqual([]);
    expect(screen.getByText("ใส่จำนวนที่รับอย่างน้อยหนึ่งรายการ")).toBeTruthy();
  });

  it("shows the API's refusal of a line (by its place in what was sent) on that product's row", async () => {
    const { user } = setup(() => badUserInput({ "input.lines.0.quantity": "4 outstanding, 6 received" }));
    await user.clear(fish());
    await user.type(fish(), "6");
    await user.clear(rice());
    await user.click(screen.getByRole("button", { name: "บันทึกการรับ" }));
    // Rice was skipped, so the first line sent is the fish sauce.
    expect(await screen.findByText("ไม่ถูกต้อง: 4 outstanding, 6 received")).toBeTruthy();
    expect(fish().getAttribute("aria-invalid")).toBe("true");
    expect(rice().getAttribute("aria-invalid")).toBe("false");
  });

  it("shows the API's refusal of the lines above them and keeps the key for the retry", async () => {
    let answer: ReturnType<typeof badUserInput> | typeof received = badUserInput({ "input.lines": "FISH-1: only 5 are outstanding" });
    const { sent, onReceived, user } = setup(() => answer);
    await user.click(screen.getByRole("button", { name: "บันทึกการรับ" }));

    const alerts = await screen.findAllByRole("alert");
    expect(alerts.map((alert) => alert.textContent)).toEqual(["ข้อมูลบางช่องไม่ถูกต้อง กรุณาตรวจสอบ", "ไม่ถูกต้อง: FISH-1: only 5 are outstanding"]);
    expect(onReceived).not.toHaveBeenCalled();

    answer = received;
    await user.click(screen.getByRole("button", { name: "บันทึกการรับ" }));
    expect(onReceived).toHaveBeenCalledTimes(1);
    const keys = sent.map((call) => (call.variables.input as { idempotencyKey: string }).idempotencyKey);
    expect(keys[1]).toBe(keys[0]);
  });
});
