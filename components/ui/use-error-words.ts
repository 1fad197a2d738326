"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ApiErrorCode } from "@/lib/schemas/error";

/**
 * A failure the server worded in English (a sync's last error), in the page's language: as it came in English,
 * else its code's sentence (messages/<locale>/common.json `errors`), since the detail exists only in English.
 */
export function useErrorWords(): (english: string, code: ApiErrorCode | null | undefined) => string {
  const locale = useLocale();
  const t = useTranslations("common.errors");
  return (english, code) => (locale === "en" ? english : t(code ?? "INTERNAL"));
}
