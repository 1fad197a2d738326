"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";
import { fetchJson } from "@/lib/queries/fetch-json";
import { inputClass, Notice } from "./ui";

/**
 * The member's interface language: the browser's (null), or one the app speaks, each named in its own language.
 * Saved as soon as it is picked; the page then renders again, in the new language.
 */
export function LanguageSetting({ locale }: { locale: Locale | null }) {
  const t = useTranslations("admin.language");
  const router = useRouter();
  const id = useId();
  const hintId = `${id}-hint`;
  const [value, setValue] = useState<Locale | "">(locale ?? "");
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (next: Locale | null) =>
      fetchJson<{ locale: Locale | null }>("/api/account/language", { method: "PUT", body: JSON.stringify({ locale: next }) }),
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
    // The select shows what is saved: the choice in force, not the one that failed.
    onError: () => setValue(locale ?? ""),
  });
  return (
    <div className="mt-4 space-y-2">
      <div className="text-sm">
        <label htmlFor={id} className="block font-medium">
          {t("label")}
        </label>
        <select
          id={id}
          aria-describedby={hintId}
          value={value}
          disabled={save.isPending}
          onChange={(e) => {
            const next = isLocale(e.target.value) ? e.target.value : null;
            setValue(next ?? "");
            setSaved(false);
            save.mutate(next);
          }}
          className={`${inputClass} sm:max-w-xs`}
        >
          <option value="">{t("browser")}</option>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l} translate="no">
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
        <p id={hintId} className="mt-1 text-xs text-zinc-500">
          {t("hint")}
        </p>
      </div>
      {save.isPending && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("saving")}</p>}
      {saved && !save.isPending && <Notice kind="success">{t("saved")}</Notice>}
      {save.error && <Notice kind="error">{t("failed", { message: save.error.message })}</Notice>}
    </div>
  );
}
