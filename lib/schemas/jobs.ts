import { z } from "zod";
import { SELECT_TYPES } from "./threads";

/** One batch of a send (one compose call), as the send's report shows it. */
const sendBatchSchema = z.object({
  seq: z.number().int(),
  /** Tolokers in the batch (a send by id); absent for a filter or all. */
  count: z.number().int().optional(),
  /** `unconfirmed`: Toloka's answer was lost and its listing cannot tell whether the batch arrived (see candidates). */
  status: z.enum(["pending", "running", "done", "failed", "unconfirmed"]),
  attempts: z.number().int(),
  /** The thread Toloka made for the batch. */
  threadId: z.string().optional(),
  /** Compose calls the last run made for a sent batch (0: it was found in OUTBOX without a new call). */
  calls: z.number().int().optional(),
  /** The thread was found in OUTBOX after Toloka's answer was lost or an error, not returned by the call. */
  recovered: z.boolean().optional(),
  /** The requester said the batch arrived (it was unconfirmed). */
  confirmedBy: z.literal("requester").optional(),
  /** Toloka accepted the batch (2xx) but its answer could not be read. */
  unreadAnswer: z.boolean().optional(),
  /** An unconfirmed batch: threads in Sent that may be it, and how many more could not be read at all. */
  candidates: z.array(z.string()).optional(),
  unreadableCandidates: z.number().int().optional(),
  /** Why the batch failed or is unconfirmed, in words. */
  error: z.string().optional(),
  /** A batch Toloka refused: its code and status ("400 INCORRECT_RECIPIENTS"), for the small print. */
  code: z.string().optional(),
  /** A batch Toloka refused: false when a retry cannot change the answer (no Toloker matches, a daily quota). */
  retryable: z.boolean().optional(),
});
export type SendBatch = z.infer<typeof sendBatchSchema>;

/** What a send job adds to its progress: who it goes to and every batch's outcome. */
const sendReportSchema = z.object({
  selectType: z.enum(SELECT_TYPES),
  /** The subject in the first language, to recognise the send by. */
  topic: z.string(),
  /** Who it went to in words, with the filter's skills by the names the requester chose them by. */
  recipientsText: z.string().optional(),
  /** A filter send's filter and its skills' names, for the page to word it in the reader's language. */
  recipientsFilter: z.unknown().optional(),
  skillNames: z.record(z.string(), z.string()).optional(),
  /** Whether Tolokers can answer it ("Allows replies"). */
  answerable: z.boolean().optional(),
  /** Recipients of a send by id, duplicates removed. */
  recipients: z.number().int().optional(),
  /** Of those, how many are in batches sent, and in batches that failed. */
  sentRecipients: z.number().int().optional(),
  failedRecipients: z.number().int().optional(),
  /** In unconfirmed batches: they may have the message; the requester decides. */
  unconfirmedRecipients: z.number().int().optional(),
  /** A send whose failed batches went out again from a draft: retrying them here would send them twice. */
  supersededBy: z.string().optional(),
  batches: z.array(sendBatchSchema),
});
export type SendReport = z.infer<typeof sendReportSchema>;

export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(["queued", "running", "done", "failed", "cancelled"]),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  failures: z.array(z.object({ item: z.unknown(), error: z.string() })),
  /** Send jobs only. */
  send: sendReportSchema.optional(),
  /** Bonus jobs only: one payment and how it went (`unconfirmed`: the answer was lost and Toloka's list cannot tell). */
  bonus: z
    .object({
      tolokerId: z.string(),
      amount: z.string(),
      state: z.enum(["pending", "paid", "failed", "unconfirmed"]),
      bonusId: z.string().optional(),
      /** Found in Toloka's list after the answer was lost. */
      recovered: z.boolean().optional(),
      error: z.string().optional(),
    })
    .optional(),
});
export type JobDto = z.infer<typeof jobSchema>;
