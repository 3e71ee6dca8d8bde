/** Transfers received in parts, a cycle count that posts a variance, reorder points and product images. */
import { expect, test, type Page } from "@playwright/test";
import { chooseOption, expectAccessible, pickProduct, screenshot, signIn, solidPng } from "./helpers";

const SKU = "RICE-JAS-1KG-SY";

/** Receives `quantity` of SKU into `warehouse` on the inventory screen, so the test does not rely on seeded stock. */
async function receive(page: Page, warehouse: string, quantity: number): Promise<void> {
  await page.goto("/inventory");
  const panel = page.getByRole("tabpanel");
  await pickProduct(panel, SKU);
  await chooseOption(panel.getByLabel("คลังสินค้า"), warehouse);
  await panel.getByLabel("จำนวน").fill(String(quantity));
  await panel.getByRole("button", { name: "รับเข้า" }).click();
  await expect(page.getByRole("status").filter({ hasText: "เรียบร้อย" })).toBeVisible();
}

test("send a transfer, then receive it in two parts", async ({ page }) => {
  const note = `E2E โอน ${Date.now().toString(36)}`;
  await signIn(page, "manager@klang.local");
  await receive(page, "BKK-BANGNA", 6);

  await page.goto("/inventory/transfers");
  const form = page.getByRole("form", { name: "โอนสินค้า" });
  await chooseOption(form.getByLabel("จากคลัง"), "BKK-BANGNA");
  await chooseOption(form.getByLabel("ไปยังคลัง"), "CBI-AMATA");
  await pickProduct(form, SKU);
  await form.getByLabel("จำนวน").fill("6");
  await form.getByLabel(/หมายเหตุ/).fill(note);
  await form.getByRole("button", { name: "ส่งโอน" }).click();
  await expect(page.getByRole("status").filter({ hasText: "ส่งโอนแล้ว" })).toBeVisible();

  const row = page.getByRole("row").filter({ hasText: note });
  await expect(row).toContainText("ระหว่างทาง");
  await expect(row).toContainText(`${SKU}`);
  await expect(row).toContainText("0 / 6");
  await row.getByRole("button", { name: "รับของ" }).click();
  const receipt = page.getByRole("form", { name: "รับของที่โอนจาก BKK-BANGNA เข้าคลัง CBI-AMATA" });
  const quantity = receipt.getByLabel(/รับครั้งนี้/);
  await expect(quantity).toHaveValue("6");
  await quantity.fill("7");
  await receipt.getByRole("button", { name: "บันทึกการรับ" }).click();
  await expect(receipt.getByText("รับได้ไม่เกิน 6")).toBeVisible();
  await quantity.fill("4");
  await expectAccessible(page);
  await screenshot(page, "transfers");
  await receipt.getByRole("button", { name: "บันทึกการรับ" }).click();
  await expect(row).toContainText("รับแล้วบางส่วน");
  await expect(row).toContainText("4 / 6");

  await row.getByRole("button", { name: "รับของ" }).click();
  await expect(quantity).toHaveValue("2");
  await receipt.getByRole("button", { name: "บันทึกการรับ" }).click();
  await expect(row).toContainText("รับครบแล้ว");
  await expect(row).toContainText("6 / 6");
  await expect(row.getByRole("button", { name: "รับของ" })).toHaveCount(0);
});

test("a cycle count records a line and posts its variance", async ({ page }) => {
  await signIn(page, "manager@klang.local");
  await page.goto("/inventory/counts");
  const start = page.getByRole("form", { name: "เริ่มการตรวจนับใหม่" });
  await chooseOption(start.getByLabel("คลังสินค้า"), "CNX-SARAPHI");
  await start.getByLabel(/หมายเหตุ/).fill("ชั้น A1");
  await start.getByRole("button", { name: "เริ่มตรวจนับ" }).click();
  await expect(page.getByRole("heading", { name: /ตรวจนับคลัง CNX-SARAPHI/ })).toBeVisible();

  const record = page.getByRole("form", { name: "บันทึกผลนับ" });
  await pickProduct(record, SKU);
  await record.getByLabel("นับได้").fill("777");
  await record.getByRole("button", { name: "บันทึกผลนับ" }).click();
  await expect(page.getByRole("status").filter({ hasText: "บันทึกผลนับ 777 หน่วยแล้ว" })).toBeVisible();
  const line = page.getByRole("row").filter({ hasText: SKU });
  await expect(line.getByRole("cell").nth(1)).toHaveText("777");
  await expect(line.getByRole("cell").nth(3)).toHaveText("—");
  await expectAccessible(page);
  await screenshot(page, "count-open");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "ปิดการตรวจนับและลงผลต่าง" }).click();
  await expect(page.getByRole("status").filter({ hasText: "ปิดการตรวจนับแล้ว มีผลต่าง 1 รายการ" })).toBeVisible();
  const expected = Number((await line.getByRole("cell").nth(2).textContent())?.replace(/\D/g, ""));
  await expect(line.getByRole("cell").nth(3)).toHaveText((777 - expected).toLocaleString("th-TH", { signDisplay: "exceptZero" }));
  await expect(page.getByRole("button", { name: "ปิดการตรวจนับและลงผลต่าง" })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "count-completed");

  await page.goto("/inventory/counts");
  await expect(page.getByRole("row").filter({ hasText: "ชั้น A1" })).toContainText("ปิดแล้ว");
  await expectAccessible(page);
  await screenshot(page, "counts");
});

test("set a reorder point from the stock table", async ({ page }) => {
  await signIn(page, "manager@klang.local");
  await page.goto("/inventory");
  const edit = page.getByRole("button", { name: /^ตั้งจุดสั่งซื้อของ/ }).first();
  const label = (await edit.getAttribute("aria-label")) ?? "";
  await edit.click();
  const form = page.getByRole("form", { name: label });
  await form.getByLabel("จุดสั่งซื้อ").fill("-1");
  await form.getByRole("button", { name: "บันทึก" }).click();
  await expect(form.getByText("ต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป")).toBeVisible();
  await form.getByLabel("จุดสั่งซื้อ").fill("4321");
  await form.getByLabel("จำนวนที่สั่งซื้อ").fill("100");
  await expectAccessible(page);
  await screenshot(page, "reorder-point");
  await form.getByRole("button", { name: "บันทึก" }).click();
  await expect(page.getByRole("status").filter({ hasText: "บันทึกจุดสั่งซื้อแล้ว" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "4,321" }).first()).toBeVisible();
});

test("upload a product image, see it, and remove it", async ({ page }) => {
  await signIn(page, "manager@klang.local");
  await page.goto("/products");
  await page.getByLabel(/ค้นหาสินค้า/).fill(SKU);
  await page.getByRole("row").filter({ hasText: SKU }).getByRole("link").click();
  await expect(page.getByText(SKU, { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "รูปสินค้า" })).toBeVisible();

  const file = page.getByLabel(/ไฟล์รูป/);
  await file.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("ไม่ใช่รูป") });
  await page.getByRole("button", { name: "อัปโหลดรูป" }).click();
  await expect(page.getByText("รองรับเฉพาะไฟล์ JPEG, PNG หรือ WebP")).toBeVisible();

  const altText = `ข้าวหอมมะลิ ด้านหน้า ${Date.now().toString(36)}`;
  await file.setInputFiles({ name: "rice.png", mimeType: "image/png", buffer: solidPng(64, [200, 30, 40]) });
  await page.getByLabel(/คำอธิบายรูป/).fill(altText);
  await page.getByRole("button", { name: "อัปโหลดรูป" }).click();
  await expect(page.getByRole("status").filter({ hasText: "เพิ่มรูปแล้ว" })).toBeVisible();
  const image = page.getByRole("img", { name: altText });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(64);
  await expectAccessible(page);
  await screenshot(page, "product-images");

  await page.reload();
  await expect(image).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("listitem").filter({ has: image }).getByRole("button", { name: /^ลบรูปที่/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "ลบรูปแล้ว" })).toBeVisible();
  await expect(image).toHaveCount(0);
});

test("the edit screen uploads and removes images and keeps what was typed", async ({ page }) => {
  await signIn(page, "manager@klang.local");
  await page.goto("/products");
  await page.getByLabel(/ค้นหาสินค้า/).fill(SKU);
  await page.getByRole("row").filter({ hasText: SKU }).getByRole("link").click();
  await page.getByRole("link", { name: "แก้ไข" }).click();
  await expect(page.getByRole("heading", { name: `แก้ไขสินค้า ${SKU}` })).toBeVisible();

  const suffix = Date.now().toString(36);
  const nameEn = page.getByLabel(/^ชื่อ \(อังกฤษ\)/);
  await nameEn.fill(`Jasmine rice 1 kg ${suffix}`);
  const altText = `ถุงข้าว ด้านหลัง ${suffix}`;
  await page.getByLabel(/ไฟล์รูป/).setInputFiles({ name: "back.png", mimeType: "image/png", buffer: solidPng(48, [20, 120, 60]) });
  await page.getByLabel(/คำอธิบายรูป/).fill(altText);
  await page.getByRole("button", { name: "อัปโหลดรูป" }).click();
  await expect(page.getByRole("status").filter({ hasText: "เพิ่มรูปแล้ว" })).toBeVisible();
  const image = page.getByRole("img", { name: altText });
  await expect(image).toBeVisible();
  await expect(nameEn).toHaveValue(`Jasmine rice 1 kg ${suffix}`);
  await expectAccessible(page);
  await screenshot(page, "product-edit-images");

  // The upload bumped the product's version; the typed change still saves (no conflict).
  await page.getByRole("button", { name: "บันทึก", exact: true }).click();
  await expect(page.getByText(`Jasmine rice 1 kg ${suffix}`)).toBeVisible();
  await expect(image).toBeVisible();

  await page.getByRole("link", { name: "แก้ไข" }).click();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("listitem").filter({ has: image }).getByRole("button", { name: /^ลบรูปที่/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "ลบรูปแล้ว" })).toBeVisible();
  await expect(image).toHaveCount(0);
});

test("set a reorder point where the product has no stock level yet", async ({ page }) => {
  const sku = `E2E-RP-${Date.now().toString(36).toUpperCase()}`;
  await signIn(page, "manager@klang.local");
  await page.goto("/products/new");
  await page.getByLabel("SKU").fill(sku);
  await page.getByLabel("ชื่อ (ไทย)").fill(`ซอสหอยนางรมทดสอบ ${sku}`);
  await page.getByLabel("หน่วยนับ").fill("ขวด");
  await page.getByLabel("ราคาขาย (บาท)").fill("35.00");
  await page.getByRole("button", { name: "บันทึก" }).click();
  await expect(page.getByRole("heading", { name: `ซอสหอยนางรมทดสอบ ${sku}` })).toBeVisible();
  await expect(page.getByText("ยังไม่มีสต็อกในคลังใด")).toBeVisible();

  await page.goto("/inventory");
  await page.getByRole("tab", { name: "ตั้งจุดสั่งซื้อ" }).click();
  const form = page.getByRole("form", { name: "ตั้งจุดสั่งซื้อ" });
  await form.getByRole("button", { name: "บันทึก" }).click();
  await expect(form.getByText("ต้องกรอกช่องนี้")).toHaveCount(2);

  await pickProduct(form, sku);
  await chooseOption(form.getByLabel("คลังสินค้า"), "BKK-BANGNA");
  await expect(form.getByText(/ยังไม่มีสต็อกในคลังนี้/)).toBeVisible();
  await form.getByLabel("จุดสั่งซื้อ").fill("15");
  await form.getByLabel("จำนวนที่สั่งซื้อ").fill("40");
  await expectAccessible(page);
  await screenshot(page, "reorder-point-new");
  await form.getByRole("button", { name: "บันทึก" }).click();
  await expect(form.getByRole("status").filter({ hasText: "บันทึกจุดสั่งซื้อแล้ว" })).toBeVisible();
  await expect(form.getByText("ตั้งไว้ตอนนี้: จุดสั่งซื้อ 15 · สั่งซื้อครั้งละ 40")).toBeVisible();

  await page.goto("/products");
  await page.getByLabel(/ค้นหาสินค้า/).fill(sku);
  await page.getByRole("row").filter({ hasText: sku }).getByRole("link").click();
  const row = page.getByRole("row").filter({ hasText: "BKK-BANGNA" });
  await expect(row.getByRole("cell").nth(4)).toHaveText("15");
});
