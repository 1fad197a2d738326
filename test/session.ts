import crypto from "node:crypto";
import { encode } from "next-auth/jwt";

/**
 * A session cookie as next-auth would set it after a sign-in, for tests that call route handlers directly:
 * the account's id, its session version (1 for a new account), the session's own id and the sign-in time.
 */
export async function sessionCookie(userId: string, secret: string, opts: { sv?: number; at?: number; sid?: string; name?: string } = {}): Promise<string> {
  const token = await encode({
    token: { sub: userId, sv: opts.sv ?? 1, sid: opts.sid ?? crypto.randomUUID(), at: opts.at ?? Math.floor(Date.now() / 1000) },
    secret,
  });
  return `${opts.name ?? "next-auth.session-token"}=${token}`;
}
