import type { Locale } from "@/lib/i18n/locales";
import type { SentRecipients } from "@/lib/compose/recipient-words";
import type { OtherParty } from "@/lib/schemas/threads";

/** A Toloker id in short: enough to tell people apart in a list; the full id is a click away. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** The words partyLabel and authorLabel need, from `useTranslations("common.party")`. */
type PartyWords = (key: "toloker" | "administrator" | "system" | "requester" | "otherRole", values?: { id?: string; role?: string }) => string;

/**
 * The other party as the list names it. A filter send is read out by `describeRecipients` when given (the filter
 * language loads when a filter send is on screen: see use-party-label.ts), else it is "Tolokers by filter".
 */
export function partyLabel(p: OtherParty, t: PartyWords, recipients: (r: SentRecipients) => string): string {
  switch (p.kind) {
    case "toloker":
      return t("toloker", { id: shortId(p.id) });
    case "administrator":
      return t("administrator");
    case "system":
      return t("system");
    case "recipients":
      return recipients(p);
  }
}

// Formatters are costly to make and the list formats a date per row per frame: make each once per language.
const formatters = new Map<
  Locale,
  { rtf: Intl.RelativeTimeFormat; dayMonth: Intl.DateTimeFormat; dayMonthYear: Intl.DateTimeFormat; full: Intl.DateTimeFormat }
>();
function formattersOf(locale: Locale) {
  let f = formatters.get(locale);
  if (!f) {
    f = {
      rtf: new Intl.RelativeTimeFormat(locale, { numeric: "auto" }),
      dayMonth: new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" }),
      dayMonthYear: new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric" }),
      full: new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "medium" }),
    };
    formatters.set(locale, f);
  }
  return f;
}

/** "5 min ago", "yesterday", or a date for anything older than a week, in `locale`; "now" under 45 s. */
export function relativeTime(iso: string, locale: Locale, now = Date.now()): string {
  const { rtf, dayMonth, dayMonthYear } = formattersOf(locale);
  const t = Date.parse(iso);
  const s = Math.round((t - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return rtf.format(0, "second");
  if (abs < 3600) return rtf.format(Math.round(s / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(s / 3600), "hour");
  if (abs < 7 * 86_400) return rtf.format(Math.round(s / 86_400), "day");
  return (new Date(t).getFullYear() === new Date(now).getFullYear() ? dayMonth : dayMonthYear).format(t);
}

/** The exact time, for a tooltip, in `locale`. */
export function exactTime(iso: string, locale: Locale): string {
  return formattersOf(locale).full.format(new Date(iso));
}

/** A count in `locale`'s digits and separators. */
export function formatNumber(n: number, locale: Locale): string {
  return n.toLocaleString(locale);
}

/** Who wrote a message, as the thread view names them: a role the app does not know yet, as Toloka spelt it. */
export function authorLabel(
  from: { role: "toloker" | "requester" | "administrator" | "system" | "other"; roleName?: string; id: string },
  t: PartyWords,
): string {
  switch (from.role) {
    case "toloker":
      return t("toloker", { id: shortId(from.id) });
    case "requester":
      return t("requester");
    case "administrator":
      return t("administrator");
    default:
      return from.role === "other" && from.roleName ? t("otherRole", { role: from.roleName.toLowerCase().replace(/_/g, " ") }) : t("system");
  }
}
