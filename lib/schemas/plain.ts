/**
 * The constants, types and guards of the DTOs that the inbox's first view needs, without zod: zod is 32 KiB of
 * the browser's first download and costs the page's start on a phone, while the first view only reads our own
 * /api (whose answers the server has checked already). The zod schemas beside this file are built from these
 * constants and re-export them for the server. Client code on the first view imports from here; `e2e/bundle.spec.ts`
 * checks that its scripts carry no zod. Imports nothing.
 */

/**
 * Team roles, weakest first. A viewer reads; a sender also replies, flags and sends;
 * an admin also changes settings and the team.
 */
export const ROLES = ["viewer", "sender", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** True when `actual` grants at least what `required` does. */
export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

/**
 * What an admin grants a sender beyond their role: paying bonuses and restricting Tolokers move money and
 * access, so a sender has neither until an admin grants it. An admin has both; a viewer can be granted neither.
 */
export const PERMISSIONS = ["bonus", "restrict"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = { bonus: "Pay bonuses", restrict: "Restrict Tolokers" };

/** Whether a member with `role` and the `granted` permissions may do what needs `permission`. */
export function hasPermission(role: Role, granted: readonly Permission[], permission: Permission): boolean {
  if (role === "admin") return true;
  return role === "sender" && granted.includes(permission);
}

/** How a message picks its recipients, in Toloka's words: by id, by a filter, or everyone who did a task. */
export const SELECT_TYPES = ["DIRECT", "FILTER", "ALL"] as const;
export type SelectType = (typeof SELECT_TYPES)[number];

/** The folder tabs of the inbox, as they appear in URLs. */
export const TABS = ["inbox", "sent", "users", "administrator", "notifications", "important"] as const;
export type Tab = (typeof TABS)[number];

export const TAB_LABELS: Record<Tab, string> = {
  inbox: "Inbox",
  sent: "Sent",
  users: "Users",
  administrator: "Administrator",
  notifications: "Notifications",
  important: "Important",
};

/** Longest search the box and /api/threads accept, in characters. */
export const SEARCH_MAX_LENGTH = 500;

/** The one error envelope every /api route answers with. `fields` maps a dotted input path to what is wrong. */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The error envelope read from a failed /api answer, or null when the body is not one (a proxy's HTML page, a
 * cut-off answer). `fields` is kept only when every value is a string, the way the zod schema reads it.
 */
export function readApiErrorBody(body: unknown): ApiErrorBody | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message, fields } = body.error;
  if (typeof code !== "string" || typeof message !== "string") return null;
  if (fields === undefined) return { error: { code, message } };
  if (!isRecord(fields) || !Object.values(fields).every((v) => typeof v === "string")) return null;
  return { error: { code, message, fields: fields as Record<string, string> } };
}
