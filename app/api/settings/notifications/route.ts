import { apiRoute } from "@/lib/api/route";
import { adminNotifySettingsSchema, adminNotifyUpdateSchema } from "@/lib/schemas/notifications";
import { services } from "@/lib/services";

export const dynamic = "force-dynamic";

/** The team's notifications: on or off, the webhook (masked), whether text may leave, and how delivery goes. */
export const GET = apiRoute({ role: "admin", response: adminNotifySettingsSchema }, async () => services().notify.adminPage());

/** Changes what the admin sends; absent fields stay. The log keeps whether the webhook changed, never its address. */
export const PUT = apiRoute(
  {
    role: "admin",
    body: adminNotifyUpdateSchema,
    response: adminNotifySettingsSchema,
    activity: {
      action: "settings.notifications",
      subject: ({ body }) => ({
        details: {
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
          ...(body.includeText !== undefined ? { includeText: body.includeText } : {}),
          webhook: body.webhookUrl === undefined ? "kept" : body.webhookUrl === null ? "removed" : "set",
        },
      }),
    },
  },
  async ({ user, body }) => services().notify.saveAdminSettings(user, body),
);
