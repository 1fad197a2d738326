import { useTranslations } from "next-intl";
import type { Role } from "@/lib/schemas/plain";

/** What a page says to someone whose role does not allow it (instead of controls that could only fail). */
export function Forbidden({ role, what }: { role: Role; what: "connection" | "team" | "activity" }) {
  const t = useTranslations("admin.forbidden");
  const roles = useTranslations("admin.roles");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl px-4 py-8">
        <div
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <h1 className="text-base font-semibold">{t("title")}</h1>
          <p className="mt-1">{t("body", { what: t(what), role: roles(role) })}</p>
        </div>
      </div>
    </div>
  );
}
