import { getTranslations } from "next-intl/server";
import { ConnectionForm } from "@/components/admin/connection-form";
import { Forbidden } from "@/components/admin/forbidden";
import { requirePageRole } from "@/lib/auth/session";

export async function generateMetadata() {
  const t = await getTranslations("admin.connection");
  return { title: t("metaTitle") };
}

export default async function ConnectionPage() {
  const user = await requirePageRole("admin");
  if (user === "forbidden") return <Forbidden role="admin" what="connection" />;
  const t = await getTranslations("admin.connection");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <ConnectionForm />
      </div>
    </div>
  );
}
