import { z } from "zod";

/** The folder tabs of the inbox, as they appear in URLs. */
export const TABS = ["inbox", "sent", "users", "administrator", "notifications", "important"] as const;
export const tabSchema = z.enum(TABS);
export type Tab = z.infer<typeof tabSchema>;

export const TAB_LABELS: Record<Tab, string> = {
  inbox: "Inbox",
  sent: "Sent",
  users: "Users",
  administrator: "Administrator",
  notifications: "Notifications",
  important: "Important",
};

/** Who the requester talks with in a thread, as the list shows it. */
export const otherPartySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("toloker"), id: z.string() }),
  z.object({ kind: z.literal("administrator") }),
  z.object({ kind: z.literal("system") }),
  z.object({
    kind: z.literal("recipients"),
    selectType: z.enum(["DIRECT", "FILTER", "ALL"]),
    count: z.number().int().optional(),
  }),
]);
export type OtherParty = z.infer<typeof otherPartySchema>;

/** A row of the thread list. Dates are ISO 8601 with a zone. */
export const threadSummarySchema = z.object({
  id: z.string(),
  topic: z.string(),
  snippet: z.string(),
  otherParty: otherPartySchema,
  lastActivity: z.string(),
  created: z.string(),
  unread: z.boolean(),
  important: z.boolean(),
  answerable: z.boolean(),
  messageCount: z.number().int(),
});
export type ThreadSummary = z.infer<typeof threadSummarySchema>;

export const threadListQuerySchema = z.object({
  tab: tabSchema.default("inbox"),
  limit: z.coerce.number().int().min(1).max(300).default(50),
});

export const threadListResponseSchema = z.object({
  items: z.array(threadSummarySchema),
  hasMore: z.boolean(),
});
export type ThreadListResponse = z.infer<typeof threadListResponseSchema>;
