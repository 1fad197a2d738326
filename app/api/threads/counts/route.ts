import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { unreadCountsSchema } from "@/lib/schemas/threads";

export const dynamic = "force-dynamic";

/** Unread threads per tab. */
export const GET = apiRoute({ role: "viewer", response: unreadCountsSchema }, async ({ user }) => services().mailbox.unreadCounts(user.id));
