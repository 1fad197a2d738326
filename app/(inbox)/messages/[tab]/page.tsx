import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Inbox } from "@/components/inbox/inbox";
import { getCurrentUser } from "@/lib/auth/session";
import { getConnection } from "@/lib/toloka/connection";
import { hasRole } from "@/lib/schemas/plain";
import { tabSchema } from "@/lib/schemas/threads";

export async function generateMetadata({ params }: { params: Promise<{ tab: string }> }): Promise<Metadata> {
  const tab = tabSchema.safeParse((await params).tab);
  const t = await getTranslations("inbox");
  return { title: tab.success ? t(`folders.${tab.data}`) : t("page.fallbackTitle") };
}

export default async function MessagesPage({ params }: { params: Promise<{ tab: string }> }) {
  const tab = tabSchema.safeParse((await params).tab);
  if (!tab.success) notFound();
  const user = await getCurrentUser();
  return (
    <Suspense>
      <Inbox tab={tab.data} canWrite={!!user && hasRole(user.role, "sender")} webUrl={getConnection().webUrl} />
    </Suspense>
  );
}
