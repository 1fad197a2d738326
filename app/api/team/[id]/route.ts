import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { removeMember, updateMember } from "@/lib/auth/team";
import { memberSchema, memberUpdateSchema, okSchema, userIdSchema } from "@/lib/schemas/team";

export const dynamic = "force-dynamic";

const params = z.object({ id: userIdSchema });

/** Changes a member's role (effective on their next request) or name. */
export const PATCH = apiRoute(
  { role: "admin", params, body: memberUpdateSchema, response: memberSchema, activity: { action: "team.role", recordedBy: "handler" } },
  async ({ user, params, body }) => updateMember(user, params.id, body),
);

/** Removes a member's access at once. */
export const DELETE = apiRoute(
  { role: "admin", params, response: okSchema, activity: { action: "team.remove", recordedBy: "handler" } },
  async ({ user, params }) => {
    removeMember(user, params.id);
    return { ok: true as const };
  },
);
