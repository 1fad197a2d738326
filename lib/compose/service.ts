import "server-only";
import crypto from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import type { DraftRecord, JobItemRecord, JobRecord, Store } from "@/lib/db";
import type { JobRunner } from "@/lib/mailbox/jobs";
import type { MessageAuthor } from "@/lib/mailbox/service";
import type { ComposeStatus, DraftContent, DraftDto, SendBody } from "@/lib/schemas/compose";
import type { SendReport } from "@/lib/schemas/jobs";
import type { TolokaClient } from "@/lib/toloka/client";
import { longQuotaMessage, TolokaError } from "@/lib/toloka/errors";
import type { LocalizedText, WireComposeForm, WireThread } from "@/lib/toloka/wire";
import { recipientFilterSchema, type RecipientFilter } from "@/lib/filters";
import { fromFilter } from "./builder";
import { composeWarnings } from "./checks";
import { toBatches } from "./ids";

/** What a send job keeps: the message once, and who it goes to (the ids are in the items). */
export interface SendParams {
  selectType: "DIRECT" | "FILTER" | "ALL";
  topic: LocalizedText;
  text: LocalizedText;
  answerable: boolean;
  /** Recipients of a send by id, duplicates removed. */
  recipients?: number;
  filter?: RecipientFilter;
  /**
   * The team member who wrote the message, as named when they sent it: every thread the send makes (now, after a
   * restart, or on a retry by someone else) is recorded as theirs.
   */
  author?: MessageAuthor;
}

/** One batch: up to 100 ids, or nothing for a filter or all (the one compose call). */
export interface SendItem {
  ids?: string[];
}

export interface ComposeOptions {
  /** Batches in flight at once (every call also passes the client's shared rate limit). */
  concurrency?: number;
  /** Compose calls per batch before it counts as failed (a 4xx refusal fails at once). */
  maxAttempts?: number;
  /** How long to wait after an unknown outcome before looking in OUTBOX, so a late write can land first. */
  settleDelayMs?: number;
  /** How far before an attempt OUTBOX is searched, for a Toloka clock behind ours. */
  clockSkewMs?: number;
  /** Backoff between attempts (doubled each time, with jitter). */
  retryDelayMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Toloka's date-time for list bounds: UTC, no zone. */
function tolokaDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** JSON with object keys sorted, so two equal filters compare equal however their keys were ordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** A filter in the language's canonical form (skill keys as strings, a missing skill value as null), as JSON. */
function canonicalFilter(filter: unknown): string {
  const parsed = recipientFilterSchema.safeParse(filter);
  return canonical(parsed.success ? parsed.data : filter);
}

/** Texts compared as a reader sees them: Toloka may trim them or change line endings and runs of spaces. */
function canonicalText(text: LocalizedText): string {
  return canonical(Object.fromEntries(Object.entries(text).map(([lang, v]) => [lang, v.replace(/\s+/g, " ").trim()])));
}

/**
 * Whether a thread in OUTBOX is the one a compose call made: same kind of recipients and exactly the same
 * recipients, the same topic, the same first text and the same answerable flag.
 */
export function isThreadOf(thread: WireThread, form: WireComposeForm): boolean {
  const d = thread.compose_details;
  if (!d || d.recipients_select_type !== form.recipients_select_type) return false;
  if (form.recipients_select_type === "DIRECT" && !sameSet(d.recipients_ids ?? [], form.recipients_ids ?? [])) return false;
  if (form.recipients_select_type === "FILTER" && canonicalFilter(d.recipients_filter) !== canonicalFilter(form.recipients_filter)) return false;
  if (canonicalText(thread.topic) !== canonicalText(form.topic)) return false;
  // Messages come newest first; the composed one is the oldest.
  const first = thread.messages?.[thread.messages.length - 1];
  if (!first || canonicalText(first.text) !== canonicalText(form.text)) return false;
  if (form.answerable !== undefined && thread.answerable !== undefined && thread.answerable !== form.answerable) return false;
  return true;
}

function pickLanguage(text: LocalizedText): string {
  return text.EN ?? Object.values(text)[0] ?? "";
}

/** Toloka's refusal in words for the report: its message, and the fields it named. */
function refusal(error: TolokaError): string {
  const fields = error.fields ? ` (${Object.entries(error.fields).map(([k, v]) => `${k}: ${v}`).join("; ")})` : "";
  if (error.isLongQuota) return `${longQuotaMessage(error)} The batch was not sent: retry the failed batches once it has reset.`;
  if (error.status === 429) return `Toloka refused: over a quota (${error.message})`;
  if (error.status === 401) return "Toloka rejected the app's API key; an admin needs to check the Toloka connection.";
  // Refused for this send (the account may not message these Tolokers, say), which is not the key being rejected.
  if (error.status === 403) return `Toloka refused access for this batch (${error.code}): ${error.message}`;
  return `Toloka refused the batch (${error.status} ${error.code}): ${error.message}${fields}`;
}

/**
 * Compose: drafts, the checks that need the server, and sending as a durable job of batches.
 *
 * A send is exactly once per recipient. Every batch is one compose call, never repeated blindly: when its outcome
 * is unknown (a timeout, a 5xx, a broken connection) the batch is settled by looking in OUTBOX for a thread made
 * since the attempt began with the same topic, text and exact recipients that no other batch has claimed. Found:
 * the batch is done with that thread. Not found: it is sent again. The same settling runs for a batch that was
 * in flight when the process stopped, and before a batch that failed is tried again.
 */
export class ComposeService {
  private readonly opts: Required<ComposeOptions>;

  constructor(
    private readonly store: Store,
    private readonly client: TolokaClient,
    private readonly jobs: JobRunner,
    /** Applies a thread Toloka made to the mirror, so the Sent tab shows it at once. */
    private readonly apply: (thread: WireThread) => void,
    /** Records who on the team wrote the first message of a thread a send made. */
    private readonly recordAuthor: (threadId: string, author: MessageAuthor) => void,
    opts: ComposeOptions = {},
  ) {
    this.opts = {
      concurrency: opts.concurrency ?? 16,
      maxAttempts: opts.maxAttempts ?? 4,
      settleDelayMs: opts.settleDelayMs ?? 1_000,
      clockSkewMs: opts.clockSkewMs ?? 5 * 60_000,
      retryDelayMs: opts.retryDelayMs ?? 500,
    };
    jobs.register<SendItem>("send", {
      concurrency: this.opts.concurrency,
      run: (item, job, attempt) => this.runBatch(item, job, attempt),
      settle: (item, attempt, job) => this.settleBatch(item, attempt, job),
      onFinish: (job) => this.keepDraftOfFailures(job),
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Drafts

  private draftDto(d: DraftRecord): DraftDto {
    return { id: d.id, createdAt: d.createdAt, updatedAt: d.updatedAt, content: d.content as DraftContent, ...(d.fromJobId ? { fromJobId: d.fromJobId } : {}) };
  }

  /** A member's own draft; 404 for anyone else's, so ids of others' drafts cannot be probed. */
  private ownDraft(userId: string, id: string): DraftRecord {
    const d = this.store.compose.getDraft(id);
    if (!d || d.userId !== userId) throw new ApiError("NOT_FOUND", "There is no such draft.");
    return d;
  }

  listDrafts(userId: string): DraftDto[] {
    return this.store.compose.listDrafts(userId).map((d) => this.draftDto(d));
  }

  getDraft(userId: string, id: string): DraftDto {
    return this.draftDto(this.ownDraft(userId, id));
  }

  createDraft(userId: string, content: DraftContent): DraftDto {
    return this.draftDto(this.store.compose.createDraft({ id: crypto.randomUUID(), userId, content }));
  }

  updateDraft(userId: string, id: string, content: DraftContent): DraftDto {
    this.ownDraft(userId, id);
    return this.draftDto(this.store.compose.updateDraft(id, content)!);
  }

  deleteDraft(userId: string, id: string): void {
    this.ownDraft(userId, id);
    this.store.compose.deleteDraft(id);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Checks

  /** What the form's checks need from the server: whether a send to all went out today (UTC). */
  status(now = new Date()): ComposeStatus {
    const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
    return { allSentToday: this.store.compose.lastSendToAllSince(midnight) };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Sending

  /**
   * Starts a send: checks again every warning the form showed (each must have been acknowledged), makes a job of
   * batches of at most 100 ids (one item for a filter or all), and deletes the draft it came from. `by` is the
   * member sending: with their name and email, each thread the send makes says they wrote it; a bare id (scripts,
   * tests) records no author.
   */
  send(body: SendBody, by: string | MessageAuthor): JobRecord {
    const userId = typeof by === "string" ? by : by.id;
    const ids = body.recipients.type === "DIRECT" ? [...new Set(body.recipients.ids)] : [];
    const warnings = composeWarnings({
      topic: body.topic,
      text: body.text,
      recipients: body.recipients.type === "DIRECT" ? { type: "DIRECT", count: ids.length } : { type: body.recipients.type },
      allSentToday: this.status().allSentToday,
    });
    const unread = warnings.filter((w) => !body.acknowledge.includes(w.code));
    if (unread.length > 0) {
      throw new ApiError("CONFLICT", `Confirm the warnings before sending: ${unread.map((w) => w.title).join("; ")}.`, {
        acknowledge: `confirm ${unread.map((w) => w.code).join(", ")}`,
      });
    }
    const draft = body.draftId ? this.ownDraft(userId, body.draftId) : null;
    const params: SendParams = {
      selectType: body.recipients.type,
      topic: body.topic,
      text: body.text,
      answerable: body.answerable,
      ...(body.recipients.type === "DIRECT" ? { recipients: ids.length } : {}),
      ...(body.recipients.type === "FILTER" ? { filter: body.recipients.filter } : {}),
      // Only who they are: `by` may be a whole session user.
      ...(typeof by === "string" ? {} : { author: { id: by.id, name: by.name, email: by.email } }),
    };
    const items: SendItem[] = body.recipients.type === "DIRECT" ? toBatches(ids).map((batch) => ({ ids: batch })) : [{}];
    const job = this.jobs.enqueue<SendItem>("send", params, items, userId);
    if (draft) {
      this.store.compose.deleteDraft(draft.id);
      // The draft was what a failed send left: its failed batches now go out here, so they must not be retried there.
      if (draft.fromJobId) this.store.kv.set(`send.supersededBy.${draft.fromJobId}`, job.id);
    }
    return job;
  }

  /** Puts a send's failed batches back in the queue; each is looked for in OUTBOX before it is sent again. */
  retryFailed(jobId: string): number {
    const job = this.store.jobs.get(jobId);
    if (!job || job.kind !== "send") throw new ApiError("NOT_FOUND", "There is no such send.");
    const superseded = this.store.kv.get(`send.supersededBy.${jobId}`);
    if (superseded) {
      throw new ApiError("CONFLICT", "These batches were sent again from the draft this send left; retrying them here would send them twice.");
    }
    if (job.failed === 0) throw new ApiError("CONFLICT", "No batch of this send failed.");
    this.store.compose.deleteDraftsFromJob(jobId);
    return this.jobs.retryFailed(jobId);
  }

  /** A member's send jobs of the last day, newest first. */
  recentSendIds(userId: string, limit = 10): string[] {
    return this.store.compose.recentSendJobIds(userId, new Date(Date.now() - DAY_MS).toISOString(), limit);
  }

  /** The send's recipients and every batch's outcome, for the job's progress. */
  report(job: JobRecord): SendReport {
    const params = job.params as SendParams;
    const items = this.store.jobs.items(job.id);
    let sent = 0;
    let failed = 0;
    const batches = items.map((i: JobItemRecord) => {
      const count = (i.payload as SendItem).ids?.length;
      if (i.status === "done") sent += count ?? 0;
      if (i.status === "failed") failed += count ?? 0;
      const { threadId, calls, recovered } = (i.result ?? {}) as { threadId?: string; calls?: number; recovered?: boolean };
      return {
        seq: i.seq,
        ...(count !== undefined ? { count } : {}),
        status: i.status,
        attempts: i.attempts,
        ...(threadId ? { threadId } : {}),
        ...(calls !== undefined ? { calls } : {}),
        ...(recovered ? { recovered } : {}),
        ...(i.error ? { error: i.error } : {}),
      };
    });
    const supersededBy = this.store.kv.get(`send.supersededBy.${job.id}`);
    return {
      selectType: params.selectType,
      topic: pickLanguage(params.topic),
      ...(params.selectType === "DIRECT" ? { recipients: params.recipients ?? sent + failed, sentRecipients: sent, failedRecipients: failed } : {}),
      ...(supersededBy ? { supersededBy } : {}),
      batches,
    };
  }

  private formOf(params: SendParams, item: SendItem): WireComposeForm {
    return {
      topic: params.topic,
      text: params.text,
      recipients_select_type: params.selectType,
      ...(params.selectType === "DIRECT" ? { recipients_ids: item.ids ?? [] } : {}),
      ...(params.selectType === "FILTER" ? { recipients_filter: params.filter as Record<string, unknown> } : {}),
      answerable: params.answerable,
    };
  }

  /**
   * The thread in OUTBOX made by this compose since `sinceMs` (less the clock skew) that no other batch claimed,
   * claimed for this one; null when there is none. Throws when Toloka cannot be asked.
   */
  private async findSent(form: WireComposeForm, sinceMs: number, job: JobRecord, seq: number): Promise<WireThread | null> {
    let idGt: string | undefined;
    for (;;) {
      const page = await this.client.listThreads({ folder: ["OUTBOX"], created_gte: tolokaDate(sinceMs - this.opts.clockSkewMs), sort: "id", limit: 300, id_gt: idGt });
      for (const t of page.items) {
        if (isThreadOf(t, form) && this.store.compose.claimThread(t.id, job.id, seq)) return t;
      }
      if (!page.has_more || !page.lastId || page.lastId === idGt) return null;
      idGt = page.lastId;
    }
  }

  /**
   * A batch is done with `thread`. `calls`: compose calls this run made for it; `recovered`: the thread was found
   * in OUTBOX rather than returned by the call (Toloka's answer was lost or an error).
   */
  private done(thread: WireThread, job: JobRecord, seq: number, calls: number, recovered: boolean) {
    // Claimed before anything else, so a settle running elsewhere cannot take the thread as its own.
    this.store.compose.claimThread(thread.id, job.id, seq);
    this.apply(thread);
    const author = (job.params as SendParams).author;
    if (author) {
      try {
        this.recordAuthor(thread.id, author);
      } catch (error) {
        // The thread went out: a batch must not count as failed (and be looked for again) over its author's name.
        console.error(`[compose] job ${job.id}: could not record the author of thread ${thread.id}`, error);
      }
    }
    return { status: "done" as const, result: { threadId: thread.id, calls, recovered } };
  }

  private async runBatch(item: SendItem, job: JobRecord, attempt: JobItemRecord) {
    const form = this.formOf(job.params as SendParams, item);
    if (attempt.attempts > 1) {
      // Tried before (a retry, or after a restart): it may have landed then, unseen.
      try {
        const found = await this.findSent(form, Date.parse(job.createdAt), job, attempt.seq);
        if (found) return this.done(found, job, attempt.seq, 0, true);
      } catch (error) {
        return { status: "failed" as const, error: `Could not ask Toloka whether an earlier try of this batch arrived (${error instanceof Error ? error.message : String(error)}); retry later.` };
      }
    }
    for (let n = 1; ; n++) {
      const began = Date.now();
      try {
        return this.done(await this.client.compose(form), job, attempt.seq, n, false);
      } catch (error) {
        if (!(error instanceof TolokaError)) throw error;
        if (error.outcome === "not-applied") {
          // The per-second quota clears in a moment; a daily quota or a refusal does not.
          if (error.status === 429 && !error.isLongQuota && n < this.opts.maxAttempts) {
            await sleep(error.retryAfterSeconds !== undefined ? Math.min(60_000, error.retryAfterSeconds * 1000) : this.backoff(n));
            continue;
          }
          return { status: "failed" as const, error: refusal(error) };
        }
        await sleep(this.opts.settleDelayMs);
        let found: WireThread | null;
        try {
          found = await this.findSent(form, began, job, attempt.seq);
        } catch (lookup) {
          return {
            status: "failed" as const,
            error: `Toloka did not confirm the batch (${error.message}) and could not be asked whether it arrived (${lookup instanceof Error ? lookup.message : String(lookup)}). It is looked for again before any retry.`,
          };
        }
        if (found) return this.done(found, job, attempt.seq, n, true);
        if (n >= this.opts.maxAttempts) {
          return { status: "failed" as const, error: `Toloka failed ${n} times (last: ${error.status ? `${error.status} ${error.code}` : error.message}); the batch was not sent.` };
        }
        await sleep(this.backoff(n));
      }
    }
  }

  private backoff(n: number): number {
    return this.opts.retryDelayMs * 2 ** (n - 1) * (0.5 + Math.random() / 2);
  }

  /** A batch that was in flight when the process stopped: done if its thread is in OUTBOX, else sent again. */
  private async settleBatch(item: SendItem, attempt: JobItemRecord, job: JobRecord) {
    const form = this.formOf(job.params as SendParams, item);
    try {
      const found = await this.findSent(form, Date.parse(job.createdAt), job, attempt.seq);
      return found ? this.done(found, job, attempt.seq, 0, true) : ("pending" as const);
    } catch (error) {
      return { status: "failed" as const, error: `Could not ask Toloka whether this batch arrived before the restart (${error instanceof Error ? error.message : String(error)}); retry later.` };
    }
  }

  /**
   * A send that ends with failed batches leaves its message as a draft for the member who sent it, with only the
   * recipients not reached (a filter or all: the same), so nothing they wrote is lost.
   */
  private keepDraftOfFailures(job: JobRecord): void {
    if (job.failed === 0) return;
    const params = job.params as SendParams;
    const failedIds = this.store.jobs.items(job.id, { status: "failed" }).flatMap((i) => (i.payload as SendItem).ids ?? []);
    const langs = [...new Set([...Object.keys(params.topic), ...Object.keys(params.text)])];
    const content: DraftContent = {
      languages: langs.map((lang) => ({ lang, topic: params.topic[lang] ?? "", text: params.text[lang] ?? "" })),
      answerable: params.answerable,
      recipients: {
        mode: params.selectType === "DIRECT" ? "ids" : params.selectType === "FILTER" ? "filter" : "all",
        idsText: failedIds.join("\n"),
        ...(params.filter ? { filter: fromFilter(params.filter, { today: new Date() }, () => crypto.randomUUID()) } : {}),
      },
    };
    const held = this.store.compose.draftFromJob(job.id);
    if (held) this.store.compose.updateDraft(held.id, content);
    else this.store.compose.createDraft({ id: crypto.randomUUID(), userId: job.createdBy, content, fromJobId: job.id });
  }
}
