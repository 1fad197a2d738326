import "server-only";
import { getToken } from "next-auth/jwt";
import { getConfig } from "@/lib/config";
import { findUser, type TeamUser } from "./users";

/** next-auth's cookie name: the `__Secure-` form when the app is served over HTTPS. */
export function sessionCookieName(): string {
  return getConfig().auth.url?.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

function parseCookies(header: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      map.set(name, decodeURIComponent(raw));
    } catch {
      map.set(name, raw);
    }
  }
  return map;
}

/**
 * The team member a request is signed in as, from the session cookie alone (no Bearer fallback),
 * re-read from the user directory so a removed account or a changed role counts at once.
 */
export async function getRequestUser(req: Request): Promise<TeamUser | null> {
  const cookieName = sessionCookieName();
  const token = await getToken({
    // Only the cookie: next-auth would otherwise also accept the JWT as an Authorization: Bearer header.
    req: { cookies: parseCookies(req.headers.get("cookie")), headers: {} } as never,
    secret: getConfig().auth.secret,
    cookieName,
    secureCookie: cookieName.startsWith("__Secure-"),
    logger: { error: () => undefined, warn: () => undefined, debug: () => undefined } as never,
  });
  if (!token?.sub) return null;
  return findUser(token.sub);
}
