import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { badUserInput, mockClient, renderWithApi, viewerWith, type Answer } from "@/test-support/mock-api";
import { WebhooksAdmin } from "./WebhooksAdmin";

const SECRET = "a1".repeat(32);
const hook = { __typename: "Webhook", id: "wh-1", name: "n8n: แจ้งเตือนสต็อกต่ำ", url: "https://n8n.example.co.th/webhook/klang-events", eventTypes: ["klang.inventory.*"], isActive: true, createdAt: "2026-11-25T03:00:00Z", updatedAt: "2026-11-25T03:00:00Z" };
const created: Answer = { data: { createWebhook: { __typename: "CreateWebhookPayload", secret: SECRET, webhook: { ...hook, id: "wh-2", name: "ระบบบัญชี" } } } };

function setup(answer: () => Answer = () => created) {
  const { client, sent } = mockClient({
    queries: { Webhooks: () => ({ webhooks: [hook] }) },
    mutations: {
      CreateWebhook: answer,
      RotateWebhookSecret: () => ({ data: { rotateWebhookSecret: { __typename: "RotateWebhookSecretPayload", secret: "b2".repeat(32), webhook: { __typename: "Webhook", id: "wh-1", updatedAt: "2026-11-25T04:00:00Z" } } } }),
    },
  });
  renderWithApi(<WebhooksAdmin />, client, viewerWith(["WEBHOOK_MANAGE"]));
  const form = screen.getByRole("form", { name: "เพิ่ม webhook" });
  return { sent, form, user: userEvent.setup() };
}

async function fill(user: ReturnType<typeof userEvent.setup>, form: HTMLElement, url: string) {
  await user.type(within(form).getByLabelText("ชื่อ"), "ระบบบัญชี");
  await user.type(within(form).getByLabelText("URL ปลายทาง"), url);
}

describe("creating a webhook", () => {
  it("checks the fields in the browser before sending anything", async () => {
    const { sent, form, user } = setup();
    await user.click(within(form).getByRole("button", { name: "สร้าง" }));
    expect(sent).toEqual([]);
    expect(within(form).getAllByText("ต้องกรอกช่องนี้")).toHaveLength(2);
    expect(within(form).getByText("เลือกประเภท event อย่างน้อยหนึ่งรายการ")).toBeTruthy();
    expect(within(form).getByLabelText("ชื่อ").getAttribute("aria-invalid")).toBe("true");

    await user.type(within(form).getByLabelText("URL ปลายทาง"), "n8n.local/hook");
    await user.click(within(form).getByRole("button", { name: "สร้าง" }));
    expect(sent).toEqual([]);
    expect(within(form).getByText("ต้องเป็น URL แบบเต็มที่ขึ้นต้นด้วย http:// หรือ https://")).toBeTruthy();
  });

  it("sends a whole group, a single type and a typed prefix, and shows the secret once with a copy button", async () => {
    const { sent, form, user } = setup();
    await fill(user, form, "https://erp.example.co.th/hooks/klang");
    await user.click(within(form).getByLabelText("ทั้งหมวด klang.inventory.*"));
    await user.click(within(form).getByLabelText(/เพิ่มสินค้า/));
    await user.type(within(form).getByLabelText(/ประเภท event อื่น/), "klang.users.*");
    await user.click(within(form).getByRole("button", { name: "สร้าง" }));

    expect(sent).toEqual([
      { name: "CreateWebhook", variables: { input: { name: "ระบบบัญชี", url: "https://erp.example.co.th/hooks/klang", eventTypes: ["klang.inventory.*", "klang.products.product_created.v1", "klang.users.*"] } } },
    ]);
    const dialog = await screen.findByRole("dialog", { name: "Signing secret" });
    expect(within(dialog).getByText(/จะแสดงเพียงครั้งนี้ครั้งเดียว/)).toBeTruthy();
    expect((within(dialog).getByLabelText(/Secret/) as HTMLInputElement).value).toBe(SECRET);
    await user.click(within(dialog).getByRole("button", { name: "คัดลอก secret" }));
    expect(await within(dialog).findByText("คัดลอกแล้ว")).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    // The form is empty again for the next one.
    expect((within(form).getByLabelText("ชื่อ") as HTMLInputElement).value).toBe("");

    await user.click(within(dialog).getByRole("button", { name: "คัดลอกแล้ว ปิดหน้าต่าง" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByDisplayValue(SECRET)).toBeNull();
  });

  it("maps the API's field paths, an event type by its index in the list sent", async () => {
    const { form, user } = setup(() =>
      badUserInput({ "input.url": "must be an absolute http(s) URL", "input.eventTypes.1": "must be a known event type or a prefix ending in .*" }),
    );
    await fill(user, form, "http://exa mple/hook");
    await user.click(within(form).getByLabelText("ทั้งหมวด klang.inventory.*"));
    await user.type(within(form).getByLabelText(/ประเภท event อื่น/), "klang.nothing.*");
    await user.click(within(form).getByRole("button", { name: "สร้าง" }));

    expect(await within(form).findByText("ข้อมูลบางช่องไม่ถูกต้อง กรุณาตรวจสอบ")).toBeTruthy();
    expect(within(form).getByText("ไม่ถูกต้อง: must be an absolute http(s) URL")).toBeTruthy();
    expect(within(form).getByLabelText("URL ปลายทาง").getAttribute("aria-invalid")).toBe("true");
    expect(within(form).getByText("klang.nothing.*: ไม่ถูกต้อง: must be a known event type or a prefix ending in .*")).toBeTruthy();
    expect(within(form).getByLabelText(/ประเภท event อื่น/).getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("shows a rotated secret once too", async () => {
    const { sent, user } = setup();
    const row = (await screen.findByText("n8n: แจ้งเตือนสต็อกต่ำ")).closest("tr")!;
    const confirm = window.confirm;
    window.confirm = () => true;
    try {
      await user.click(within(row).getByRole("button", { name: "ออก secret ใหม่" }));
    } finally {
      window.confirm = confirm;
    }
    expect(sent).toEqual([{ name: "RotateWebhookSecret", variables: { id: "wh-1" } }]);
    const dialog = await screen.findByRole("dialog", { name: "Signing secret" });
    expect((within(dialog).getByLabelText(/Secret/) as HTMLInputElement).value).toBe("b2".repeat(32));
    expect(within(dialog).getByText(/secret เดิมใช้ไม่ได้อีกต่อไป/)).toBeTruthy();
  });
});
