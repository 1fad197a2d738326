// Plain CommonJS (package.json has no "type": "module"): Next loads it as is, with no TypeScript step.

const common = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native module and pino's worker threads: load them from node_modules at run time rather than bundling them.
  serverExternalPackages: ["better-sqlite3", "pino", "thread-stream"],
  async headers() {
    return [
      { source: "/:path*", headers: common },
      // Pages get a nonce-based policy from proxy.ts; JSON and the emulator need none of it: deny everything.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
      { source: "/emulator/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

// next-intl without locale routing: lib/i18n/request.ts picks each request's language (the member's, or the browser's).
const withNextIntl = require("next-intl/plugin")("./lib/i18n/request.ts");

module.exports = withNextIntl(nextConfig);
