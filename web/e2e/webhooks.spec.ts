/** Webhooks: an administrator registers a subscriber, sees its secret once, and follows a delivery of a stock event. */
import { expect, test } from "@playwright/test";
import { expectAccessible, pickProduct, screenshot, signIn } from "./helpers";

test("an admin adds a webhook, sees its secret once, and a stock receipt shows up in its delivery log", async ({ page }) => {
  const name = `ทดสอบ e2e ${Date.now().toString(36)}`;
  await signIn(page, "admin@klang.local");
  await page.getByRole("navigation", { name: "เมนูหลัก" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();

  await page.getByText("เพิ่ม webhook", { exact: true }).click();
  const form = page.getByRole("form", { name: "เพิ่ม webhook" });
  await form.getByLabel("ชื่อ", { exact: true }).fill(name);
  // Nothing listens on port 9 (discard): every attempt fails with a connection error.
  await form.getByLabel("URL ปลายทาง").fill("http://127.0.0.1:9/hook");
  await form.getByLabel("ทั้งหมวด klang.inventory.*").check();
  await expectAccessible(page);
  await screenshot(page, "webhooks-new");
  await form.getByRole("button", { name: "สร้าง" }).click();

  const dialog = page.getByRole("dialog", { name: "Signing secret" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/จะแสดงเพียงครั้งนี้ครั้งเดียว/)).toBeVisible();
  const secret = await dialog.getByLabel(/Secret/).inputValue();
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  await expectAccessible(page);
  await screenshot(page, "webhooks-secret");
  // Escape closes it like the button, and the secret is gone from the page.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.locator(`input[value="${secret}"]`)).toHaveCount(0);

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("klang.inventory.*");
  await expect(row).toContainText("ใช้งาน");

  // An inventory event: receive three bags of rice.
  await page.goto("/inventory");
  const panel = page.getByRole("tabpanel");
  await pickProduct(panel, "RICE-JAS-1KG-SY");
  await panel.getByLabel("คลังสินค้า").selectOption({ index: 1 });
  await page.getByLabel("จำนวน").fill("3");
  await panel.getByRole("button", { name: "รับเข้า" }).click();
  await expect(page.getByRole("status").filter({ hasText: "เรียบร้อย" })).toBeVisible();

  await page.goto("/webhooks");
  await page.getByRole("link", { name: `ประวัติการส่งของ ${name}` }).click();
  await expect(page.getByRole("heading", { name: "ประวัติการส่ง" })).toBeVisible();
  await expect(page.getByTestId("webhook-subject")).toContainText(name);
  const delivery = page.getByRole("row").filter({ hasText: "klang.inventory.stock_changed.v1" }).first();
  // The worker tries within a second or so; the log shows it after a reload.
  await expect(async () => {
    await page.getByRole("button", { name: "โหลดใหม่" }).click();
    await expect(delivery).toContainText(/รอส่ง|ส่งไม่สำเร็จ/, { timeout: 1000 });
    await expect(delivery.getByRole("cell").nth(4)).not.toHaveText(/^—/, { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  await expect(delivery.getByRole("cell").nth(4)).toContainText(/\S/);
  await expect(delivery.getByRole("cell").first()).toContainText("2569");
  await expectAccessible(page);
  await screenshot(page, "webhook-deliveries");

  await page.getByLabel("สถานะ").selectOption("DELIVERED");
  await expect(page.getByText("ยังไม่มีการส่ง")).toBeVisible();
  await page.getByLabel("สถานะ").selectOption("");
  await delivery.getByRole("button", { name: /^ส่งใหม่/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "สั่งส่งใหม่แล้ว" })).toBeVisible();

  // Deactivate it (no more deliveries to a dead address), keyboard only.
  await page.goto("/webhooks");
  const again = page.getByRole("row").filter({ hasText: name });
  page.once("dialog", (confirm) => void confirm.accept());
  await again.getByRole("button", { name: "ปิดใช้งาน" }).focus();
  await page.keyboard.press("Enter");
  await expect(again.getByRole("status")).toContainText("ปิดใช้งาน");
  await expect(again.getByRole("button", { name: "เปิดใช้งาน" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "webhooks");
});

for (const email of ["manager@klang.local", "viewer@klang.local"]) {
  test(`${email.split("@")[0]} has no webhooks entry and the screen refuses`, async ({ page }) => {
    await signIn(page, email);
    const navigation = page.getByRole("navigation", { name: "เมนูหลัก" });
    await expect(navigation.getByRole("link", { name: "ภาพรวม" })).toBeVisible();
    await expect(navigation.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
    await page.goto("/webhooks");
    await expect(page.getByText("คุณไม่มีสิทธิ์ทำรายการนี้")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Webhooks" })).toHaveCount(0);
  });
}
