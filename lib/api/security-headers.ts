/**
 * The Content-Security-Policy of the app's pages and the headers that go with it. No secrets, no server-only
 * imports: proxy.ts (Next's middleware) uses it for every page request.
 *
 * Scripts: only ours, by nonce ('strict-dynamic' lets them load their chunks); no inline script without the
 * nonce, no eval outside development (React uses it there for its error overlay). Styles allow inline style
 * attributes, which React renders. Nothing may frame the app.
 */
export function contentSecurityPolicy(opts: { nonce: string; dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** HSTS for two years, sent only over HTTPS (browsers ignore it over HTTP, and it must not stick to a test host). */
export const HSTS = "max-age=63072000; includeSubDomains";

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
