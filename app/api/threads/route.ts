import { apiRoute } from "@/lib/api/route";
import { toThreadSummary } from "@/lib/api/dto";
import { getTolokaClient } from "@/lib/toloka";
import { threadListQuerySchema, threadListResponseSchema, type Tab } from "@/lib/schemas/threads";
import type { ThreadListQuery } from "@/lib/toloka/wire";

export const dynamic = "force-dynamic";

// Straight from Toloka for now; the mirror with search and the Users/Administrator tabs replaces this (issue 3).
const TAB_QUERY: Record<Tab, ThreadListQuery> = {
  inbox: { folder: ["INBOX"] },
  sent: { folder: ["OUTBOX"] },
  users: { folder: ["INBOX"] },
  administrator: { folder: ["INBOX"] },
  notifications: { folder: ["AUTOMATIC_NOTIFICATION"] },
  important: { folder: ["IMPORTANT"] },
};

export const GET = apiRoute(
  { role: "viewer", query: threadListQuerySchema, response: threadListResponseSchema },
  async ({ query }) => {
    const page = await getTolokaClient().listThreads({ ...TAB_QUERY[query.tab], sort: "-id", limit: query.limit });
    return { items: page.items.map(toThreadSummary), hasMore: page.has_more };
  },
);
