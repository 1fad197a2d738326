import { getTranslations } from "next-intl/server";
import { Forbidden } from "@/components/admin/forbidden";
import { TeamManager } from "@/components/admin/team-manager";
import { requirePageRole } from "@/lib/auth/session";

export async function generateMetadata() {
  const t = await getTranslations("admin.team");
  return { title: t("metaTitle") };
}

export default async function TeamPage() {
  const user = await requirePageRole("admin");
  if (user === "forbidden") return <Forbidden role="admin" what="team" />;
  const t = await getTranslations("admin.team");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <TeamManager />
      </div>
    </div>
  );
}
