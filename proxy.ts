import { NextResponse, type NextRequest } from "next/server";

/**
 * An early redirect for pages when there is no session cookie at all. It is only a courtesy:
 * the page layouts and every /api route check the session and the role themselves.
 */
export function proxy(request: NextRequest) {
  const hasSession = request.cookies.getAll().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/", "/messages/:path*", "/settings/:path*", "/activity/:path*"],
};
