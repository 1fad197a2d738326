import { apiRoute } from "@/lib/api/route";
import { getStore } from "@/lib/db";
import { accountLanguageSchema } from "@/lib/schemas/team";

export const dynamic = "force-dynamic";

/** The signed-in member's interface language; the next page they load is in it (lib/i18n/request.ts). */
export const PUT = apiRoute(
  {
    role: "viewer",
    body: accountLanguageSchema,
    response: accountLanguageSchema,
    // Someone asked to choose a new password may first want to read that page in their language.
    allowPendingPasswordChange: true,
    activity: { action: "account.language", subject: ({ body }) => ({ details: { locale: body.locale } }) },
  },
  async ({ user, body }) => {
    const saved = getStore().users.update(user.id, { locale: body.locale });
    return { locale: saved?.locale ?? null };
  },
);
