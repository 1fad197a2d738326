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

/** The folder tabs of the inbox (Toloka's folders), as they appear in URLs. */
export const FOLDER_TABS = ["inbox", "sent", "users", "administrator", "notifications", "important"] as const;
export type FolderTab = (typeof FOLDER_TABS)[number];

/**
 * The team's views (only this app knows them): threads a member owns, conversations nobody owns, snoozed and done
 * ones. Mine and Unassigned hold open threads only; a done or snoozed thread is open again once its Toloker writes.
 */
export const TEAM_VIEWS = ["mine", "unassigned", "snoozed", "done"] as const;
/** Why a thread takes no reply, as ThreadDetail's `replyBlocked` says it (the page words it). */
export const REPLY_BLOCKED = ["notification", "offMany", "off", "apart", "closed", "noOne"] as const;
export type ReplyBlocked = (typeof REPLY_BLOCKED)[number];
export type TeamView = (typeof TEAM_VIEWS)[number];

/** Every list the inbox shows, as it appears in URLs: Toloka's folders, then the team's views. */
export const TABS = [...FOLDER_TABS, ...TEAM_VIEWS] as const;
export type Tab = (typeof TABS)[number];

export function isTeamView(tab: Tab): tab is TeamView {
  return (TEAM_VIEWS as readonly string[]).includes(tab);
}

/** A thread's status in the team's workflow. */
export const THREAD_STATUSES = ["open", "done", "snoozed"] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

/**
 * The status a thread is in now: done or snoozed hold only while the thread has no more Toloker messages than
 * when it was so marked, and a snooze only until its time.
 */
export function effectiveStatus(
  w: { status: ThreadStatus; snoozeUntil?: string | null; tolokerCount: number },
  tolokerMessages: number,
  nowMs: number,
): ThreadStatus {
  if (w.status === "open" || tolokerMessages > w.tolokerCount) return "open";
  if (w.status === "snoozed" && !(Date.parse(w.snoozeUntil ?? "") > nowMs)) return "open";
  return w.status;
}

/** The variables a saved reply may hold, filled from the thread and the member when it is inserted. */
export const REPLY_VARIABLES = ["toloker_id", "pool_id", "project_id", "assignment_id", "member_name"] as const;
export type ReplyVariable = (typeof REPLY_VARIABLES)[number];

/** A saved reply's text with its `{variables}` filled; one without a value stays as written, for the member to see. */
export function fillVariables(body: string, values: Partial<Record<ReplyVariable, string>>): string {
  return body.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    const v = (values as Record<string, string | undefined>)[name];
    return v === undefined || v === "" ? whole : v;
  });
}

/** The `{names}` in a text that are not variables, for the form to flag. */
export function unknownVariables(body: string): string[] {
  const found = [...body.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
  return [...new Set(found.filter((n) => !(REPLY_VARIABLES as readonly string[]).includes(n)))];
}

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
