/**
 * Playwright against a running web app (`KLANG_WEB_URL`) and API, driving Debian's Chromium: no browser is
 * downloaded. `scripts/web/check.sh` starts both and sets the variables.
 */
import { defineConfig, type LaunchOptions } from "@playwright/test";

/** Debian's Chromium and its flags; `e2e/layout-shift.spec.ts` adds real scroll bars to these. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: process.env.KLANG_PLAYWRIGHT_JSON ?? "test-results/playwright.json" }]],
  use: {
    baseURL: process.env.KLANG_WEB_URL ?? "http://127.0.0.1:13100",
    locale: "th-TH",
    timezoneId: "Asia/Bangkok",
    viewport: { width: 1280, height: 900 },
    trace: "off",
    launchOptions: chromiumLaunchOptions,
  },
});
