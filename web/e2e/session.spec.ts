/** Signing in, staying signed in, and sessions that end. */
import { expect, test } from "@playwright/test";
import { apiSignIn, revokeOtherSessions, signIn } from "./helpers";

test("sign in, reload and a fresh context with the cookie land signed in", async ({ page, browser }) => {
  await signIn(page, "manager@klang.local");
  await page.reload();
  await expect(page.getByRole("heading", { name: "ภาพรวมคลังสินค้า" })).toBeVisible();

  const state = await page.context().storageState();
  await page.close();
  const fresh = await browser.newContext({ storageState: state });
  const again = await fresh.newPage();
  await again.goto("/products");
  await expect(again.getByRole("heading", { name: "สินค้า", exact: true })).toBeVisible();
  await fresh.close();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("อีเมล").fill("staff@klang.local");
  await page.getByLabel("รหัสผ่าน").fill("not-the-password-1");
  await page.getByRole("button", { name: "เข้าสู่ระบบ" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "อีเมลหรือรหัสผ่านไม่ถูกต้อง" })).toBeVisible();
});

test("access-token expiry is invisible to the user", async ({ page }) => {
  const ttl = Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? "20");
  await signIn(page, "staff@klang.local");
  await page.waitForTimeout((ttl + 5) * 1000);
  await page.getByRole("link", { name: "สินค้า", exact: true }).click();
  await expect(page.getByRole("heading", { name: "สินค้า", exact: true })).toBeVisible();
  await expect(page.getByRole("table").getByRole("link").first()).toBeVisible();
  await expect(page).toHaveURL(/\/products$/);
});

test("a revoked session ends at sign-in with a message", async ({ page, request }) => {
  await signIn(page, "dispatcher@klang.local");
  const token = await apiSignIn(request, "dispatcher@klang.local");
  await revokeOtherSessions(request, token);
  await page.getByRole("link", { name: "สินค้า", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText("เซสชันของคุณสิ้นสุดแล้ว")).toBeVisible();
});
