import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { resetAccess } from "@/lib/auth/team";
import { accessGrantSchema, resetAccessBodySchema, userIdSchema } from "@/lib/schemas/team";

export const dynamic = "force-dynamic";

/** A new one-time link or temporary password; the old password and every session stop working. */
export const POST = apiRoute(
  {
    role: "admin",
    params: z.object({ id: userIdSchema }),
    body: resetAccessBodySchema,
    response: accessGrantSchema,
    activity: { action: "team.reset", recordedBy: "handler" },
  },
  async ({ user, params, body }) => resetAccess(user, params.id, body.method),
);
