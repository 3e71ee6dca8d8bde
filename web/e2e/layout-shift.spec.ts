/**
 * Layout stability: the dashboard and the product list must not jump while the session, the menu and the data
 * arrive. A PerformanceObserver records every `layout-shift` entry from the first paint; the score is computed
 * like Lighthouse's CLS (largest session window: shifts less than 1 s apart, at most 5 s long) and must stay at or
 * below 0.1, the "good" threshold. This checks where things are drawn, not how fast: the CPU is slowed down 4x
 * (as Lighthouse's mobile preset does) only so that each intermediate state gets painted and could be caught, and
 * scroll bars are shown (Playwright hides them by default).
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../playwright.config";
import { signIn } from "./helpers";

const CLS_LIMIT = 0.1;

// Playwright hides scroll bars by default; a real one appearing when the page grows narrows it and moves
// everything sideways, as a user's browser would.
test.use({ launchOptions: { ...chromiumLaunchOptions, ignoreDefaultArgs: ["--hide-scrollbars"] } });

interface Shift {
  value: number;
  startTime: number;
  hadRecentInput: boolean;
  sources: string[];
}

/** Lighthouse's (and web-vitals') CLS: the largest sum of a session window of shifts without recent input. */
export function cumulativeLayoutShift(shifts: readonly Shift[]): number {
  let largest = 0;
  let window = 0;
  let first = -Infinity;
  let previous = -Infinity;
  for (const shift of shifts.filter((candidate) => !candidate.hadRecentInput)) {
    if (shift.startTime - previous < 1000 && shift.startTime - first < 5000) {
      window += shift.value;
    } else {
      window = shift.value;
      first = shift.startTime;
    }
    previous = shift.startTime;
    largest = Math.max(largest, window);
  }
  return largest;
}

const viewports = {
  mobile: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1350, height: 940 } },
} as const;

/** A returning user's page (a fresh sign-in's refresh cookie) that records layout shifts from the start. */
async function returningUserPage(browser: Browser, device: keyof typeof viewports, email = "manager@klang.local"): Promise<Page> {
  const context = await browser.newContext({ ...viewports[device], locale: "th-TH", timezoneId: "Asia/Bangkok" });
  await signIn(await context.newPage(), email);
  await context.addInitScript(() => {
    const recorded: unknown[] = [];
    (window as unknown as { __layoutShifts: unknown[] }).__layoutShifts = recorded;
    const describe = (node: Node | null) => {
      if (!(node instanceof Element)) {
        return node?.nodeName ?? "?";
      }
      const classes = typeof node.className === "string" && node.className ? `.${node.className.trim().split(/\s+/).join(".")}` : "";
      return `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ""}${classes}`;
    };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
      })[]) {
        recorded.push({
          value: entry.value,
          startTime: entry.startTime,
          hadRecentInput: entry.hadRecentInput,
          sources: (entry.sources ?? []).map(
            (source) =>
              `${describe(source.node)} x ${Math.round(source.previousRect.x)}→${Math.round(source.currentRect.x)} y ${Math.round(source.previousRect.y)}→${Math.round(source.currentRect.y)} w ${Math.round(source.previousRect.width)}→${Math.round(source.currentRect.width)} h ${Math.round(source.previousRect.height)}→${Math.round(source.currentRect.height)}`,
          ),
        });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return page;
}

/** The recorded shifts once the page has been still for a moment (late fonts and images included). */
async function layoutShifts(page: Page): Promise<Shift[]> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(1500);
  return page.evaluate(() => (window as unknown as { __layoutShifts: Shift[] }).__layoutShifts);
}

function expectStable(shifts: readonly Shift[]) {
  const score = cumulativeLayoutShift(shifts);
  const report = shifts.map((shift) => `${shift.value.toFixed(4)} @${Math.round(shift.startTime)}ms${shift.hadRecentInput ? " (after input)" : ""} ${shift.sources.join("; ")}`);
  console.log(`CLS ${score.toFixed(4)}\n${report.join("\n")}`);
  expect(score, `CLS ${score.toFixed(4)}; shifts:\n${report.join("\n")}`).toBeLessThanOrEqual(CLS_LIMIT);
}

for (const device of ["mobile", "desktop"] as const) {
  test(`the dashboard does not jump while it loads (${device})`, async ({ browser }) => {
    const page = await returningUserPage(browser, device);
    await page.goto("/");
    await expect(page.getByTestId("stock-value")).not.toHaveText("—");
    await expect(page.getByRole("region", { name: "สินค้าที่ต่ำกว่าจุดสั่งซื้อ" }).getByRole("link").first()).toBeVisible();
    expectStable(await layoutShifts(page));
    await page.context().close();
  });

  test(`the product list does not jump while it loads (${device})`, async ({ browser }) => {
    const page = await returningUserPage(browser, device);
    await page.goto("/products");
    await expect(page.getByRole("table").getByRole("link").first()).toBeVisible();
    expectStable(await layoutShifts(page));
    await page.context().close();
  });

  test(`the webhooks screen does not jump while it loads (${device})`, async ({ browser }) => {
    const page = await returningUserPage(browser, device, "admin@klang.local");
    await page.goto("/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
    await expect(page.locator("tr.skeleton")).toHaveCount(0);
    expectStable(await layoutShifts(page));
    await page.context().close();
  });
}
