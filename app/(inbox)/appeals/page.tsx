import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AppealsList } from "@/components/toloker/appeals-list";
import { requirePageRole } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("toloker.appeals");
  return { title: t("title") };
}

export default async function AppealsPage() {
  // Every member reads appeals; the layout has checked the session, this the role.
  await requirePageRole("viewer");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-4xl space-y-4 px-4 py-6">
        <AppealsList />
      </div>
    </div>
  );
}
