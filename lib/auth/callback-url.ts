/** Where the app goes after signing in when the link named nowhere it may go. */
export const DEFAULT_AFTER_SIGN_IN = "/messages/inbox";

/**
 * A `callbackUrl` made safe to redirect to: a path on the app's own origin, as the browser would resolve it,
 * or the inbox. The decision is the URL parser's, against `origin` (the app's public URL), not a look at the
 * first characters: browsers read `/\\evil.example` as `//evil.example`, drop tabs and newlines anywhere
 * (`/<tab>/evil.example`), and a path that normalises to `//host` is scheme-relative once sent back as a path.
 */
export function safeCallbackUrl(raw: unknown, origin: string): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || value === "" || value.length > 2000) return DEFAULT_AFTER_SIGN_IN;
  const own = new URL(origin);
  let url: URL;
  try {
    url = new URL(value, own);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== own.origin || url.username || url.password) return DEFAULT_AFTER_SIGN_IN;
  // Only what a relative link of ours could be: an absolute URL to our own origin is fine, another scheme is not.
  if (url.protocol !== own.protocol) return DEFAULT_AFTER_SIGN_IN;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path the browser would read as another host (`//evil.example`) once it is sent back on its own.
  if (!path.startsWith("/") || path.startsWith("//")) return DEFAULT_AFTER_SIGN_IN;
  return path;
}
