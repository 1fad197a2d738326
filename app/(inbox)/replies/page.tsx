import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SavedRepliesManager } from "@/components/workflow/saved-replies-manager";
import { requirePageRole } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("thread.savedReplies");
  return { title: t("pageTitle") };
}

export default async function SavedRepliesPage() {
  // Every member reads the team's saved replies; senders change them (the page shows the controls by role).
  await requirePageRole("viewer");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-4xl space-y-4 px-4 py-6">
        <SavedRepliesManager />
      </div>
    </div>
  );
}
