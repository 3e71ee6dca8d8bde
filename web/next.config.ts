import type { NextConfig } from "next";

/**
 * The API the Next.js server forwards `/graphql`, `/graphql/ws`, `/auth/*` and `/media/*` to, so that the browser
 * talks to one origin (the refresh cookie is `SameSite=Strict; Path=/auth`; image URLs and uploads of the API's
 * media folder are relative to the API's origin). Rewrites are fixed at `next build`.
 */
const api = (process.env.KLANG_API_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "");

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A separate output folder lets the test run build while a development server keeps its own `.next`.
  distDir: process.env.KLANG_WEB_DIST_DIR ?? ".next",
  async rewrites() {
    return [
      { source: "/graphql", destination: `${api}/graphql` },
      { source: "/graphql/ws", destination: `${api}/graphql/ws` },
      { source: "/auth/:path*", destination: `${api}/auth/:path*` },
      { source: "/media/:path*", destination: `${api}/media/:path*` },
    ];
  },
};

export default nextConfig;
