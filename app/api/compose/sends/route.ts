import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { sendListSchema } from "@/lib/schemas/compose";

export const dynamic = "force-dynamic";

/** The member's sends of the last day, newest first, so a page shows their progress after a reload. */
export const GET = apiRoute({ role: "sender", response: sendListSchema }, async ({ user }) => {
  const { compose, jobs } = services();
  return { items: compose.recentSendIds(user.id).map((id) => jobs.describe(id)!) };
});
