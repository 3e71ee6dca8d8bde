/** Shared steps of the end-to-end tests. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

/** The demo password of every seeded account. */
export const PASSWORD = "Klang-demo-2026";

/** Signs in through the form and waits for the dashboard. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("อีเมล").fill(email);
  await page.getByLabel("รหัสผ่าน").fill(PASSWORD);
  await page.getByRole("button", { name: "เข้าสู่ระบบ" }).click();
  await expect(page.getByRole("heading", { name: "ภาพรวมคลังสินค้า" })).toBeVisible();
}

/** Signs in over the API (a second session of the same user) and returns its access token. */
export async function apiSignIn(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post("/graphql", {
    data: { query: "mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }", variables: { i: { email, password: PASSWORD } } },
  });
  const body = (await response.json()) as { data: { signIn: { accessToken: string } } };
  return body.data.signIn.accessToken;
}

/** Runs axe (WCAG 2.1 A and AA) and fails on serious or critical violations. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(blocking.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Saves a full-page screenshot to `$KLANG_REPORTS_DIR/web/<name>.png` (a CI artifact). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = join(process.env.KLANG_REPORTS_DIR ?? "test-results", "web");
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}
