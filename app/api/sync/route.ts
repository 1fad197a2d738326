import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { hasRole } from "@/lib/schemas/roles";
import { syncModeSchema, syncStatusSchema } from "@/lib/schemas/sync";

export const dynamic = "force-dynamic";

/** When the mirror last matched Toloka, and whether a sync is running or failed. */
export const GET = apiRoute({ role: "viewer", response: syncStatusSchema }, async () => {
  const { mailbox, sync } = services();
  mailbox.touch();
  return sync.status();
});

const refreshQuerySchema = z.object({ mode: syncModeSchema.default("full") });

/**
 * "Refresh": a full reconcile with Toloka now (or only what is new); answers when it is done. A full one
 * walks every thread and spends the account's shared rate limit, so it needs the sender role; a viewer's
 * Refresh asks for `incremental`.
 */
export const POST = apiRoute({ role: "viewer", query: refreshQuerySchema, response: syncStatusSchema }, async ({ query, user }) => {
  if (query.mode === "full" && !hasRole(user.role, "sender")) {
    throw new ApiError("FORBIDDEN", `A full resync needs the sender role; you are signed in as ${user.role}. Refresh with mode=incremental instead.`);
  }
  const { mailbox, sync } = services();
  mailbox.touch();
  await (query.mode === "full" ? sync.full({ fresh: true }) : sync.incremental({ fresh: true }));
  return sync.status();
});
