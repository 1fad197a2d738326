import "server-only";
import { z } from "zod";
import { getStore, type Store, type UserRecord } from "@/lib/db";
import { getLogger } from "@/lib/log";
import type { Locale } from "@/lib/i18n/locales";
import type { Permission } from "@/lib/schemas/plain";
import { roleSchema, type Role } from "@/lib/schemas/roles";
import { getConnection } from "@/lib/toloka/connection";
import demoAccountsJson from "./demo-accounts.json";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import { processSlot } from "@/lib/process-slot";

/** A signed-in team member, as route handlers and pages see them. */
export interface TeamUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Granted beyond the role; see `hasPermission`. */
  permissions: Permission[];
  /** A demo account or one made by one: removed when the app is connected to a real Toloka. */
  demo: boolean;
  /** Signed in with a temporary password: must choose their own first. */
  mustChangePassword: boolean;
  sessionVersion: number;
  /** The interface language they chose; null: the browser's. */
  locale: Locale | null;
}

export function toTeamUser(u: UserRecord): TeamUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    permissions: u.permissions,
    demo: u.demo,
    mustChangePassword: u.mustChangePassword,
    sessionVersion: u.sessionVersion,
    locale: u.locale,
  };
}

/**
 * The demo team of emulator mode (kept in JSON so `npm run demo` can print them too). Their passwords are shown
 * on the sign-in page: they only open an app whose backend is the local emulator with made-up data.
 */
const DEMO_ACCOUNTS: ReadonlyArray<{ id: string; email: string; name: string; role: Role; password: string }> = z
  .array(z.object({ id: z.string(), email: z.string(), name: z.string(), role: roleSchema, password: z.string() }))
  .parse(demoAccountsJson);

/**
 * Demo mode: the demo accounts (published passwords) may sign in. Only while the app is on the embedded
 * emulator and the team has no admin account of its own: the first real admin (from the setup page or
 * `npm run admin`) ends it, and so does connecting to a real Toloka.
 */
export function isDemoMode(store: Store = getStore()): boolean {
  return getConnection().mode === "emulator" && store.users.count({ role: "admin", demo: false }) === 0;
}

const demoSync = processSlot<Promise<void>>("demoSync");

/**
 * Puts the demo accounts in the store while demo mode lasts, and removes them (with every account one of them
 * made) as soon as it ends. Called at start, at each sign-in and after anything that can end demo mode.
 */
export function syncDemoAccounts(): Promise<void> {
  // One at a time: two callers at once would both hash the passwords.
  const run = async () => {
    const store = getStore();
    if (!isDemoMode(store)) {
      const removed = store.users.deleteDemo();
      if (removed > 0) getLogger().info({ removed }, "demo mode ended: the demo accounts were removed");
      return;
    }
    for (const a of DEMO_ACCOUNTS) {
      if (store.users.get(a.id) || store.users.getByEmail(a.email)) continue;
      store.users.create({ id: a.id, email: a.email, name: a.name, role: a.role, passwordHash: await hashPassword(a.password), demo: true });
    }
  };
  const next = (demoSync.get() ?? Promise.resolve()).then(run, run);
  demoSync.set(next.catch(() => undefined));
  return next;
}

/** The demo accounts to show on the sign-in page, or none outside demo mode. */
export function demoAccountsForDisplay(): Array<{ email: string; password: string; role: Role }> {
  if (!isDemoMode()) return [];
  return DEMO_ACCOUNTS.map(({ email, password, role }) => ({ email, password, role }));
}

/** Checks an email and password; the user on success, null otherwise (in the same time either way). */
export async function verifyCredentials(email: string, password: string): Promise<TeamUser | null> {
  await syncDemoAccounts();
  const store = getStore();
  const user = store.users.getByEmail(email.trim().toLowerCase());
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || !user.passwordHash) return null;
  const patch: Parameters<typeof store.users.update>[1] = { lastSignInAt: new Date().toISOString() };
  if (needsRehash(user.passwordHash)) patch.passwordHash = await hashPassword(password);
  return toTeamUser(store.users.update(user.id, patch) ?? user);
}

/** Looks a user up again by id, so a removed account or a changed role takes effect on the next request. */
export async function findUser(id: string): Promise<TeamUser | null> {
  let user = getStore().users.get(id);
  if (!user && DEMO_ACCOUNTS.some((a) => a.id === id) && isDemoMode()) {
    // The demo accounts are put in the store at start; a process that has not done it yet does it now.
    await syncDemoAccounts();
    user = getStore().users.get(id);
  }
  if (!user) return null;
  // A demo account outlives demo mode only until the next sync; refuse it meanwhile.
  if (user.demo && !isDemoMode()) return null;
  return toTeamUser(user);
}
