import { z } from "zod";
import { langSchema, workflowSchema } from "./threads";
import { unknownVariables } from "./plain";
export { type Workflow, workflowSchema } from "./threads";
import { THREAD_STATUSES } from "./plain";

/** A member id as the team's routes take it. */
const memberIdSchema = z.string().regex(/^[\w-]{1,64}$/, "must be a team member's id");

/** The longest a thread may be snoozed. */
const SNOOZE_MAX_DAYS = 365;

/** A change of owner and/or status: `ownerId` null unassigns; `snoozeUntil` goes with status `snoozed`. */
export const workflowPatchSchema = z
  .object({
    ownerId: memberIdSchema.nullable().optional(),
    status: z.enum(THREAD_STATUSES).optional(),
    snoozeUntil: z.iso.datetime({ offset: true, message: "must be a date and time like 2030-01-31T09:00:00Z" }).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.ownerId === undefined && b.status === undefined) ctx.addIssue({ code: "custom", path: ["status"], message: "give an owner, a status or both" });
    if (b.status === "snoozed" && !b.snoozeUntil) ctx.addIssue({ code: "custom", path: ["snoozeUntil"], message: "a snooze needs the time it ends" });
    if (b.snoozeUntil && b.status !== "snoozed") ctx.addIssue({ code: "custom", path: ["snoozeUntil"], message: "only a snooze takes a time" });
    if (b.snoozeUntil && Date.parse(b.snoozeUntil) - Date.now() > SNOOZE_MAX_DAYS * 86_400_000) {
      ctx.addIssue({ code: "custom", path: ["snoozeUntil"], message: `must be within ${SNOOZE_MAX_DAYS} days` });
    }
  });
export type WorkflowPatch = z.infer<typeof workflowPatchSchema>;

/** The most threads one bulk assignment or status change takes. */
const BULK_MAX = 2_000;

export const bulkWorkflowBodySchema = z.object({
  ids: z
    .array(z.string().regex(/^[0-9a-f]{24}$/, "must be a thread id (24 hex characters)"))
    .min(1, "select at least one thread")
    .max(BULK_MAX, `select at most ${BULK_MAX.toLocaleString("en-US")} threads at once`),
  change: workflowPatchSchema,
});

export const bulkWorkflowResultSchema = z.object({ changed: z.number().int(), skipped: z.number().int() });

/** An entry of a thread's internal timeline, shown among the messages but never sent. */
const threadEventSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("note"),
    id: z.string(),
    at: z.string(),
    author: z.object({ id: z.string().optional(), name: z.string() }),
    text: z.string(),
    mentions: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
  z.object({
    kind: z.literal("assign"),
    id: z.string(),
    at: z.string(),
    author: z.object({ id: z.string().optional(), name: z.string() }),
    from: z.string().optional(),
    to: z.string().optional(),
  }),
  z.object({
    kind: z.literal("status"),
    id: z.string(),
    at: z.string(),
    author: z.object({ id: z.string().optional(), name: z.string() }),
    status: z.enum(THREAD_STATUSES),
    until: z.string().optional(),
  }),
]);
export type ThreadEvent = z.infer<typeof threadEventSchema>;

const NOTE_MAX_LENGTH = 5_000;

export const noteBodySchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(NOTE_MAX_LENGTH, `must be at most ${NOTE_MAX_LENGTH.toLocaleString("en-US")} characters`),
});

/** The thread's workflow and its timeline. */
export const threadTeamSchema = z.object({ workflow: workflowSchema, events: z.array(threadEventSchema) });
export type ThreadTeam = z.infer<typeof threadTeamSchema>;

/** What a member's thread view says every second: the thread is open, and whether they are typing a reply. */
export const presenceBodySchema = z.object({ typing: z.boolean(), leaving: z.boolean().optional() });

export const presenceSchema = z.object({
  /** Others with the thread open in the last few seconds. */
  others: z.array(z.object({ id: z.string(), name: z.string(), typing: z.boolean() })),
  /** How many messages the thread holds now, and the last of ours with who sent it (to warn of a reply made meanwhile). */
  messageCount: z.number().int(),
});
export type Presence = z.infer<typeof presenceSchema>;

const SAVED_REPLY_MAX = 20_000;

export const savedReplyBodySchema = z.object({
  title: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters"),
  lang: langSchema,
  body: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(SAVED_REPLY_MAX, `must be at most ${SAVED_REPLY_MAX.toLocaleString("en-US")} characters`)
    .superRefine((b, ctx) => {
      const unknown = unknownVariables(b);
      if (unknown.length) ctx.addIssue({ code: "custom", message: `has unknown variables: ${unknown.map((n) => `{${n}}`).join(", ")}` });
    }),
});
export type SavedReplyBody = z.infer<typeof savedReplyBodySchema>;

export const savedReplySchema = z.object({
  id: z.string(),
  title: z.string(),
  lang: z.string(),
  body: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type SavedReply = z.infer<typeof savedReplySchema>;

export const savedRepliesQuerySchema = z.object({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  lang: langSchema.optional(),
});

export const savedRepliesSchema = z.object({ items: z.array(savedReplySchema) });
export type SavedReplies = z.infer<typeof savedRepliesSchema>;

export const savedReplyIdSchema = z.object({ id: z.uuid("must be a saved reply's id") });

/** A teammate as the assign menu and @mentions list them. */
export const teamMembersSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(["viewer", "sender", "admin"]) })),
});
export type TeamMembers = z.infer<typeof teamMembersSchema>;
