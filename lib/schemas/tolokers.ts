import { z } from "zod";
import { isBlankBody } from "./message-html";
import { langSchema, threadIdSchema, TOLOKER_ID_RE } from "./threads";

/*
 * The Toloker panel, appeals and the actions taken on a Toloker (issue 15). Toloka's own shapes are in
 * lib/toloka/wire.ts; these are the app's, camelCase, with money as strings of dollars ("0.50") so that no
 * float ever reaches a person or a sum.
 */

export const tolokerIdSchema = z.string().regex(TOLOKER_ID_RE, "must be a Toloker id (32 hex characters)");
export const tolokerParamsSchema = z.object({ id: tolokerIdSchema });

/** An assignment id as Toloka writes it: the pool's id in hex, two dashes, 24 hex characters. */
const ASSIGNMENT_ID_RE = /^[0-9a-f]{10}--[0-9a-f]{24}$/;
export const assignmentIdSchema = z.string().regex(ASSIGNMENT_ID_RE, "must be an assignment id like 00022cfa46--637cf4098ccdeb4a260737de");

const ASSIGNMENT_IN_TEXT = /[0-9a-f]{10}--[0-9a-f]{24}/;

/** The assignment a thread names: its meta's, or one written in its topic (as Toloka's appeal messages do). */
export function assignmentOfThread(t: { assignmentId?: string; topic: Record<string, string> }): string | undefined {
  if (t.assignmentId && ASSIGNMENT_ID_RE.test(t.assignmentId)) return t.assignmentId;
  for (const topic of Object.values(t.topic)) {
    const m = ASSIGNMENT_IN_TEXT.exec(topic);
    if (m) return m[0];
  }
  return t.assignmentId || undefined;
}

const numericIdSchema = z.string().regex(/^\d{1,20}$/, "must be a number");

/**
 * One part of the panel, fetched from Toloka on its own: a part that fails or cannot be read never hides the
 * others. `stale` is a value kept from an earlier fetch, shown with the error that stopped this one.
 */
function partSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), data, fetchedAt: z.string(), unreadable: z.number().int().optional() }),
    z.object({ status: z.literal("error"), message: z.string(), stale: data.optional(), fetchedAt: z.string().optional() }),
  ]);
}

const profileSchema = z.object({
  country: z.string().optional(),
  languages: z.array(z.string()),
  adultAllowed: z.boolean().optional(),
  countryByPhone: z.string().optional(),
  countryByIp: z.string().optional(),
  clientType: z.string().optional(),
  deviceCategory: z.string().optional(),
  osFamily: z.string().optional(),
  osVersion: z.string().optional(),
  userAgentType: z.string().optional(),
});
export type TolokerProfile = z.infer<typeof profileSchema>;

const userSkillSchema = z.object({
  /** The id of the Toloker-skill pair (what removing it takes). */
  id: z.string(),
  skillId: z.string(),
  /** The skill's name on this account, when the skill list has it. */
  skillName: z.string().optional(),
  value: z.number(),
  modified: z.string().optional(),
});
export type UserSkillDto = z.infer<typeof userSkillSchema>;

export const RESTRICTION_SCOPES = ["ALL_PROJECTS", "PROJECT", "POOL"] as const;

const restrictionSchema = z.object({
  id: z.string(),
  /** ALL_PROJECTS, PROJECT, POOL, SYSTEM (a ban on the platform), or a scope Toloka added that we do not know. */
  scope: z.string(),
  projectId: z.string().optional(),
  poolId: z.string().optional(),
  /** Until when; absent: until lifted. */
  until: z.string().optional(),
  comment: z.string().optional(),
  created: z.string().optional(),
});
export type RestrictionDto = z.infer<typeof restrictionSchema>;

const bonusSchema = z.object({
  id: z.string(),
  /** Dollars, e.g. "0.50". */
  amount: z.string(),
  title: z.record(z.string(), z.string()).optional(),
  message: z.record(z.string(), z.string()).optional(),
  assignmentId: z.string().optional(),
  comment: z.string().optional(),
  created: z.string().optional(),
});
export type BonusDto = z.infer<typeof bonusSchema>;

const bonusesSchema = z.object({
  /** The sum of `items`, in dollars. */
  total: z.string(),
  items: z.array(bonusSchema),
  /** More bonuses than the panel reads (the sum is of those read). */
  more: z.boolean(),
});

export const ASSIGNMENT_STATUSES = ["ACTIVE", "SUBMITTED", "ACCEPTED", "REJECTED", "SKIPPED", "EXPIRED"] as const;

const answerSchema = z.object({
  /** What the task showed, field by field (strings, or JSON for anything else). */
  input: z.record(z.string(), z.string()),
  /** What the Toloker answered. */
  output: z.record(z.string(), z.string()),
});

const assignmentSchema = z.object({
  id: z.string(),
  poolId: z.string().optional(),
  tolokerId: z.string().optional(),
  /** One of ASSIGNMENT_STATUSES, or a status Toloka added that we do not know. */
  status: z.string(),
  reward: z.string().optional(),
  created: z.string().optional(),
  submitted: z.string().optional(),
  accepted: z.string().optional(),
  rejected: z.string().optional(),
  publicComment: z.string().optional(),
  /** The tasks and answers, where the API gives them. */
  answers: z.array(answerSchema).optional(),
});
export type AssignmentDto = z.infer<typeof assignmentSchema>;

const tolokerThreadSchema = z.object({
  id: z.string(),
  topic: z.string(),
  lastActivity: z.string(),
  unread: z.boolean(),
});

export const tolokerPanelSchema = z.object({
  tolokerId: z.string(),
  profile: partSchema(profileSchema),
  skills: partSchema(z.array(userSkillSchema)),
  restrictions: partSchema(z.array(restrictionSchema)),
  bonuses: partSchema(bonusesSchema),
  /** Their recent assignments in the pools asked for (the pools the thread names); absent when none were. */
  assignments: partSchema(z.array(assignmentSchema)).optional(),
  /** Every thread with them the mirror holds, newest first. */
  threads: z.array(tolokerThreadSchema),
});
export type TolokerPanel = z.infer<typeof tolokerPanelSchema>;
export type PanelPart<T> =
  | { status: "ok"; data: T; fetchedAt: string; unreadable?: number }
  | { status: "error"; message: string; stale?: T; fetchedAt?: string };

export const panelQuerySchema = z.object({
  /** Pools whose recent assignments to show, comma-separated (the thread's). */
  pools: z
    .string()
    .regex(/^\d{1,20}(,\d{1,20}){0,9}$/, "must be up to 10 pool ids, comma-separated")
    .optional(),
  /** Read everything from Toloka again instead of the cached copy. */
  refresh: z.enum(["0", "1"]).default("0"),
});

export const requesterSchema = z.object({ balance: z.string().optional(), name: z.string().optional(), fetchedAt: z.string() });
export type RequesterDto = z.infer<typeof requesterSchema>;

/** Toloka's limits of one bonus: $0.005 to $100 per Toloker at a time. */
export const BONUS_MIN = 0.005;
export const BONUS_MAX = 100;

/** Dollars as the form sends them: up to three decimals ("0.5", "12.25", "0.005"). */
export const amountSchema = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,3})?$/, "must be an amount in dollars like 0.50 (at most three decimals)")
  .refine((a) => Number(a) >= BONUS_MIN, `must be at least $${BONUS_MIN}`)
  .refine((a) => Number(a) <= BONUS_MAX, `must be at most $${BONUS_MAX}`);

const localizedLine = (max: number) =>
  z
    .record(
      langSchema,
      z
        .string()
        .trim()
        .min(1, "must not be empty")
        .max(max, `must be at most ${max.toLocaleString("en-US")} characters`),
    )
    .refine((t) => Object.keys(t).length > 0, "needs at least one language");

export const bonusBodySchema = z.object({
  amount: amountSchema,
  /** The message's subject and text the Toloker receives with the bonus, per language. */
  title: localizedLine(200),
  message: localizedLine(2_000).refine((t) => Object.values(t).every((v) => !isBlankBody(v)), "must not be empty"),
  assignmentId: assignmentIdSchema.optional(),
  /** Seen only by the requester's team. */
  comment: z.string().trim().max(400, "must be at most 400 characters").optional(),
  /** The thread it was paid from, for the activity log. */
  threadId: threadIdSchema.optional(),
  /** The balance the member saw when confirming, in dollars (the server checks it again). */
  acknowledgedDuplicate: z.boolean().optional(),
});
export type BonusBody = z.infer<typeof bonusBodySchema>;

export const skillBodySchema = z.object({
  skillId: numericIdSchema,
  value: z.number().min(0, "must be at least 0").max(100, "must be at most 100"),
  reason: z.string().trim().max(400, "must be at most 400 characters").optional(),
});
export type SkillBody = z.infer<typeof skillBodySchema>;

export const userSkillParamsSchema = z.object({ id: tolokerIdSchema, skill: numericIdSchema });

/** "Give everyone who did this a skill": the Tolokers of a selection of threads, or everyone with an assignment in a pool. */
export const skillGrantBodySchema = z
  .object({
    skillId: numericIdSchema,
    value: z.number().min(0, "must be at least 0").max(100, "must be at most 100"),
    threadIds: z.array(threadIdSchema).max(2_000, "select at most 2,000 threads at once").optional(),
    tolokerIds: z.array(tolokerIdSchema).max(10_000, "give at most 10,000 Tolokers at once").optional(),
    poolId: numericIdSchema.optional(),
    reason: z.string().trim().max(400, "must be at most 400 characters").optional(),
  })
  .refine((b) => [b.threadIds, b.tolokerIds, b.poolId].filter((x) => x !== undefined).length === 1, {
    message: "give exactly one of threadIds, tolokerIds or poolId",
    path: ["threadIds"],
  });
export type SkillGrantBody = z.infer<typeof skillGrantBodySchema>;

export const restrictionBodySchema = z
  .object({
    scope: z.enum(RESTRICTION_SCOPES),
    projectId: numericIdSchema.optional(),
    poolId: numericIdSchema.optional(),
    /** Until when (ISO 8601, in the future); absent: until lifted. */
    until: z.iso.datetime({ offset: true, message: "must be a date and time like 2030-01-31T12:00:00Z" }).optional(),
    /** Why, seen only by the requester's team (Toloka's private comment). */
    comment: z.string().trim().min(1, "must not be empty").max(499, "must be at most 499 characters"),
  })
  .refine((b) => b.scope !== "PROJECT" || b.projectId !== undefined, { message: "is needed to restrict in a project", path: ["projectId"] })
  .refine((b) => b.scope !== "POOL" || b.poolId !== undefined, { message: "is needed to restrict in a pool", path: ["poolId"] });
export type RestrictionBody = z.infer<typeof restrictionBodySchema>;

export const restrictionParamsSchema = z.object({ id: tolokerIdSchema, restriction: numericIdSchema });

/** Toloka's guide asks requesters to review an appeal within 9 days of the rejection. */
export const APPEAL_DAYS = 9;

const appealSchema = z.object({
  threadId: z.string(),
  topic: z.string(),
  tolokerId: z.string().optional(),
  assignmentId: z.string(),
  poolId: z.string().optional(),
  /** REJECTED while open; ACCEPTED once accepted (here or elsewhere). */
  status: z.string(),
  rejected: z.string().optional(),
  /** The rejection plus 9 days. */
  deadline: z.string().optional(),
  /** Whole days left until the deadline, negative once past it. */
  daysLeft: z.number().int().optional(),
  /** What the team decided here, if anything: the appeal has then left the queue. */
  decision: z.object({ kind: z.enum(["accepted", "kept"]), by: z.string(), at: z.string() }).optional(),
  lastActivity: z.string(),
  unread: z.boolean(),
});
export type AppealDto = z.infer<typeof appealSchema>;

export const appealListSchema = z.object({
  items: z.array(appealSchema),
  /** Appeal threads whose assignment has not been read from Toloka yet. */
  pending: z.number().int(),
});

/** The thread's appeal, with the assignment as Toloka holds it. */
export const threadAppealSchema = z.object({
  appeal: appealSchema.nullable(),
  assignment: assignmentSchema.optional(),
  /** Why the assignment could not be read, when it could not. */
  error: z.string().optional(),
});
export type ThreadAppeal = z.infer<typeof threadAppealSchema>;

export const appealDecisionBodySchema = z.object({
  decision: z.enum(["accept", "keep"]),
  /** Toloka's public comment on the accepted assignment (the Toloker sees it). */
  publicComment: z.string().trim().max(2_048, "must be at most 2,048 characters").optional(),
  /** The reply sent in the same step. */
  text: z
    .record(
      langSchema,
      z
        .string()
        .trim()
        .min(1, "must not be empty")
        .max(20_000, "must be at most 20,000 characters")
        .refine((t) => !isBlankBody(t), "must not be empty"),
    )
    .refine((t) => Object.keys(t).length > 0, "needs at least one language")
    .optional(),
});
export type AppealDecisionBody = z.infer<typeof appealDecisionBodySchema>;

export const appealDecisionResultSchema = z.object({
  appeal: appealSchema,
  /** Whether the reply went; when it did not, why (the appeal's decision stands, the draft is kept). */
  reply: z.object({ sent: z.boolean(), error: z.string().optional() }),
});
