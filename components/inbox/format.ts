import { recipientsInWords, type SentRecipients } from "@/lib/compose/recipient-words";
import type { OtherParty } from "@/lib/schemas/threads";

/** A Toloker id in short: enough to tell people apart in a list; the full id is a click away. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/**
 * The other party as the list names it. A filter send is read out by `describeRecipients` when given (the filter
 * language loads when a filter send is on screen: see use-party-label.ts), else it is "Tolokers by filter".
 */
export function partyLabel(p: OtherParty, describeRecipients?: (r: SentRecipients) => string): string {
  switch (p.kind) {
    case "toloker":
      return `Toloker ${shortId(p.id)}`;
    case "administrator":
      return "Administrator";
    case "system":
      return "Toloka";
    case "recipients":
      return describeRecipients ? describeRecipients(p) : recipientsInWords(p);
  }
}

// Formatters are costly to make and the list formats a date per row per frame: make each once.
const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const dayMonth = new Intl.DateTimeFormat("en", { day: "numeric", month: "short" });
const dayMonthYear = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", year: "numeric" });
const full = new Intl.DateTimeFormat("en", { dateStyle: "full", timeStyle: "medium" });

/** "5 min ago", "yesterday", or a date for anything older than a week. */
export function relativeTime(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  const s = Math.round((t - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return "just now";
  if (abs < 3600) return rtf.format(Math.round(s / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(s / 3600), "hour");
  if (abs < 7 * 86_400) return rtf.format(Math.round(s / 86_400), "day");
  return (new Date(t).getFullYear() === new Date(now).getFullYear() ? dayMonth : dayMonthYear).format(t);
}

/** The exact time, for a tooltip. */
export function exactTime(iso: string): string {
  return full.format(new Date(iso));
}

export const ROLE_LABELS = { toloker: "Toloker", requester: "You", administrator: "Administrator", system: "Toloka", other: "Toloka" } as const;

/** Who wrote a message, as the thread view names them: a role the app does not know yet, as Toloka spelt it. */
export function authorLabel(from: { role: keyof typeof ROLE_LABELS; roleName?: string; id: string }): string {
  if (from.role === "toloker") return `Toloker ${shortId(from.id)}`;
  if (from.role === "other" && from.roleName) return `Toloka (${from.roleName.toLowerCase().replace(/_/g, " ")})`;
  return ROLE_LABELS[from.role];
}
