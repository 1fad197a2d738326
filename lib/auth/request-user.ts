import "server-only";
import { getToken, type JWT } from "next-auth/jwt";
import { getConfig } from "@/lib/config";
import { getStore } from "@/lib/db";
import { findUser, type TeamUser } from "./users";

/** next-auth's cookie name: the `__Secure-` form when the app is served over HTTPS. */
export function sessionCookieName(): string {
  return getConfig().auth.https ? "__Secure-next-auth.session-token" : "next-auth.session-token";
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
// Only the cookie's own claims are remembered: the account (role, session version, removal) is read every time.
const decoded = new Map<string, { token: JWT | null; until: number }>();
const DECODED_MAX = 5_000;
const DECODED_TTL_MS = 60_000;

/** The decoded session token of a request (signature and expiry checked), or null. */
async function sessionTokenOf(req: Request): Promise<JWT | null> {
  const cookieName = sessionCookieName();
  const cookies = parseCookies(req.headers.get("cookie"));
  const raw = [...cookies.entries()]
    .filter(([name]) => name === cookieName || name.startsWith(`${cookieName}.`))
    .map(([, v]) => v)
    .join("");
  if (!raw) return null;
  const now = Date.now();
  const hit = decoded.get(raw);
  if (hit && hit.until > now) return hit.token;
  const token = await getToken({
    // Only the cookie: next-auth would otherwise also accept the JWT as an Authorization: Bearer header.
    req: { cookies: Object.fromEntries(cookies), headers: {} } as never,
    secret: getConfig().auth.secret,
    cookieName,
    secureCookie: cookieName.startsWith("__Secure-"),
    logger: { error: () => undefined, warn: () => undefined, debug: () => undefined } as never,
  });
  const exp = typeof token?.exp === "number" ? token.exp * 1000 : now;
  if (decoded.size >= DECODED_MAX) decoded.clear();
  decoded.set(raw, { token, until: Math.min(exp, now + DECODED_TTL_MS) });
  return token;
}

/**
 * The team member a session token stands for, or null when it does not count: no such account any more,
 * signed out everywhere since (the session version moved on), this session signed out (its id revoked), or
 * older than the session's lifetime however active it was. A token without a session id predates revocation
 * and cannot be revoked, so it does not count either (its holder signs in once more).
 */
export async function userFromToken(token: JWT | null): Promise<TeamUser | null> {
  if (!token?.sub || typeof token.sv !== "number" || typeof token.at !== "number" || typeof token.sid !== "string") return null;
  if (Date.now() / 1000 - token.at > getConfig().auth.sessionMaxAgeSeconds) return null;
  if (getStore().revokedSessions.isRevoked(token.sid)) return null;
  const user = await findUser(token.sub);
  if (!user || user.sessionVersion !== token.sv) return null;
  return user;
}

/**
 * The team member a request is signed in as, from the session cookie alone (no Bearer fallback),
 * re-read from the store so a removed account, a changed role or a sign-out everywhere counts at once.
 */
export async function getRequestUser(req: Request): Promise<TeamUser | null> {
  return userFromToken(await sessionTokenOf(req));
}

/** Ends the session a token stands for, for good (sign-out): kept until the token would have expired anyway. */
export function revokeSession(token: JWT | null | undefined): void {
  if (typeof token?.sid !== "string") return;
  const started = typeof token.at === "number" ? token.at : Math.floor(Date.now() / 1000);
  getStore().revokedSessions.revoke(token.sid, started + getConfig().auth.sessionMaxAgeSeconds);
}
