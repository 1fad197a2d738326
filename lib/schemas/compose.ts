import { z } from "zod";
import { recipientFilterSchema } from "@/lib/filters";
import { jobSchema } from "./jobs";
import { langSchema, TOLOKER_ID_RE } from "./threads";
import { isBlankBody } from "./message-html";

/** The pre-send warnings, by code, in the order they are shown (lib/compose/checks.ts says when each applies). */
const WARNING_CODES = ["contacts", "requester-link", "html", "many-recipients", "all-today", "deprecated-skill", "languages-differ"] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/**
 * The filter builder's tree, as a draft keeps it (lib/compose/builder.ts turns it into a filter and back): groups of
 * "all of" / "any of", and conditions of a kind, each with its inputs as typed.
 */
export const CONDITION_KINDS = [
  "skill",
  "languages",
  "country",
  "citizenship",
  "gender",
  "age",
  "birth-date",
  "adult",
  "verified",
  "education",
  "region",
  "device",
  "client",
  "os",
  "browser",
] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

export interface BuilderGroup {
  id: string;
  type: "group";
  op: "and" | "or";
  children: BuilderNode[];
}

export interface BuilderCondition {
  id: string;
  type: "condition";
  kind: ConditionKind;
  /** The row's inputs as typed; which ones a kind has is in KIND_FIELDS. */
  fields: Record<string, string>;
}

export type BuilderNode = BuilderGroup | BuilderCondition;

/** The most Toloker ids one send takes (Toloka's daily quota for messages to chosen Tolokers is 100,000). */
const MAX_SEND_IDS = 50_000;

const tolokerIdSchema = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().regex(TOLOKER_ID_RE, "must be a Toloker id (32 hex characters)"));

const topicSchema = z
  .record(langSchema, z.string().trim().min(1, "must not be empty").max(1_000, "must be at most 1,000 characters"))
  .refine((t) => Object.keys(t).length > 0, "needs at least one language");
const textSchema = z
  .record(
    langSchema,
    z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(20_000, "must be at most 20,000 characters")
      .refine((t) => !isBlankBody(t), "must not be empty"),
  )
  .refine((t) => Object.keys(t).length > 0, "needs at least one language");

/** Who a send goes to. */
const sendRecipientsSchema = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("DIRECT"),
      // Counted before each id is checked: 100,000 ids are one problem ("at most 50,000"), not 100,000.
      ids: z
        .array(z.unknown())
        .min(1, "needs at least one Toloker id")
        .max(MAX_SEND_IDS, `must be at most ${MAX_SEND_IDS.toLocaleString("en-US")} ids`)
        .pipe(z.array(tolokerIdSchema)),
    }),
    z.object({ type: z.literal("FILTER"), filter: recipientFilterSchema }),
    z.object({ type: z.literal("ALL") }),
  ],
  { error: 'must say type: "DIRECT" (with ids), "FILTER" (with a filter) or "ALL"' },
);

const warningCodeSchema = z.enum(WARNING_CODES);

/** POST /api/compose/send. */
export const sendBodySchema = z.object({
  topic: topicSchema,
  text: textSchema,
  answerable: z.boolean().default(true),
  recipients: sendRecipientsSchema,
  /** Warnings the requester read and chose to override. */
  acknowledge: z
    .array(warningCodeSchema)
    .max(WARNING_CODES.length * 2)
    .default([]),
  /**
   * The filter's skills by the names the requester picked them by (skill id to name), kept with the send so it is
   * described afterwards in their words. Names of skills the filter does not name are dropped.
   */
  skillNames: z
    .record(z.string().regex(/^\d{1,20}$/, "must be a skill id"), z.string().max(200, "must be at most 200 characters"))
    .refine((r) => Object.keys(r).length <= 200, "must name at most 200 skills")
    .optional(),
  /** The draft this send came from; deleted once the send job exists. */
  draftId: z.uuid("must be a draft id").optional(),
});
export type SendBody = z.infer<typeof sendBodySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Drafts: what the form holds, saved as typed, so half-written values (a bad id, an empty row) are allowed.

const MAX_BUILDER_DEPTH = 12;
const builderFieldsSchema = z.record(z.string().max(40), z.string().max(200)).refine((f) => Object.keys(f).length <= 12, "has too many inputs");

const builderNodeSchema: z.ZodType<BuilderNode> = z.lazy(() =>
  z.union([
    z.object({
      id: z.string().min(1).max(64),
      type: z.literal("group"),
      op: z.enum(["and", "or"]),
      children: z.array(builderNodeSchema).max(200, "must hold at most 200 conditions"),
    }),
    z.object({ id: z.string().min(1).max(64), type: z.literal("condition"), kind: z.enum(CONDITION_KINDS), fields: builderFieldsSchema }),
  ]),
);

function depth(node: unknown, level = 1): number {
  if (!node || typeof node !== "object" || !Array.isArray((node as { children?: unknown }).children)) return level;
  if (level > MAX_BUILDER_DEPTH) return level;
  return Math.max(level, ...(node as { children: unknown[] }).children.map((c) => depth(c, level + 1)));
}

/** A builder tree, refused before it is walked when it nests too deep. */
const builderStateSchema = z
  .unknown()
  .superRefine((v, ctx) => {
    if (depth(v) > MAX_BUILDER_DEPTH) ctx.addIssue({ code: "custom", message: `groups nest at most ${MAX_BUILDER_DEPTH - 2} levels deep` });
  })
  .pipe(builderNodeSchema)
  .refine((n) => n.type === "group", "must be a group");

const draftContentSchema = z.object({
  languages: z
    .array(
      z.object({
        lang: z.string().max(10, "must be a language code"),
        topic: z.string().max(2_000, "must be at most 2,000 characters"),
        text: z.string().max(40_000, "must be at most 40,000 characters"),
      }),
    )
    .max(40, "must be at most 40 languages"),
  answerable: z.boolean(),
  recipients: z.object({
    mode: z.enum(["ids", "filter", "all"]),
    /** The ids as pasted. */
    idsText: z.string().max(1_900_000, "is too long (at most about 50,000 ids)"),
    filter: builderStateSchema.optional(),
  }),
});
export type DraftContent = z.infer<typeof draftContentSchema>;

export const draftSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  content: draftContentSchema,
  /** A draft the server kept from a send that failed: the job it came from. */
  fromJobId: z.string().optional(),
});
export type DraftDto = z.infer<typeof draftSchema>;

export const draftBodySchema = z.object({ content: draftContentSchema });
export const draftListSchema = z.object({ items: z.array(draftSchema) });
export const draftIdParamsSchema = z.object({ id: z.uuid("must be a draft id") });

/** GET /api/compose/status: what the form's checks need from the server. */
export const composeStatusSchema = z.object({
  /** A send to all that already went out today (UTC), or null. */
  allSentToday: z.object({ at: z.string(), threadId: z.string().optional() }).nullable(),
});
export type ComposeStatus = z.infer<typeof composeStatusSchema>;

export const sendListSchema = z.object({ items: z.array(jobSchema) });
