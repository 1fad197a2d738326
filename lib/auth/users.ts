import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { roleSchema, type Role } from "@/lib/schemas/roles";
import { getConfig } from "@/lib/config";
import demoAccountsJson from "./demo-accounts.json";

export interface TeamUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The demo team of emulator mode (kept in JSON so `npm run demo` can print them too). Their passwords are shown on the sign-in page: they only
 * open an app whose backend is the local emulator with made-up data.
 */
export const DEMO_ACCOUNTS: ReadonlyArray<TeamUser & { password: string }> = z
  .array(z.object({ id: z.string(), email: z.string(), name: z.string(), role: roleSchema, password: z.string() }))
  .parse(demoAccountsJson);

function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash("sha256").update(a).digest();
  const hb = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

/** The demo accounts to show on the sign-in page, or none outside emulator mode. */
export function demoAccountsForDisplay(): Array<{ email: string; password: string; role: Role }> {
  if (getConfig().mode !== "emulator") return [];
  return DEMO_ACCOUNTS.map(({ email, password, role }) => ({ email, password, role }));
}

/** Checks an email and password; the user on success, null otherwise. */
export async function verifyCredentials(email: string, password: string): Promise<TeamUser | null> {
  const normalized = email.trim().toLowerCase();
  if (getConfig().mode === "emulator") {
    const account = DEMO_ACCOUNTS.find((a) => a.email === normalized);
    // Compare even when the account is unknown so timing does not tell which emails exist.
    const ok = safeEqual(account?.password ?? "\u0000no-account", password);
    if (account && ok) {
      const { password: _password, ...user } = account;
      return user;
    }
    return null;
  }
  // Team accounts in the app's store come with team access (issue 6); until then only emulator mode signs in.
  return null;
}

/** Looks a user up again by id, so a removed account or a changed role takes effect on the next request. */
export async function findUser(id: string): Promise<TeamUser | null> {
  if (getConfig().mode === "emulator") {
    const account = DEMO_ACCOUNTS.find((a) => a.id === id);
    if (!account) return null;
    const { password: _password, ...user } = account;
    return user;
  }
  return null;
}
