import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TolokerPage } from "@/components/toloker/toloker-page";
import { requirePageRole } from "@/lib/auth/session";
import { tolokerIdSchema } from "@/lib/schemas/tolokers";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("toloker.page");
  return { title: t("title") };
}

/** The Toloker panel on a page of its own, for any Toloker id in the app. */
export default async function TolokerProfilePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("viewer");
  const id = tolokerIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  return <TolokerPage tolokerId={id.data} />;
}
