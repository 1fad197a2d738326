import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { threadListQuerySchema, threadListResponseSchema } from "@/lib/schemas/threads";

export const dynamic = "force-dynamic";

/** A page of a tab, or of a search (a Toloker id, or words) in the tab or everywhere. */
export const GET = apiRoute({ role: "viewer", query: threadListQuerySchema, response: threadListResponseSchema }, async ({ query, user }) =>
  services().mailbox.list(query, user.id),
);
