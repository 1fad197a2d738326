import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** A page that does not exist, in the member's language (Next's own says it in English only). */
export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return (
    <main className="mx-auto max-w-md space-y-3 px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("body")}</p>
      <Link href="/" className="inline-block text-sm font-medium text-blue-700 underline dark:text-blue-300">
        {t("home")}
      </Link>
    </main>
  );
}
