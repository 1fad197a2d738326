import { describeFilterMarked, recipientFilterSchema, stripMarks, type DescribeOptions, type FilterWords } from "@/lib/filters";
import { recipientsInWords, type SentRecipients } from "./recipient-words";

/**
 * Recipients in words, for the Sent tab, in the language of `words` (the translator of `compose.words` and its
 * locale): "250 Tolokers", "All Tolokers", or a filter read out, e.g.
 * `Tolokers matching: speaks English and (country is Germany or device is a smartphone)`. Client-safe.
 */
export function describeRecipients(r: SentRecipients, words: FilterWords, options: DescribeOptions = {}): string {
  return stripMarks(describeRecipientsMarked(r, words, options));
}

/** describeRecipients with a filter's data (skill names, brands) marked, for a page to show translate="no". */
export function describeRecipientsMarked(r: SentRecipients, words: FilterWords, options: DescribeOptions = {}): string {
  return recipientsInWords(r, words, (filter) => {
    const parsed = recipientFilterSchema.safeParse(filter);
    return parsed.success ? describeFilterMarked(parsed.data, words, options) : null;
  });
}
