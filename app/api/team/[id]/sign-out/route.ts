import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { signOutMember } from "@/lib/auth/team";
import { okSchema, userIdSchema } from "@/lib/schemas/team";

export const dynamic = "force-dynamic";

/** Ends every session of a member (a lost laptop). */
export const POST = apiRoute(
  { role: "admin", params: z.object({ id: userIdSchema }), response: okSchema, activity: { action: "team.sign-out", recordedBy: "handler" } },
  async ({ user, params }) => {
    signOutMember(user, params.id);
    return { ok: true as const };
  },
);
