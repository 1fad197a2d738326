import { apiRoute } from "@/lib/api/route";
import { getMailbox } from "@/lib/mailbox";
import { sendListSchema } from "@/lib/schemas/compose";

export const dynamic = "force-dynamic";

/** The member's sends of the last day, newest first, so a page shows their progress after a reload. */
export const GET = apiRoute({ role: "sender", response: sendListSchema }, async ({ user }) => {
  const mailbox = getMailbox();
  return { items: mailbox.compose.recentSendIds(user.id).map((id) => mailbox.jobDto(id)!) };
});
