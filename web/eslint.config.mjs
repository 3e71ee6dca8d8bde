// ESLint: Next.js core web vitals and TypeScript rules (with jsx-a11y), generated code excluded.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", "src/gql/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
