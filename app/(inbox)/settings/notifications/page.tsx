import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NotificationSettings } from "@/components/admin/notification-settings";
import { getCurrentUser } from "@/lib/auth/session";

export async function generateMetadata() {
  const t = await getTranslations("admin.notifications");
  return { title: t("metaTitle") };
}

/** Each member's own notifications; an admin also sets the team's (the webhook, whether text may leave). */
export default async function NotificationsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const t = await getTranslations("admin.notifications");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-2xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <NotificationSettings admin={user.role === "admin"} />
      </div>
    </div>
  );
}
