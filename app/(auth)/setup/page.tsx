import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SetupForm } from "@/components/admin/setup-form";
import { ensureSetupCode, needsSetup } from "@/lib/auth/setup";

export async function generateMetadata() {
  const t = await getTranslations("admin.setup");
  return { title: t("metaTitle") };
}
export const dynamic = "force-dynamic";

/** Shown only while the team has no admin of its own: the first admin's account. */
export default async function SetupPage() {
  if (!needsSetup()) redirect("/sign-in");
  const codeFile = ensureSetupCode();
  const t = await getTranslations("admin.setup");
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-8 dark:bg-zinc-900">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
        <SetupForm codeFile={codeFile} />
      </div>
    </main>
  );
}
