import { apiRoute } from "@/lib/api/route";
import { queryActivity } from "@/lib/api/activity";
import { activityPageSchema, activityQuerySchema } from "@/lib/schemas/activity";

export const dynamic = "force-dynamic";

/** The activity log, newest first, filtered by member, kind, thread, job and dates. */
export const GET = apiRoute({ role: "admin", query: activityQuerySchema, response: activityPageSchema }, async ({ query }) => queryActivity(query));
