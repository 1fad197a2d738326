import { describeFilter, recipientFilterSchema, type DescribeOptions } from "@/lib/filters";
import type { SelectType } from "@/lib/schemas/threads";

/** Who a sent thread went to, as the thread list and the thread view have it (OtherParty's "recipients"). */
export interface SentRecipients {
  selectType: SelectType;
  count?: number;
  filter?: unknown;
}

/**
 * Recipients in words, for the Sent tab: "250 Tolokers", "All Tolokers", or a filter read out, e.g.
 * `Tolokers matching: speaks English and (country is Germany or device is a smartphone)`. Client-safe.
 */
export function describeRecipients(r: SentRecipients, options: DescribeOptions = {}): string {
  if (r.selectType === "ALL") return "All Tolokers";
  if (r.selectType === "DIRECT")
    return r.count === undefined ? "Tolokers by id" : `${r.count.toLocaleString("en-US")} ${r.count === 1 ? "Toloker" : "Tolokers"}`;
  const parsed = recipientFilterSchema.safeParse(r.filter);
  return parsed.success ? `Tolokers matching: ${describeFilter(parsed.data, options)}` : "Tolokers by filter";
}
