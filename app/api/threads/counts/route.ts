import { apiRoute } from "@/lib/api/route";
import { getMailbox } from "@/lib/mailbox";
import { unreadCountsSchema } from "@/lib/schemas/threads";

export const dynamic = "force-dynamic";

/** Unread threads per tab. */
export const GET = apiRoute({ role: "viewer", response: unreadCountsSchema }, async () => getMailbox().unreadCounts());
