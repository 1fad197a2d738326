import { apiRoute } from "@/lib/api/route";
import { memberNotifyPageSchema, memberNotifySettingsSchema } from "@/lib/schemas/notifications";
import { services } from "@/lib/services";

export const dynamic = "force-dynamic";

/** The signed-in member's own notification settings, and whether email and the webhook work on this server. */
export const GET = apiRoute({ role: "viewer", response: memberNotifyPageSchema }, async ({ user }) => services().notify.memberPage(user));

/** Replaces the member's own settings (every field: the page sends the whole form). */
export const PUT = apiRoute(
  {
    role: "viewer",
    body: memberNotifySettingsSchema,
    response: memberNotifyPageSchema,
    activity: { action: "account.notifications", subject: ({ body }) => ({ details: { ...body } }) },
  },
  async ({ user, body }) => services().notify.saveMemberSettings(user, body),
);
