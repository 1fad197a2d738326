import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { composeStatusSchema } from "@/lib/schemas/compose";

export const dynamic = "force-dynamic";

/** What the compose form's checks need from the server: whether a send to all already went out today. */
export const GET = apiRoute({ role: "sender", response: composeStatusSchema }, async () => {
  const { mailbox, compose } = services();
  mailbox.touch();
  await mailbox.ensureReady();
  return compose.status();
});
