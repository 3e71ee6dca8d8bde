/** Shared steps of the end-to-end tests. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";

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

const manifest = JSON.parse(readFileSync(join(__dirname, "../src/gql/persisted-documents.json"), "utf8")) as Record<string, string>;

/**
 * The request body of the app's own operation `name`, sent as its persisted hash: the test API runs with
 * `GRAPHQL_TRUSTED_DOCUMENTS=required`, so these helpers may use only what the web app itself sends.
 */
function persisted(name: string, variables: Record<string, unknown> = {}) {
  const key = Object.keys(manifest).find((hash) => new RegExp(`^(query|mutation) ${name}\\b`).test(manifest[hash]!));
  if (!key) {
    throw new Error(`no persisted operation ${name}`);
  }
  return { query: "", variables, extensions: { persistedQuery: { version: 1, sha256Hash: key.replace(/^sha256:/, "") } } };
}

async function call<T>(request: APIRequestContext, body: object, token?: string): Promise<T> {
  const response = await request.post("/graphql", { data: body, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const json = (await response.json()) as { data: T; errors?: unknown[] };
  expect(json.errors ?? []).toEqual([]);
  return json.data;
}

/** Signs in over the API (a second session of the same user) and returns its access token. */
export async function apiSignIn(request: APIRequestContext, email: string): Promise<string> {
  const data = await call<{ signIn: { accessToken: string } }>(request, persisted("SignIn", { input: { email, password: PASSWORD } }));
  return data.signIn.accessToken;
}

/** Revokes every session of the token's user except the token's own (as the profile screen does). */
export async function revokeOtherSessions(request: APIRequestContext, token: string): Promise<void> {
  const data = await call<{ mySessions: { id: string; current: boolean }[] }>(request, persisted("MySessions"), token);
  for (const session of data.mySessions.filter((candidate) => !candidate.current)) {
    await call(request, persisted("RevokeSession", { input: { sessionId: session.id } }), token);
  }
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
  // From the top: the side bar sticks to the window, so a page scrolled down would show it half way.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/** Selects the option of `select` whose text contains `text` (options read "CODE · name"). */
export async function chooseOption(select: Locator, text: string): Promise<void> {
  const option = select.locator("option", { hasText: text });
  await expect(option).toHaveCount(1);
  await select.selectOption((await option.getAttribute("value")) ?? "");
}

/** Picks a product in the product picker inside `scope` by searching its SKU. */
export async function pickProduct(scope: Locator, sku: string): Promise<void> {
  await scope.getByLabel("ค้นหาสินค้าเพื่อเลือก").fill(sku);
  await chooseOption(scope.getByLabel("เลือกสินค้า", { exact: true }), sku);
}

/** A real PNG of `size`×`size` pixels in one colour, built here so the test needs no fixture file. */
export function solidPng(size: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}
