import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AccountSettings } from "@/components/admin/account-settings";
import { Notice } from "@/components/admin/ui";
import { getCurrentUser } from "@/lib/auth/session";
import { hasOwnPassword } from "@/lib/auth/team";

export async function generateMetadata() {
  const t = await getTranslations("admin.account");
  return { title: t("metaTitle") };
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const t = await getTranslations("admin.account");
  const changed = (await searchParams).changed === "1";
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-2xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        {changed && <Notice kind="success">{t("changed")}</Notice>}
        <AccountSettings mustChange={user.mustChangePassword} hasPassword={hasOwnPassword(user.id)} locale={user.locale} />
      </div>
    </div>
  );
}
