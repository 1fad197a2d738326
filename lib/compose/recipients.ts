import { describeFilter, recipientFilterSchema, type DescribeOptions } from "@/lib/filters";
import { recipientsInWords, type SentRecipients } from "./recipient-words";

/**
 * Recipients in words, for the Sent tab: "250 Tolokers", "All Tolokers", or a filter read out, e.g.
 * `Tolokers matching: speaks English and (country is Germany or device is a smartphone)`. Client-safe.
 */
export function describeRecipients(r: SentRecipients, options: DescribeOptions = {}): string {
  return recipientsInWords(r, (filter) => {
    const parsed = recipientFilterSchema.safeParse(filter);
    return parsed.success ? describeFilter(parsed.data, options) : null;
  });
}
