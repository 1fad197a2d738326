import { z } from "zod";
import { personSchema } from "./person";

/** The kinds of entry in the activity log, with how the page names them. */
export const ACTIVITY_ACTIONS = {
  "auth.sign-in": "Signed in",
  "auth.sign-in-failed": "Sign-in refused",
  "auth.sign-out": "Signed out",
  "auth.sign-out-everywhere": "Signed out everywhere",
  "auth.password-changed": "Changed password",
  "auth.setup": "Created the first admin",
  "auth.invite-accepted": "Accepted an invitation",
  "thread.reply": "Replied",
  "thread.flags": "Changed read / important",
  "thread.bulk-flags": "Changed read / important of a selection",
  "thread.compose": "Sent a message",
  "mark-all-read": "Marked all read",
  "job.retry": "Retried failed items",
  "job.decide": "Decided about an unconfirmed batch",
  "team.invite": "Invited a member",
  "team.role": "Changed a role",
  "team.remove": "Removed a member",
  "team.reset": "Reset a member's access",
  "team.sign-out": "Signed a member out everywhere",
  "settings.connection": "Changed the Toloka connection",
  "toloker.bonus": "Paid a bonus",
  "toloker.skill": "Set a Toloker's skill",
  "toloker.skill-removed": "Removed a Toloker's skill",
  "toloker.skill-grant": "Gave a skill to many Tolokers",
  "toloker.restrict": "Restricted a Toloker",
  "toloker.unrestrict": "Lifted a restriction",
  "appeal.decide": "Decided an appeal",
  "team.permissions": "Changed a member's permissions",
  "thread.workflow": "Changed a thread's owner or status",
  "thread.bulk-workflow": "Changed the owner or status of a selection",
  "thread.note": "Added an internal note",
  "saved-reply.create": "Saved a reply",
  "saved-reply.update": "Changed a saved reply",
  "saved-reply.delete": "Removed a saved reply",
  "settings.notifications": "Changed the team's notifications",
  "account.notifications": "Changed their own notifications",
  "account.language": "Changed their interface language",
} as const;
export type ActivityAction = keyof typeof ACTIVITY_ACTIONS;
const activityActionSchema = z.enum(Object.keys(ACTIVITY_ACTIONS) as [ActivityAction, ...ActivityAction[]]);

/** Groups the filter offers, as action prefixes. */
export const ACTIVITY_GROUPS = {
  "auth.": "Sign-in and sign-out",
  "thread.": "Threads",
  "team.": "Team",
  "settings.": "Settings",
  "toloker.": "Tolokers",
  "appeal.": "Appeals",
  "saved-reply.": "Saved replies",
  "account.": "Own settings",
} as const;

const activityEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: personSchema.nullable(),
  action: activityActionSchema,
  threadId: z.string().optional(),
  jobId: z.string().optional(),
  target: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  ip: z.string().optional(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, "must be a date like 2030-01-31");

export const activityQuerySchema = z.object({
  actor: z
    .string()
    .regex(/^[\w-]{1,64}$/, "must be a team member's id")
    .optional(),
  /** An action, or a group such as `team.`. */
  action: z.union([activityActionSchema, z.enum(Object.keys(ACTIVITY_GROUPS) as [keyof typeof ACTIVITY_GROUPS])]).optional(),
  thread: z
    .string()
    .regex(/^[0-9a-f]{24}$/, "must be a thread id (24 hex characters)")
    .optional(),
  job: z.uuid("must be a job id").optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ActivityQuery = z.infer<typeof activityQuerySchema>;

export const activityPageSchema = z.object({
  items: z.array(activityEntrySchema),
  /** Pass as `before` for the next page. */
  nextBefore: z.number().int().optional(),
  actors: z.array(personSchema),
});
export type ActivityPage = z.infer<typeof activityPageSchema>;
