#!/usr/bin/env node
// Helpers of scripts/web/measure.sh, run with node:
//   measure.mjs first-load <web dir> <route-bundle-stats.json>  -> Markdown table of first-load JS per route
//   measure.mjs lighthouse <label> <report.json>...            -> Markdown rows: score, LCP, FCP, TBT, CLS
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const kB = (bytes) => (bytes / 1000).toFixed(1);

function firstLoad(webDir, statsPath) {
  const routes = JSON.parse(readFileSync(statsPath, "utf8"));
  const gzipped = new Map();
  const size = (path) => {
    if (!gzipped.has(path)) {
      gzipped.set(path, gzipSync(readFileSync(join(webDir, path)), { level: 9 }).length);
    }
    return gzipped.get(path);
  };
  const rows = routes
    .filter((route) => !route.route.startsWith("/_"))
    .sort((a, b) => a.route.localeCompare(b.route))
    .map((route) => {
      const gzip = route.firstLoadChunkPaths.reduce((sum, path) => sum + size(path), 0);
      return `| \`${route.route}\` | ${route.firstLoadChunkPaths.length} | ${kB(route.firstLoadUncompressedJsBytes)} | ${kB(gzip)} |`;
    });
  console.log("| Route | Chunks | First-load JS (kB, raw) | First-load JS (kB, gzip -9) |");
  console.log("|---|---:|---:|---:|");
  console.log(rows.join("\n"));
}

function lighthouse(label, paths) {
  for (const path of paths) {
    const report = JSON.parse(readFileSync(path, "utf8"));
    const audit = (id) => report.audits[id]?.numericValue ?? NaN;
    const score = Math.round((report.categories.performance.score ?? 0) * 100);
    const url = new URL(report.finalDisplayedUrl ?? report.finalUrl).pathname;
    const warnings = (report.runWarnings ?? []).length;
    console.log(
      `| ${label} | \`${url}\` | ${score} | ${(audit("largest-contentful-paint") / 1000).toFixed(2)} s | ${(audit("first-contentful-paint") / 1000).toFixed(2)} s | ${Math.round(audit("total-blocking-time"))} ms | ${audit("cumulative-layout-shift").toFixed(3)} | ${warnings} |`,
    );
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === "first-load") {
  firstLoad(args[0], args[1]);
} else if (command === "lighthouse") {
  lighthouse(args[0], args.slice(1));
} else {
  console.error("usage: measure.mjs first-load <web dir> <stats.json> | lighthouse <label> <report.json>...");
  process.exit(2);
}
