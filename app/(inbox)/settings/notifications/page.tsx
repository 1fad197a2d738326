import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NotificationSettings } from "@/components/admin/notification-settings";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Notifications" };

/** Each member's own notifications; an admin also sets the team's (the webhook, whether text may leave). */
export default async function NotificationsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-2xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">Notifications</h1>
        <NotificationSettings admin={user.role === "admin"} />
      </div>
    </div>
  );
}
