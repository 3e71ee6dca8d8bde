/** Shared steps of the end-to-end tests. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
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
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}
