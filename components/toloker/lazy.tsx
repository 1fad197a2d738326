"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";

function PanelLoading() {
  const t = useTranslations("toloker.panel");
  return (
    <div className="space-y-2 p-4" role="status" aria-busy="true" aria-label={t("loading")}>
      <Skeleton className="h-4 w-2/3" />
      <Skeleton className="h-16 w-full" />
    </div>
  );
}

/**
 * The Toloker panel and the appeal card, each its own chunk loaded after the thread: the conversation shows at once
 * and these fill in beside and above it.
 */
export const LazyTolokerPanel = dynamic(() => import("./toloker-panel").then((m) => m.TolokerPanel), {
  ssr: false,
  loading: () => <PanelLoading />,
});

export const LazyAppealCard = dynamic(() => import("./appeal-card").then((m) => m.AppealCard), { ssr: false });

/** "Give everyone who did this a skill" for the threads selected in the list. */
export const LazyGrantSkillDialog = dynamic(() => import("./actions").then((m) => m.GrantSkillDialog), { ssr: false });
