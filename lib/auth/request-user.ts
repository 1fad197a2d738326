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

// Decoding a session cookie (HKDF, then AES-GCM) costs more than the rest of a list request; the same
// cookie comes back with every request, so remember what it said until its expiry, for at most a minute.
const decoded = new Map<string, { sub: string | null; until: number }>();
const DECODED_MAX = 5_000;
const DECODED_TTL_MS = 60_000;

async function decodeCookie(cookieHeader: string | null, cookieName: string): Promise<string | null> {
  const cookies = parseCookies(cookieHeader);
  const raw = [...cookies.entries()]
    .filter(([name]) => name === cookieName || name.startsWith(`${cookieName}.`))
    .map(([, v]) => v)
    .join("");
  if (!raw) return null;
  const now = Date.now();
  const hit = decoded.get(raw);
  if (hit && hit.until > now) return hit.sub;
  const token = await getToken({
    // Only the cookie: next-auth would otherwise also accept the JWT as an Authorization: Bearer header.
    req: { cookies, headers: {} } as never,
    secret: getConfig().auth.secret,
    cookieName,
    secureCookie: cookieName.startsWith("__Secure-"),
    logger: { error: () => undefined, warn: () => undefined, debug: () => undefined } as never,
  });
  const sub = token?.sub ?? null;
  const exp = typeof token?.exp === "number" ? token.exp * 1000 : now;
  if (decoded.size >= DECODED_MAX) decoded.clear();
  decoded.set(raw, { sub, until: Math.min(exp, now + DECODED_TTL_MS) });
  return sub;
}

/**
 * The team member a request is signed in as, from the session cookie alone (no Bearer fallback),
 * re-read from the user directory so a removed account or a changed role counts at once.
 */
export async function getRequestUser(req: Request): Promise<TeamUser | null> {
  const sub = await decodeCookie(req.headers.get("cookie"), sessionCookieName());
  if (!sub) return null;
  return findUser(sub);
}
