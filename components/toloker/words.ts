import type { useTranslations } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import { ASSIGNMENT_STATUSES, type RestrictionDto } from "@/lib/schemas/tolokers";

/** The words below, from `useTranslations("toloker.words")`. */
export type TolokerWords = ReturnType<typeof useTranslations<"toloker.words">>;

type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** An assignment's status in words; one Toloka added that we do not know is shown as Toloka wrote it. */
export function assignmentStatusLabel(status: string, t: TolokerWords): string {
  return (ASSIGNMENT_STATUSES as readonly string[]).includes(status) ? t(`status.${status as AssignmentStatus}`) : status;
}

/** Where a restriction applies, in words. */
export function restrictionScopeText(r: Pick<RestrictionDto, "scope" | "projectId" | "poolId">, t: TolokerWords): string {
  switch (r.scope) {
    case "ALL_PROJECTS":
      return t("scope.allProjects");
    case "PROJECT":
      return t("scope.project", { id: r.projectId ?? "?" });
    case "POOL":
      return t("scope.pool", { id: r.poolId ?? "?" });
    case "SYSTEM":
      return t("scope.system");
    default:
      return t("scope.other", { scope: r.scope });
  }
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Toloka's dollars as a string, in `locale` ("$1,234.56" in English, "1 234,56 $" in Russian), with as many
 * decimals as the amount has: "0.5" stays "$0.5", "0.005" "$0.005".
 */
export function money(amount: string | number, locale: Locale): string {
  const text = String(amount).trim();
  const decimals = Math.min(text.split(".")[1]?.length ?? 0, 20);
  const key = `${locale}:${decimals}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    moneyFormats.set(key, f);
  }
  return f.format(Number(text));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date (and time) in `locale`, as "31 Jan 2030, 12:00": English dates are written the British way, day first,
 * as they have always been here.
 */
export function dateFormat(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withTime}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" });
    dateFormats.set(key, f);
  }
  return f;
}

const DEVICES = ["PERSONAL_COMPUTER", "SMARTPHONE", "TABLET", "WEARABLE_COMPUTER"] as const;
const CLIENTS = ["BROWSER", "TOLOKA_APP", "MOBILE_BROWSER", "OTHER"] as const;

/** A device category Toloka reports, in words; `undefined` for one the app does not know (shown with enumWords). */
export function deviceText(v: string, t: TolokerWords): string | undefined {
  return (DEVICES as readonly string[]).includes(v) ? t(`device.${v as (typeof DEVICES)[number]}`) : undefined;
}

/** A client or browser type Toloka reports, in words; `undefined` for one the app does not know. */
export function clientText(v: string, t: TolokerWords): string | undefined {
  return (CLIENTS as readonly string[]).includes(v) ? t(`client.${v as (typeof CLIENTS)[number]}`) : undefined;
}

/** Toloka's enum words as a person writes them: PERSONAL_COMPUTER → "Personal computer"; WINDOWS → "Windows". */
export function enumWords(v: string): string {
  if (!/^[A-Z0-9_]+$/.test(v)) return v;
  const words = v.toLowerCase().split("_").filter(Boolean).join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
