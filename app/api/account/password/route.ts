import { apiRoute } from "@/lib/api/route";
import { changeOwnPassword } from "@/lib/auth/team";
import { changePasswordBodySchema, okSchema } from "@/lib/schemas/team";

export const dynamic = "force-dynamic";

/** Changes one's own password; every session ends (the page signs in again with the new one). */
export const POST = apiRoute(
  {
    role: "viewer",
    body: changePasswordBodySchema,
    response: okSchema,
    allowPendingPasswordChange: true,
    activity: { action: "auth.password-changed", recordedBy: "handler" },
  },
  async ({ user, body }) => {
    await changeOwnPassword(user, body.currentPassword, body.newPassword);
    return { ok: true as const };
  },
);
