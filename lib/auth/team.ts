import "server-only";
import crypto from "node:crypto";
import { actorOf, recordActivity } from "@/lib/api/activity";
import { AppError, invalid } from "@/lib/errors";
import { getConfig } from "@/lib/config";
import { getStore, type UserRecord } from "@/lib/db";
import type { Permission } from "@/lib/schemas/plain";
import type { Role } from "@/lib/schemas/roles";
import type { AccessGrant, Member } from "@/lib/schemas/team";
import { generateLinkToken, generatePassword, hashLinkToken, hashPassword, passwordProblem, verifyPassword } from "./password";
import { checkSetupCode, needsSetup, removeSetupCode } from "./setup";
import { syncDemoAccounts, toTeamUser, type TeamUser } from "./users";

/** How long a one-time link stays valid. */
const INVITE_LINK_DAYS = 7;

/** A team member as the team page shows them: nothing secret, not even hashes. */
function toMember(u: UserRecord): Member {
  const invitePending = !!u.inviteHash && !!u.inviteExpiresAt;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    permissions: u.permissions,
    signIn: {
      password: !!u.passwordHash,
      sso: !!u.oidcSubject,
      invitePending,
      inviteExpiresAt: invitePending ? (u.inviteExpiresAt ?? undefined) : undefined,
      mustChangePassword: u.mustChangePassword,
    },
    demo: u.demo,
    createdAt: u.createdAt,
    lastSignInAt: u.lastSignInAt ?? undefined,
  };
}

function mustFind(id: string): UserRecord {
  const u = getStore().users.get(id);
  if (!u) throw new AppError("NOT_FOUND", "There is no such team member.");
  return u;
}

/** Demo mode is a sandbox: a demo account may change only demo accounts, never the team's own. */
function assertMayManage(actor: TeamUser, target: UserRecord): void {
  if (actor.demo && !target.demo) {
    throw new AppError("FORBIDDEN", "A demo account can change only demo accounts. Sign in with an admin account of your own.");
  }
}

/** The link an invitation sends: always at NEXTAUTH_URL, never at the Host the admin's request claimed. */
function linkFor(token: string): string {
  return `${getConfig().auth.url}/invite/${token}`;
}

/** A one-time link or a temporary password for a member, and what the store keeps of it. */
async function grant(method: "link" | "password") {
  if (method === "link") {
    const { token, hash } = generateLinkToken();
    const expiresAt = new Date(Date.now() + INVITE_LINK_DAYS * 86_400_000).toISOString();
    return {
      patch: { passwordHash: null, mustChangePassword: false, inviteHash: hash, inviteExpiresAt: expiresAt },
      link: linkFor(token),
      linkExpiresAt: expiresAt,
    };
  }
  const temporaryPassword = generatePassword();
  return {
    patch: { passwordHash: await hashPassword(temporaryPassword), mustChangePassword: true, inviteHash: null, inviteExpiresAt: null },
    temporaryPassword,
  };
}

/** The team, by email. */
export function listTeam(): Member[] {
  return getStore().users.list().map(toMember);
}

/** Adds someone: with a one-time link to choose a password, a temporary password, or single sign-on only. */
export async function inviteMember(
  actor: TeamUser,
  input: { email: string; name: string; role: Role; method: "link" | "password" | "sso" },
): Promise<AccessGrant> {
  if (input.method === "sso" && !getConfig().auth.oidc) throw invalid({ method: "single sign-on is not configured (OIDC_ISSUER)" });
  const store = getStore();
  if (store.users.getByEmail(input.email)) throw new AppError("CONFLICT", `${input.email} is already on the team.`);
  const given = input.method === "sso" ? null : await grant(input.method);
  const created = store.users.create({
    id: `u-${crypto.randomUUID()}`,
    email: input.email,
    name: input.name,
    role: input.role,
    ...(given?.patch ?? {}),
    // Accounts made in demo mode go with the demo accounts when it ends.
    demo: actor.demo,
    createdBy: actor.id,
  });
  if (!created) throw new AppError("CONFLICT", `${input.email} is already on the team.`);
  recordActivity("team.invite", actorOf(actor), { target: created.email, details: { role: created.role, method: input.method } });
  if (created.role === "admin" && !created.demo) await syncDemoAccounts();
  return { member: toMember(created), link: given?.link, linkExpiresAt: given?.linkExpiresAt, temporaryPassword: given?.temporaryPassword };
}

/** Changes a member's role or name; the team always keeps an admin. */
export async function updateMember(actor: TeamUser, id: string, patch: { role?: Role; name?: string; permissions?: Permission[] }): Promise<Member> {
  const store = getStore();
  const target = mustFind(id);
  assertMayManage(actor, target);
  if (patch.role && patch.role !== target.role) {
    const result = store.users.setRole(id, patch.role);
    if (result === "missing") throw new AppError("NOT_FOUND", "There is no such team member.");
    if (result === "last-admin") throw new AppError("CONFLICT", "The team needs at least one admin: make someone else admin first.");
    recordActivity("team.role", actorOf(actor), { target: target.email, details: { from: target.role, to: patch.role } });
    if (patch.role === "admin" && !target.demo) await syncDemoAccounts();
  }
  if (patch.name && patch.name !== target.name) store.users.update(id, { name: patch.name });
  if (patch.permissions) {
    const role = patch.role ?? target.role;
    if (role === "viewer" && patch.permissions.length > 0) {
      throw invalid({ permissions: "a viewer reads only: make them a sender first" });
    }
    const before = [...target.permissions].sort().join(",");
    const after = [...new Set(patch.permissions)].sort();
    if (before !== after.join(",")) {
      store.users.setPermissions(id, after);
      recordActivity("team.permissions", actorOf(actor), { target: target.email, details: { from: target.permissions, to: after } });
    }
  }
  return toMember(mustFind(id));
}

/** Removes someone's access at once: their sessions stop counting with the next request. */
export function removeMember(actor: TeamUser, id: string): void {
  const target = mustFind(id);
  assertMayManage(actor, target);
  if (target.id === actor.id) throw new AppError("CONFLICT", "You cannot remove yourself; ask another admin.");
  const result = getStore().users.delete(id);
  if (result === "missing") throw new AppError("NOT_FOUND", "There is no such team member.");
  if (result === "last-admin") throw new AppError("CONFLICT", "The team needs at least one admin.");
  recordActivity("team.remove", actorOf(actor), { target: target.email, details: { role: target.role } });
}

/** A new link or temporary password for someone who lost theirs; the old password and sessions stop working. */
export async function resetAccess(actor: TeamUser, id: string, method: "link" | "password"): Promise<AccessGrant> {
  const store = getStore();
  const target = mustFind(id);
  assertMayManage(actor, target);
  const given = await grant(method);
  store.users.update(id, given.patch);
  store.users.bumpSessionVersion(id);
  recordActivity("team.reset", actorOf(actor), { target: target.email, details: { method } });
  return { member: toMember(mustFind(id)), link: given.link, linkExpiresAt: given.linkExpiresAt, temporaryPassword: given.temporaryPassword };
}

/** Ends every session of a member. */
export function signOutMember(actor: TeamUser, id: string): void {
  const target = mustFind(id);
  assertMayManage(actor, target);
  getStore().users.bumpSessionVersion(id);
  recordActivity("team.sign-out", actorOf(actor), { target: target.email });
}

/** "Sign out everywhere": every session of the person ends, this one too. */
export function signOutEverywhere(user: TeamUser): void {
  getStore().users.bumpSessionVersion(user.id);
  recordActivity("auth.sign-out-everywhere", actorOf(user));
}

/** Whether a member has a password of their own (one who signs in only by SSO has none to change). */
export function hasOwnPassword(userId: string): boolean {
  return !!getStore().users.get(userId)?.passwordHash;
}

/**
 * Changes one's own password. The current one is asked for, except right after signing in with a temporary
 * password. Every session ends, so a stolen session does not survive the change (the page signs in again).
 */
export async function changeOwnPassword(user: TeamUser, current: string | undefined, next: string): Promise<void> {
  const store = getStore();
  const record = mustFind(user.id);
  if (!record.mustChangePassword) {
    if (!current) throw invalid({ currentPassword: "is required" });
    if (!(await verifyPassword(current, record.passwordHash))) throw invalid({ currentPassword: "is not your current password" });
  }
  const problem = passwordProblem(next, { email: record.email });
  if (problem) throw invalid({ newPassword: problem });
  if (record.passwordHash && (await verifyPassword(next, record.passwordHash))) throw invalid({ newPassword: "must differ from the one you have" });
  store.users.update(user.id, { passwordHash: await hashPassword(next), mustChangePassword: false, inviteHash: null, inviteExpiresAt: null });
  store.users.bumpSessionVersion(user.id);
  recordActivity("auth.password-changed", actorOf(user));
}

/** The member a one-time link belongs to while it is valid, or null. */
export function memberForInvite(token: string): UserRecord | null {
  const u = getStore().users.getByInviteHash(hashLinkToken(token));
  if (!u?.inviteExpiresAt || u.inviteExpiresAt < new Date().toISOString()) return null;
  return u;
}

/** Sets the password of the member a one-time link was made for, and spends the link. */
export async function acceptInvite(token: string, password: string): Promise<{ email: string }> {
  const u = memberForInvite(token);
  if (!u) throw new AppError("NOT_FOUND", "This link is not valid any more: ask an admin for a new one.");
  const problem = passwordProblem(password, { email: u.email });
  if (problem) throw invalid({ password: problem });
  const store = getStore();
  store.users.update(u.id, { passwordHash: await hashPassword(password), mustChangePassword: false, inviteHash: null, inviteExpiresAt: null });
  store.users.bumpSessionVersion(u.id);
  recordActivity("auth.invite-accepted", actorOf(u));
  return { email: u.email };
}

/**
 * Creates an admin of the team's own (not a demo account) and ends demo mode. `firstOnly`: only while there
 * is none yet (the setup page); the command line may add more.
 */
export async function createAdmin(input: { email: string; name: string; password?: string }, opts: { firstOnly: boolean; by?: string }): Promise<UserRecord> {
  const store = getStore();
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, { email: input.email });
    if (problem) throw invalid({ password: problem });
  }
  if (store.users.getByEmail(input.email)) throw new AppError("CONFLICT", `${input.email} is already on the team.`);
  const user = {
    id: `u-${crypto.randomUUID()}`,
    email: input.email,
    name: input.name,
    role: "admin" as const,
    passwordHash: input.password !== undefined ? await hashPassword(input.password) : null,
    createdBy: opts.by ?? null,
  };
  const created = opts.firstOnly ? store.users.createIfNoAdmin(user) : store.users.create(user);
  if (!created) throw new AppError("CONFLICT", opts.firstOnly ? "The team already has an admin: sign in instead." : `${input.email} is already on the team.`);
  await syncDemoAccounts();
  if (!needsSetup()) removeSetupCode();
  return created;
}

/** The setup page: the first admin, for whoever has the code from DATA_DIR/setup-code. */
export async function setupFirstAdmin(input: { code: string; email: string; name: string; password: string }): Promise<Member> {
  if (!needsSetup()) throw new AppError("CONFLICT", "The team already has an admin: sign in instead.");
  if (!checkSetupCode(input.code)) throw invalid({ code: "is not the code in DATA_DIR/setup-code" });
  const created = await createAdmin(input, { firstOnly: true, by: "setup" });
  recordActivity("auth.setup", actorOf(toTeamUser(created)));
  return toMember(created);
}
