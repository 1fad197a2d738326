import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { getMailbox } from "@/lib/mailbox";
import { syncStatusSchema } from "@/lib/schemas/sync";

export const dynamic = "force-dynamic";

/** When the mirror last matched Toloka, and whether a sync is running or failed. */
export const GET = apiRoute({ role: "viewer", response: syncStatusSchema }, async () => {
  const mailbox = getMailbox();
  mailbox.touch();
  return mailbox.sync.status();
});

const refreshQuerySchema = z.object({ mode: z.enum(["full", "incremental"]).default("full") });

/** "Refresh": a full reconcile with Toloka now (or only what is new); answers when it is done. */
export const POST = apiRoute({ role: "viewer", query: refreshQuerySchema, response: syncStatusSchema }, async ({ query }) => {
  const mailbox = getMailbox();
  mailbox.touch();
  await (query.mode === "full" ? mailbox.sync.full({ fresh: true }) : mailbox.sync.incremental({ fresh: true }));
  return mailbox.sync.status();
});
