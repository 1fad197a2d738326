import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, HSTS, newNonce } from "@/lib/api/security-headers";
import { getConfig } from "@/lib/config";

const SIGNED_IN_PAGES = /^\/($|messages(\/|$)|settings(\/|$)|activity(\/|$))/;

/**
 * Every page: a Content-Security-Policy with a fresh nonce (Next puts it on its own scripts), HSTS behind
 * HTTPS. Pages that need a session redirect early when there is no session
 * cookie at all; that is only a courtesy, as the layouts and every /api route check the session themselves.
 */
export function proxy(request: NextRequest) {
  const config = getConfig();
  const path = request.nextUrl.pathname;
  // From NEXTAUTH_URL alone: a client's X-Forwarded-Proto must not decide whether browsers pin HTTPS.
  const https = config.auth.https;
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, dev: config.nodeEnv === "development", https });

  let response: NextResponse;
  const hasSession = request.cookies.getAll().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name));
  if (SIGNED_IN_PAGES.test(path) && !hasSession) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?callbackUrl=${encodeURIComponent(path + request.nextUrl.search)}`;
    response = NextResponse.redirect(url);
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Pages only: not the JSON API, the emulator, or static files (next.config.js gives those their headers).
  matcher: ["/((?!api/|emulator/|_next/static|_next/image|favicon.ico).*)"],
};
