/** The main screens: products, live dashboard, permissions, accessibility and screenshots. */
import { expect, test } from "@playwright/test";
import { expectAccessible, pickProduct, screenshot, signIn } from "./helpers";

test("create a product and find it by a Thai search", async ({ page }) => {
  const suffix = Date.now().toString(36).toUpperCase();
  await signIn(page, "manager@klang.local");
  await page.goto("/products/new");
  await page.getByLabel("SKU").fill(`E2E-${suffix}`);
  await page.getByLabel("ชื่อ (ไทย)").fill(`น้ำพริกเผาแม่ศรีทดสอบ ${suffix}`);
  await page.getByLabel("หน่วยนับ").fill("กระปุก");
  await page.getByLabel("ราคาขาย (บาท)").fill("59.00");
  await page.getByRole("button", { name: "บันทึก" }).click();
  await expect(page.getByRole("heading", { name: `น้ำพริกเผาแม่ศรีทดสอบ ${suffix}` })).toBeVisible();

  await page.goto("/products");
  await page.getByLabel(/ค้นหาสินค้า/).fill("พริกเผาแม่ศรีทดสอบ");
  await expect(page.getByRole("link", { name: `น้ำพริกเผาแม่ศรีทดสอบ ${suffix}` })).toBeVisible();
});

test("the dashboard in one page updates when stock is received in another", async ({ page, context }) => {
  await signIn(page, "manager@klang.local");
  const figure = page.getByTestId("movements-today");
  await expect(figure).not.toHaveText("—");
  const before = Number((await figure.textContent())?.replace(/\D/g, ""));

  const other = await context.newPage();
  await other.goto("/inventory");
  await pickProduct(other.getByRole("tabpanel"), "RICE-JAS-1KG-SY");
  const warehouse = other.getByRole("tabpanel").getByLabel("คลังสินค้า");
  await warehouse.selectOption({ index: 1 });
  await other.getByLabel("จำนวน").fill("3");
  await other.getByRole("tabpanel").getByRole("button", { name: "รับเข้า" }).click();
  await expect(other.getByRole("status").filter({ hasText: "เรียบร้อย" })).toBeVisible();

  await expect(figure).toHaveText(String(before + 1).replace(/\B(?=(\d{3})+(?!\d))/g, ","));
});

test("a viewer sees no write actions", async ({ page }) => {
  await signIn(page, "viewer@klang.local");
  const navigation = page.getByRole("navigation", { name: "เมนูหลัก" });
  await expect(navigation.getByRole("link", { name: "ผู้ใช้" })).toHaveCount(0);
  await expect(navigation.getByRole("link", { name: "ประวัติการใช้งาน" })).toHaveCount(0);
  await page.goto("/products");
  await expect(page.getByRole("table").getByRole("link").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "เพิ่มสินค้า" })).toHaveCount(0);
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "สต็อกแยกตามคลัง" })).toBeVisible();
  await expect(page.getByRole("link", { name: "แก้ไข" })).toHaveCount(0);
  await page.goto("/inventory");
  await expect(page.getByRole("heading", { name: "สต็อกสินค้า" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "ทำรายการสต็อก" })).toHaveCount(0);
});

test("main screens are accessible, and are photographed", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "เข้าสู่ระบบ" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "sign-in");

  await signIn(page, "admin@klang.local");
  await expect(page.getByTestId("stock-value")).not.toHaveText("—");
  await expectAccessible(page);
  await screenshot(page, "dashboard");

  await page.goto("/products");
  await expect(page.getByRole("table").getByRole("link").first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "products");

  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "สต็อกแยกตามคลัง" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "product-detail");

  await page.goto("/products/new");
  await expect(page.getByLabel("SKU")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "product-new");

  await page.goto("/inventory");
  await expect(page.getByRole("table").getByRole("link").first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "inventory");

  await page.goto("/users");
  await expect(page.getByRole("cell", { name: "viewer@klang.local" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "users");

  await page.goto("/history");
  await page.getByRole("button", { name: "ดูรายละเอียด" }).first().click();
  await expect(page.getByRole("heading", { name: "ก่อน / หลังการเปลี่ยนแปลง" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "history");

  await page.goto("/profile");
  await expect(page.getByText("เครื่องนี้")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "profile");

  await page.goto("/inventory");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Stock levels" })).toBeVisible();
  await screenshot(page, "inventory-en");
});
