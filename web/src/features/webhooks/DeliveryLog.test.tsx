import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, mockClient, renderWithApi, viewerWith, type Answer } from "@/test-support/mock-api";
import { DeliveryLog } from "./DeliveryLog";

const hook = { __typename: "Webhook", id: "wh-1", name: "n8n: แจ้งเตือนสต็อกต่ำ", url: "http://127.0.0.1:9/hook", eventTypes: ["klang.inventory.*"], isActive: true, createdAt: "2026-11-25T03:00:00Z", updatedAt: "2026-11-25T03:00:00Z" };
const failed = {
  __typename: "WebhookDelivery", id: "d-1", webhookId: "wh-1", eventId: "e-1", eventType: "klang.inventory.stock_changed.v1", status: "FAILED", attempts: 8,
  nextAttemptAt: "2026-11-25T05:00:00Z", lastStatusCode: null, lastError: "connection refused", createdAt: "2026-11-25T03:10:00Z", deliveredAt: null,
};
const delivered = { ...failed, id: "d-2", eventId: "e-2", eventType: "klang.inventory.low_stock.v1", status: "DELIVERED", attempts: 1, lastStatusCode: 200, lastError: null, deliveredAt: "2026-11-25T03:11:00Z" };

function setup(replay: () => Answer) {
  const queried: Record<string, unknown>[] = [];
  const { client, sent } = mockClient({
    queries: {
      Webhooks: () => ({ webhooks: [hook] }),
      WebhookDeliveries: (variables) => {
        queried.push(variables);
        return { webhookDeliveries: { __typename: "WebhookDeliveryConnection", nodes: [failed, delivered], pageInfo: { __typename: "PageInfo", hasNextPage: true, endCursor: "c-2" } } };
      },
    },
    mutations: { ReplayWebhookDelivery: replay },
  });
  renderWithApi(<DeliveryLog webhookId="wh-1" />, client, viewerWith(["WEBHOOK_MANAGE"]));
  return { sent, queried, user: userEvent.setup() };
}

describe("DeliveryLog", () => {
  it("lists the subscriber's deliveries with status, attempts, last result and Buddhist-era times", async () => {
    const { queried } = setup(() => ({ data: {} }));
    expect(screen.getByRole("heading", { name: "ประวัติการส่ง" })).toBeTruthy();
    expect(await screen.findByText("n8n: แจ้งเตือนสต็อกต่ำ · http://127.0.0.1:9/hook")).toBeTruthy();
    const rows = screen.getAllByRole("row").slice(1);
    expect(within(rows[0]!).getByText("ส่งไม่สำเร็จ")).toBeTruthy();
    expect(within(rows[0]!).getByText("connection refused")).toBeTruthy();
    expect(within(rows[0]!).getByText(/2569/)).toBeTruthy();
    expect(within(rows[1]!).getByText("ส่งสำเร็จ")).toBeTruthy();
    expect(within(rows[1]!).getByText("HTTP 200")).toBeTruthy();
    expect(queried[0]).toEqual({ filter: { webhookId: "wh-1", status: null }, first: 20, after: null });
  });

  it("filters by status and pages with the cursor", async () => {
    const { queried, user } = setup(() => ({ data: {} }));
    await screen.findAllByText("ส่งไม่สำเร็จ");
    await user.selectOptions(screen.getByLabelText("สถานะ"), "FAILED");
    expect(queried.at(-1)).toEqual({ filter: { webhookId: "wh-1", status: "FAILED" }, first: 20, after: null });
    await user.click(screen.getByRole("button", { name: "ถัดไป" }));
    expect(queried.at(-1)).toEqual({ filter: { webhookId: "wh-1", status: "FAILED" }, first: 20, after: "c-2" });
  });

  it("sends a delivery again", async () => {
    const { sent, user } = setup(() => ({ data: { replayWebhookDelivery: { ...failed, status: "PENDING", attempts: 0, lastError: null } } }));
    const row = (await screen.findByText("connection refused")).closest("tr")!;
    await user.click(within(row).getByRole("button", { name: /^ส่งใหม่ klang.inventory.stock_changed.v1/ }));
    expect(sent).toEqual([{ name: "ReplayWebhookDelivery", variables: { id: "d-1" } }]);
    expect(await within(row).findByText("สั่งส่งใหม่แล้ว")).toBeTruthy();
  });

  it("says why a replay was refused", async () => {
    const { user } = setup(() => apiError("NOT_FOUND"));
    const row = (await screen.findByText("connection refused")).closest("tr")!;
    await user.click(within(row).getByRole("button", { name: /^ส่งใหม่/ }));
    expect((await within(row).findByRole("alert")).textContent).toBe("ไม่พบข้อมูล");
  });
});
