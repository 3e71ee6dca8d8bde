import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { badUserInput, mockClient, pickerQueries, renderWithApi } from "@/test-support/mock-api";
import { TransferForm } from "./TransferForm";

function setup(mutations: Parameters<typeof mockClient>[0]["mutations"] = {}) {
  const { client, sent } = mockClient({ queries: pickerQueries, mutations });
  renderWithApi(<TransferForm />, client);
  return { sent, user: userEvent.setup() };
}

const line = (position: number) => screen.getByRole("group", { name: `รายการที่ ${position}` });

/** The message tied to a control through `aria-describedby`. */
function errorOf(control: HTMLElement): string | null {
  const id = control.getAttribute("aria-describedby");
  return id ? (id.split(" ").map((part) => document.getElementById(part)?.textContent ?? "").join(" ").trim() || null) : null;
}

async function fillValidTransfer(user: ReturnType<typeof userEvent.setup>) {
  await user.selectOptions(screen.getByLabelText("จากคลัง"), "w-bkk");
  await user.selectOptions(screen.getByLabelText("ไปยังคลัง"), "w-cnx");
  await user.selectOptions(within(line(1)).getByLabelText("เลือกสินค้า"), "p-rice");
  await user.type(within(line(1)).getByLabelText("จำนวน"), "5");
  await user.click(screen.getByRole("button", { name: "เพิ่มรายการ" }));
  await user.selectOptions(within(line(2)).getByLabelText("เลือกสินค้า"), "p-fish");
  await user.type(within(line(2)).getByLabelText("จำนวน"), "12");
  await user.type(screen.getByLabelText("หมายเหตุ (ไม่บังคับ)"), "  ส่งของเติมสาขาเชียงใหม่ ");
}

describe("TransferForm", () => {
  it("checks the warehouses and every line before calling the API", async () => {
    const { sent, user } = setup();
    await user.click(screen.getByRole("button", { name: "ส่งโอน" }));

    expect(sent).toEqual([]);
    expect(screen.getByRole("alert").textContent).toBe("ข้อมูลบางช่องไม่ถูกต้อง กรุณาตรวจสอบ");
    for (const label of ["จากคลัง", "ไปยังคลัง"]) {
      expect(screen.getByLabelText(label).getAttribute("aria-invalid")).toBe("true");
      expect(errorOf(screen.getByLabelText(label))).toBe("ต้องกรอกช่องนี้");
    }
    expect(errorOf(within(line(1)).getByLabelText("เลือกสินค้า"))).toBe("ต้องกรอกช่องนี้");
    expect(errorOf(within(line(1)).getByLabelText("จำนวน"))).toBe("ต้องเป็นจำนวนเต็มมากกว่า 0");
  });

  it("refuses the same product twice and a quantity that is not a positive whole number", async () => {
    const { sent, user } = setup();
    await user.selectOptions(screen.getByLabelText("จากคลัง"), "w-bkk");
    await user.selectOptions(screen.getByLabelText("ไปยังคลัง"), "w-cnx");
    await user.selectOptions(within(line(1)).getByLabelText("เลือกสินค้า"), "p-rice");
    await user.type(within(line(1)).getByLabelText("จำนวน"), "3");
    await user.click(screen.getByRole("button", { name: "เพิ่มรายการ" }));
    await user.selectOptions(within(line(2)).getByLabelText("เลือกสินค้า"), "p-rice");
    await user.type(within(line(2)).getByLabelText("จำนวน"), "0");
    await user.click(screen.getByRole("button", { name: "ส่งโอน" }));

    expect(sent).toEqual([]);
    expect(errorOf(within(line(1)).getByLabelText("เลือกสินค้า"))).toBeNull();
    expect(errorOf(within(line(2)).getByLabelText("เลือกสินค้า"))).toBe("สินค้านี้อยู่ในรายการแล้ว");
    expect(errorOf(within(line(2)).getByLabelText("จำนวน"))).toBe("ต้องเป็นจำนวนเต็มมากกว่า 0");
  });

  it("shows the API's field errors where they belong and retries with the same idempotency key", async () => {
    let answer = badUserInput({ "input.toWarehouseId": "must differ from the source", "input.lines": "line 2: product is archived" });
    const { sent, user } = setup({ TransferStock: () => answer });
    await fillValidTransfer(user);
    await user.click(screen.getByRole("button", { name: "ส่งโอน" }));

    expect(await screen.findByText("ไม่ถูกต้อง: must differ from the source")).toBeTruthy();
    expect(errorOf(screen.getByLabelText("ไปยังคลัง"))).toBe("ไม่ถูกต้อง: must differ from the source");
    const lines = screen.getByRole("group", { name: "รายการสินค้า" });
    expect(within(lines).getByRole("alert").textContent).toBe("ไม่ถูกต้อง: line 2: product is archived");

    answer = { data: { transferStock: { __typename: "Transfer", id: "t-1", status: "IN_TRANSIT" } } };
    await user.click(screen.getByRole("button", { name: "ส่งโอน" }));
    expect(await screen.findByText("ส่งโอนแล้ว สินค้าอยู่ระหว่างทางจนกว่าคลังปลายทางจะรับ")).toBeTruthy();

    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual({
      name: "TransferStock",
      variables: {
        input: {
          fromWarehouseId: "w-bkk",
          toWarehouseId: "w-cnx",
          lines: [
            { productId: "p-rice", quantity: 5 },
            { productId: "p-fish", quantity: 12 },
          ],
          note: "ส่งของเติมสาขาเชียงใหม่",
          idempotencyKey: expect.any(String),
        },
      },
    });
    const key = (sent[0]!.variables.input as { idempotencyKey: string }).idempotencyKey;
    expect((sent[1]!.variables.input as { idempotencyKey: string }).idempotencyKey).toBe(key);
    // After a success the form starts over: one empty line, and the next transfer gets a new key.
    expect(screen.queryByRole("group", { name: "รายการที่ 2" })).toBeNull();
    expect((within(line(1)).getByLabelText("จำนวน") as HTMLInputElement).value).toBe("");
    await user.selectOptions(within(line(1)).getByLabelText("เลือกสินค้า"), "p-fish");
    await user.type(within(line(1)).getByLabelText("จำนวน"), "1");
    await user.click(screen.getByRole("button", { name: "ส่งโอน" }));
    expect(sent).toHaveLength(3);
    expect((sent[2]!.variables.input as { idempotencyKey: string }).idempotencyKey).not.toBe(key);
  });

  it("shows the API's per-line error under that line", async () => {
    const { user } = setup({ TransferStock: () => badUserInput({ "input.lines.1.productId": "this product is archived" }) });
    await fillValidTransfer(user);
    await user.click(screen.getByRole("button", { name: "ส่งโอน" }));
    expect(await screen.findByText("ไม่ถูกต้อง: this product is archived")).toBeTruthy();
    expect(errorOf(within(line(2)).getByLabelText("เลือกสินค้า"))).toBe("ไม่ถูกต้อง: this product is archived");
    expect(errorOf(within(line(1)).getByLabelText("เลือกสินค้า"))).toBeNull();
  });

  it("offers only active warehouses", () => {
    setup();
    const options = within(screen.getByLabelText("จากคลัง")).getAllByRole("option").map((option) => option.textContent);
    expect(options).toEqual(["เลือกคลังสินค้า", "BKK-BANGNA · คลังสินค้าบางนา", "CNX-HANGDONG · คลังสินค้าเชียงใหม่"]);
  });
});
