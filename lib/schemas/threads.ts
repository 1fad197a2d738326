import { z } from "zod";
import { personSchema } from "./person";
import { FOLDER_TABS, REPLY_BLOCKED, SEARCH_MAX_LENGTH, SELECT_TYPES, TABS, TEAM_VIEWS, THREAD_STATUSES, type Tab } from "./plain";
import { isBlankBody } from "./message-html";

/** The language shown when a text has several: English if present, else the first one given. */
export function pickLanguage(text: Record<string, string> | undefined): string {
  if (!text) return "";
  return text.EN ?? Object.values(text)[0] ?? "";
}

/** Who wrote a message, in the app's words; `other` for a role Toloka added that the app does not know. */
const partyRoleSchema = z.enum(["toloker", "requester", "administrator", "system", "other"]);
export type PartyRole = z.infer<typeof partyRoleSchema>;

export const tabSchema = z.enum(TABS) satisfies z.ZodType<Tab>;
export { SEARCH_MAX_LENGTH, SELECT_TYPES, type SelectType, type Tab } from "./plain";

export const TOLOKER_ID_RE = /^[0-9a-f]{32}$/;
const THREAD_ID_RE = /^[0-9a-f]{24}$/;
export const threadIdSchema = z.string().regex(THREAD_ID_RE, "must be a thread id (24 hex characters)");
export const langSchema = z.string().regex(/^[A-Z]{2}(-[A-Z]{2,4})?$/, "must be a language code like EN");

/** Who the requester talks with in a thread, as the list shows it. */
const otherPartySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("toloker"), id: z.string() }),
  z.object({ kind: z.literal("administrator") }),
  z.object({ kind: z.literal("system") }),
  z.object({
    kind: z.literal("recipients"),
    selectType: z.enum(SELECT_TYPES),
    count: z.number().int().optional(),
    /** The recipient filter (FILTER sends), for the page to describe in words. */
    filter: z.unknown().optional(),
  }),
]);
export type OtherParty = z.infer<typeof otherPartySchema>;

const snippetPartSchema = z.object({ text: z.string(), match: z.boolean() });

const threadMetaSchema = z.object({
  poolId: z.string().optional(),
  projectId: z.string().optional(),
  assignmentId: z.string().optional(),
});

/** A thread's owner and status as the list and the thread show them (the status in force now). */
export const workflowSchema = z.object({
  owner: z.object({ id: z.string(), name: z.string() }).optional(),
  status: z.enum(THREAD_STATUSES),
  /** Snoozed: when the thread comes back. */
  snoozeUntil: z.string().optional(),
});
export type Workflow = z.infer<typeof workflowSchema>;

/** A row of the thread list. Dates are ISO 8601 with a zone. */
const threadSummarySchema = z.object({
  id: z.string(),
  parentId: z.string().optional(),
  topic: z.string(),
  /** A line of the last message, as plain text. */
  snippet: z.string(),
  /** Search only: where the words matched, with the matched words marked. */
  highlight: z.array(snippetPartSchema).optional(),
  /** Search only: the topic with the matched words marked, when the words matched in it. */
  topicHighlight: z.array(snippetPartSchema).optional(),
  otherParty: otherPartySchema,
  lastActivity: z.string(),
  lastFrom: partyRoleSchema.optional(),
  created: z.string(),
  unread: z.boolean(),
  /** A thread we sent that nobody answered yet: it cannot be unread for us (Toloka may keep it in UNREAD). */
  awaitingAnswer: z.boolean().optional(),
  important: z.boolean(),
  /** Whether the requester may reply here; see `replyBlockedReason` in the thread view. */
  canReply: z.boolean(),
  /**
   * Who can answer, as the row marks it: `here` (the requester replies in this thread), `off` (sent with replies
   * turned off: nobody can answer), `apart` (sent to many: each Toloker's answer arrives as a thread of its own),
   * `closed` (a notice, or no single person to answer).
   */
  replies: z.enum(["here", "off", "apart", "closed"]),
  meta: threadMetaSchema,
  messageCount: z.number().int(),
  /** The team's workflow: owner and status (team-only, never sent to Toloka). */
  workflow: workflowSchema,
});
export type ThreadSummary = z.infer<typeof threadSummarySchema>;

export const threadListQuerySchema = z.object({
  tab: tabSchema.default("inbox"),
  /** A Toloker id, or words, "quoted phrases", -exclusions and operators (lib/search/query.ts). */
  q: z.string().trim().max(SEARCH_MAX_LENGTH, `must be at most ${SEARCH_MAX_LENGTH} characters`).optional(),
  /** Search the current tab or everything. */
  scope: z.enum(["tab", "all"]).default("tab"),
  cursor: z
    .string()
    .regex(/^[0-9a-z]{1,20}$/, "is not a cursor this server gave")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The search box is still being typed in: match the last word as a prefix. */
  typing: z.enum(["0", "1"]).default("1"),
});
export type ThreadListQuery = z.infer<typeof threadListQuerySchema>;

export const threadListResponseSchema = z.object({
  items: z.array(threadSummarySchema),
  nextCursor: z.string().optional(),
  /** What the search looked for, when there was a search. */
  search: z.object({ kind: z.enum(["toloker", "text"]), query: z.string() }).optional(),
  /** Search only, on the first page: how many threads it finds, counted up to a cap (`more`: beyond it). */
  total: z.object({ count: z.number().int(), more: z.boolean() }).optional(),
});
export type ThreadListResponse = z.infer<typeof threadListResponseSchema>;

/** Unread threads per folder, and the threads in each of the team's views (`views`: open ones for Mine and Unassigned). */
export const unreadCountsSchema = z.record(z.enum(FOLDER_TABS), z.number().int()).and(z.object({ views: z.record(z.enum(TEAM_VIEWS), z.number().int()) }));
export type UnreadCounts = z.infer<typeof unreadCountsSchema>;

const messageSchema = z.object({
  from: z.object({
    role: partyRoleSchema,
    /** With role `other`: the role as Toloka named it (one the app does not know yet). */
    roleName: z.string().optional(),
    id: z.string(),
    myself: z.boolean(),
  }),
  created: z.string(),
  /** Per language: sanitised HTML, safe to render. */
  html: z.record(z.string(), z.string()),
  /**
   * Which team member wrote a message we sent, when this app sent it. For the team only: Toloka shows the
   * Toloker just the requester, and this never leaves the app.
   */
  sentBy: personSchema.optional(),
});

export const threadDetailSchema = threadSummarySchema.extend({
  topics: z.record(z.string(), z.string()),
  messages: z.array(messageSchema),
  replyBlockedReason: z.string().optional(),
  /** Why not, as a code the page words in the member's language (the reason above is its English). */
  replyBlocked: z.enum(REPLY_BLOCKED).optional(),
  compose: z
    .object({
      selectType: z.enum(SELECT_TYPES),
      recipientIds: z.array(z.string()).optional(),
      filter: z.unknown().optional(),
    })
    .optional(),
});
export type ThreadDetail = z.infer<typeof threadDetailSchema>;

export const replyBodySchema = z.object({
  /**
   * How many messages the thread held when the member began the reply. When a teammate's reply arrived since, the
   * reply is refused (409 REPLIED_MEANWHILE) unless `confirmed`: nobody answers a Toloker twice without knowing.
   */
  seenMessages: z.number().int().min(0).optional(),
  confirmed: z.boolean().optional(),
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
    .refine((t) => Object.keys(t).length > 0, "needs at least one language"),
});

export const flagsBodySchema = z
  .object({ read: z.boolean().optional(), important: z.boolean().optional() })
  .refine((b) => b.read !== undefined || b.important !== undefined, "give read, important or both");
export type FlagsBody = z.infer<typeof flagsBodySchema>;

/** The most threads one bulk change takes (a selection; "mark all as read" has no limit). */
const BULK_MAX = 2_000;

export const bulkFlagsBodySchema = z.object({
  ids: z
    .array(threadIdSchema)
    .min(1, "select at least one thread")
    .max(BULK_MAX, `select at most ${BULK_MAX.toLocaleString("en-US")} threads at once`),
  change: flagsBodySchema,
});
export type BulkFlagsBody = z.infer<typeof bulkFlagsBodySchema>;

export const markAllReadBodySchema = z.object({ scope: z.union([tabSchema, z.literal("all")]) });
