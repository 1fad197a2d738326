import { apiRoute } from "@/lib/api/route";
import { signOutEverywhere } from "@/lib/auth/team";
import { okSchema } from "@/lib/schemas/team";

export const dynamic = "force-dynamic";

/** Ends every session of the caller, on every device, this one included. */
export const POST = apiRoute(
  { role: "viewer", response: okSchema, allowPendingPasswordChange: true, activity: { action: "auth.sign-out-everywhere", recordedBy: "handler" } },
  async ({ user }) => {
    signOutEverywhere(user);
    return { ok: true as const };
  },
);
