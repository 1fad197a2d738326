import type { FilterWords } from "@/lib/filters/describe";
import type { SelectType } from "@/lib/schemas/plain";

/** Who a sent thread went to, as the thread list and the thread view have it (OtherParty's "recipients"). */
export interface SentRecipients {
  selectType: SelectType;
  count?: number;
  filter?: unknown;
}

/**
 * Recipients in words, in the language of `words` (`compose.words.recipients`): "250 Tolokers", "All Tolokers",
 * or for a filter send `Tolokers matching: …` with the filter read out by `readFilter` (null when it cannot read
 * it). Without `readFilter` a filter send is "Tolokers by filter": the inbox's first view says that until the
 * filter language (zod and its tables, loaded when a filter send is on screen) is there. Imports nothing that
 * runs, so it costs the first view nothing.
 */
export function recipientsInWords(r: SentRecipients, words: FilterWords, readFilter?: (filter: unknown) => string | null): string {
  const { t } = words;
  if (r.selectType === "ALL") return t("recipients.all");
  if (r.selectType === "DIRECT") return r.count === undefined ? t("recipients.byId") : t("recipients.count", { count: r.count });
  const described = readFilter?.(r.filter);
  return described ? t("recipients.matching", { filter: described }) : t("recipients.byFilter");
}
