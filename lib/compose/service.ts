import "server-only";
import crypto from "node:crypto";
import { AppError } from "@/lib/errors";
import type { DraftRecord, JobItemRecord, JobRecord, Store } from "@/lib/db";
import type { JobRunner } from "@/lib/jobs/runner";
import type { Mirror } from "@/lib/mailbox/mirror";
import type { Person } from "@/lib/schemas/person";
import type { Role } from "@/lib/schemas/roles";
import type { ComposeStatus, DraftContent, DraftDto, SendBody } from "@/lib/schemas/compose";
import type { SendReport } from "@/lib/schemas/jobs";
import { pickLanguage, type SelectType } from "@/lib/schemas/threads";
import type { TolokaClient } from "@/lib/toloka/client";
import { longQuotaMessage, TolokaError } from "@/lib/toloka/errors";
import { pagesById } from "@/lib/toloka/paging";
import type { LocalizedText, WireComposeForm, WireThread } from "@/lib/toloka/wire";
import { filterSkillIds, recipientFilterSchema, type RecipientFilter } from "@/lib/filters";
import { fromFilter } from "./builder";
import { composeWarnings } from "./checks";
import { describeRecipients } from "./recipients";
import { createTranslator } from "next-intl";
import { MESSAGES } from "@/lib/i18n/messages";
import { toBatches } from "./ids";

/** What a send job keeps: the message once, and who it goes to (the ids are in the items). */
export interface SendParams {
  selectType: SelectType;
  topic: LocalizedText;
  text: LocalizedText;
  answerable: boolean;
  /** Recipients of a send by id, duplicates removed. */
  recipients?: number;
  filter?: RecipientFilter;
  /**
   * The names of the filter's skills as the requester saw them in the picker when they sent it (skill id to name),
   * so the send is described afterwards in their words rather than as "skill #41027".
   */
  skillNames?: Record<string, string>;
  /**
   * The team member who wrote the message, as named when they sent it: every thread the send makes (now, after a
   * restart, or on a retry by someone else) is recorded as theirs.
   */
  author?: Person;
}

/** One batch: up to 100 ids, or nothing for a filter or all (the one compose call). */
export interface SendItem {
  ids?: string[];
}

/** What compose works with; the composition root (`lib/services`) builds each once. */
export interface ComposeDeps {
  store: Store;
  client: TolokaClient;
  jobs: JobRunner;
  mirror: Mirror;
}

/** The first message of a thread we composed is ours: "" names it whatever time Toloka gave it (see toDetail). */
const FIRST_MESSAGE = "";

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

/** What a look in OUTBOX found: the batch's thread, threads that may be it (and unreadable ones), or nothing. */
type Lookup = { thread: WireThread } | { candidates: string[]; unreadable: number } | null;

/**
 * What a batch's item keeps between runs (its result while it is not done): the doubt it ended in, and what the
 * requester decided about it.
 */
interface BatchMemo {
  /** Threads that may be this batch's; Toloka's listing could not tell. */
  unconfirmed?: { candidates: string[]; unreadable: number };
  /** Candidates the requester said are not this batch. */
  dismissed?: string[];
  /** The requester decided to send it again: only a thread that is surely this batch's stops it. */
  sendAgain?: boolean;
  /** Toloka refused the batch: its code, and whether a retry could change that. */
  refused?: { code?: string; retryable: boolean };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Toloka's date-time for list bounds: UTC, no zone. */
function tolokaDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** JSON with object keys sorted, so two equal filters compare equal however their keys were ordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
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

/** Of the names the form sent, those of the skills the filter names (a name is kept only for what it describes). */
function skillNamesOf(filter: RecipientFilter, names: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const kept = filterSkillIds(filter).flatMap((id) => (Object.hasOwn(names, id) && names[id].trim() ? [[id, names[id].trim()] as const] : []));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** Texts compared as a reader sees them: Toloka may trim them or change line endings and runs of spaces. */
function canonicalText(text: LocalizedText): string {
  return canonical(Object.fromEntries(Object.entries(text).map(([lang, v]) => [lang, v.replace(/\s+/g, " ").trim()])));
}

/** Roles that are surely not the requester (an unknown role proves nothing). */
const OTHERS: readonly string[] = ["USER", "ADMINISTRATOR", "SYSTEM"];

/** What a thread in OUTBOX says about whether a compose call made it: yes, no, or not enough to tell. */
export type Match = "yes" | "no" | "unknown";

/**
 * Whether a thread in OUTBOX is the one a compose call made: the same kind of recipients and exactly the same
 * recipients, the same topic, the same first text and the same answerable flag. Anything that differs is a "no";
 * anything the listing left out (no `compose_details`, no echoed ids or filter, messages not inlined, no topic)
 * makes it "unknown" unless something else already says no: never a guess either way.
 */
export function matchThread(thread: WireThread, form: WireComposeForm): Match {
  let unknown = false;
  const d = thread.compose_details;
  if (!d) unknown = true;
  else {
    if (d.recipients_select_type !== form.recipients_select_type) return "no";
    if (form.recipients_select_type === "DIRECT") {
      if (d.recipients_ids === undefined) unknown = true;
      else if (!sameSet(d.recipients_ids, form.recipients_ids ?? [])) return "no";
    }
    if (form.recipients_select_type === "FILTER") {
      if (d.recipients_filter === undefined) unknown = true;
      else if (canonicalFilter(d.recipients_filter) !== canonicalFilter(form.recipients_filter)) return "no";
    }
  }
  if (Object.keys(thread.topic ?? {}).length === 0) unknown = true;
  else if (canonicalText(thread.topic) !== canonicalText(form.topic)) return "no";
  // Messages come newest first; the composed one is the oldest.
  const first = thread.messages?.[thread.messages.length - 1];
  if (!first) unknown = true;
  else {
    // A thread someone else started (a Toloker wrote first, we replied: it is in OUTBOX too) is not a send.
    if (first.from && OTHERS.includes(first.from.role) && first.from.myself !== true) return "no";
    if (canonicalText(first.text) !== canonicalText(form.text)) return "no";
  }
  if (form.answerable !== undefined && thread.answerable !== undefined && thread.answerable !== form.answerable) return "no";
  return unknown ? "unknown" : "yes";
}

/** Whether a thread in OUTBOX is, beyond doubt, the one a compose call made. */
export function isThreadOf(thread: WireThread, form: WireComposeForm): boolean {
  return matchThread(thread, form) === "yes";
}

/** Why a batch failed, for the report: in words, with Toloka's code apart, and whether a retry could change it. */
interface Refusal {
  error: string;
  /** Toloka's code (and status), for the small print. */
  code?: string;
  /** False: Toloka refused for a reason a retry cannot change (no Toloker matches, a daily or hourly quota). */
  retryable: boolean;
}

/** The fields Toloka named, in words: "recipients_ids: unknown ids". */
function fieldsText(error: TolokaError): string {
  return error.fields
    ? ` (${Object.entries(error.fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join("; ")})`
    : "";
}

/** Toloka's refusal of a batch in words, and whether sending the same batch again could ever succeed. */
export function refusal(error: TolokaError, selectType: SelectType): Refusal {
  const code = `${error.status} ${error.code}`;
  if (error.isLongQuota) {
    const which = error.quotaInterval === "DAY" ? "daily" : "hourly";
    return {
      error: `${longQuotaMessage(error)} Nothing was sent to these Tolokers. Your message is kept as a draft: send it again once the ${which} quota has reset.`,
      code,
      retryable: false,
    };
  }
  if (error.status === 429)
    return { error: "Toloka was busy (too many requests at once); the batch was not sent. Retrying it is safe.", code, retryable: true };
  if (error.status === 401)
    return { error: "Toloka rejected the app's API key; an admin needs to check the Toloka connection. Then retry.", code, retryable: true };
  if (error.code === "INCORRECT_RECIPIENTS") {
    const why =
      selectType === "FILTER"
        ? "No Toloker matches this filter, so Toloka sent the message to no one. Change the filter in the draft and send it again."
        : selectType === "ALL"
          ? "No Toloker has done your tasks yet, so a message to all reaches no one."
          : `Toloka does not know some of these Toloker ids (${error.message})${fieldsText(error)}. Fix the ids in the draft and send it again.`;
    return { error: why, code, retryable: false };
  }
  // Refused for this send (the account may not message these Tolokers, say), which is not the key being rejected.
  if (error.status === 403) return { error: `Toloka does not let this account send this message: ${error.message}`, code, retryable: false };
  if (error.status === 400 || error.status === 404 || error.status === 422)
    return { error: `Toloka refused the message: ${error.message}${fieldsText(error)}`, code, retryable: false };
  return { error: `Toloka refused the batch: ${error.message}${fieldsText(error)}`, code, retryable: true };
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
/** The filter language's English, for the reports' `recipientsText`. */
const ENGLISH_WORDS = { t: createTranslator({ locale: "en", messages: MESSAGES.en, namespace: "compose.words" }), locale: "en" as const };

export class ComposeService {
  private readonly opts: Required<ComposeOptions>;

  private readonly store: Store;
  private readonly client: TolokaClient;
  private readonly jobs: JobRunner;
  /** Where the threads a send makes go (the Sent tab shows them at once), with who on the team wrote them. */
  private readonly mirror: Mirror;

  constructor(deps: ComposeDeps, opts: ComposeOptions = {}) {
    ({ store: this.store, client: this.client, jobs: this.jobs, mirror: this.mirror } = deps);
    this.opts = {
      concurrency: opts.concurrency ?? 16,
      maxAttempts: opts.maxAttempts ?? 4,
      settleDelayMs: opts.settleDelayMs ?? 1_000,
      clockSkewMs: opts.clockSkewMs ?? 5 * 60_000,
      retryDelayMs: opts.retryDelayMs ?? 500,
    };
    this.jobs.register<SendItem>("send", {
      concurrency: this.opts.concurrency,
      noun: "send",
      run: (item, job, attempt) => this.runBatch(item, job, attempt),
      settle: (item, attempt, job) => this.settleBatch(item, attempt, job),
      onFinish: (job) => this.keepDraftOfFailures(job),
      describe: (job) => ({ send: this.report(job) }),
      retry: (job) => this.retryFailed(job.id),
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
    if (!d || d.userId !== userId) throw new AppError("NOT_FOUND", "There is no such draft.");
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
  send(body: SendBody, by: string | Person): JobRecord {
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
      throw new AppError("CONFLICT", `Confirm the warnings before sending: ${unread.map((w) => w.title).join("; ")}.`, {
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
      ...(body.recipients.type === "FILTER" && body.skillNames ? { skillNames: skillNamesOf(body.recipients.filter, body.skillNames) } : {}),
      // Only who they are: `by` may be a whole session user.
      ...(typeof by === "string" ? {} : { author: { id: by.id, name: by.name, email: by.email } }),
    };
    const items: SendItem[] = body.recipients.type === "DIRECT" ? toBatches(ids).map((batch) => ({ ids: batch })) : [{}];
    const job = this.jobs.enqueue<SendItem>("send", params, items, userId);
    if (draft) {
      this.store.compose.deleteDraft(draft.id);
      // The draft was what a failed send left: its failed batches now go out here, so they must not be retried there.
      if (draft.fromJobId) this.store.jobs.setSupersededBy(draft.fromJobId, job.id);
    }
    return job;
  }

  /** Puts a send's failed batches back in the queue; each is looked for in OUTBOX before it is sent again. */
  retryFailed(jobId: string): number {
    const job = this.store.jobs.get(jobId);
    if (job?.kind !== "send") throw new AppError("NOT_FOUND", "There is no such send.");
    if (job.supersededBy) {
      throw new AppError("CONFLICT", "These batches were sent again from the draft this send left; retrying them here would send them twice.");
    }
    if (job.failed === 0) throw new AppError("CONFLICT", "No batch of this send failed.");
    // An unconfirmed batch may have arrived: only the requester's word sends it again (see decide).
    const doubtful = this.unconfirmedItems(jobId).map((i) => i.seq);
    if (doubtful.length === job.failed) {
      throw new AppError("CONFLICT", "Every batch left is unconfirmed: say for each whether it arrived instead of retrying.");
    }
    // A batch Toloka refused for good (no Toloker matches, a daily quota) would only be refused again.
    const refused = this.store.jobs
      .items(jobId, { status: "failed" })
      .filter((i) => (i.result as BatchMemo | undefined)?.refused?.retryable === false)
      .map((i) => i.seq);
    if (doubtful.length + refused.length === job.failed) {
      throw new AppError(
        "CONFLICT",
        "Toloka refused these batches for a reason a retry cannot change; change the message in the draft this send left, or wait for the quota to reset, and send it again.",
      );
    }
    this.store.compose.deleteDraftsFromJob(jobId);
    return this.jobs.retryFailed(jobId, [...doubtful, ...refused]);
  }

  private unconfirmedItems(jobId: string): JobItemRecord[] {
    return this.store.jobs.items(jobId, { status: "failed" }).filter((i) => (i.result as BatchMemo | undefined)?.unconfirmed);
  }

  /**
   * The requester's word on an unconfirmed batch. `arrived`: it did (as `threadId`, one of its candidates, when
   * they recognise it), so it is done and never sent again. Not arrived: it is sent again, and only a thread that
   * is surely this batch's, or a new candidate, stops it. Like a retry, only for the member who sent it or an admin.
   */
  decide(jobId: string, seq: number, decision: { arrived: true; threadId?: string } | { arrived: false }, by: { id: string; role: Role }): void {
    const job = this.jobs.owned(jobId, by, "decide about its batches");
    if (job.kind !== "send") throw new AppError("NOT_FOUND", "There is no such send.");
    const item = this.store.jobs.items(jobId).find((i) => i.seq === seq);
    if (!item) throw new AppError("NOT_FOUND", "This send has no such batch.");
    const memo = item.result as BatchMemo | undefined;
    if (item.status !== "failed" || !memo?.unconfirmed) throw new AppError("CONFLICT", "This batch is not waiting for a decision.");
    if (!decision.arrived) {
      const dismissed = [...new Set([...(memo.dismissed ?? []), ...memo.unconfirmed.candidates])];
      this.jobs.retryItem(jobId, seq, { dismissed, sendAgain: true } satisfies BatchMemo);
      return;
    }
    const threadId = decision.threadId;
    if (threadId !== undefined) {
      if (!memo.unconfirmed.candidates.includes(threadId))
        throw new AppError("BAD_REQUEST", "That thread is not one of this batch's candidates.", { threadId: "pick one of the candidate threads" });
      if (!this.store.compose.claimThread(threadId, jobId, seq))
        throw new AppError("CONFLICT", "Another batch already accounts for that thread.", { threadId: "pick another candidate, or none" });
      const author = (job.params as SendParams).author;
      if (author) this.mirror.recordAuthor(threadId, FIRST_MESSAGE, author);
    }
    this.store.jobs.finishItem(jobId, seq, {
      status: "done",
      result: { ...(threadId ? { threadId } : {}), calls: 0, recovered: true, confirmedBy: "requester" },
    });
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
    let doubtful = 0;
    const batches = items.map((i: JobItemRecord) => {
      const count = (i.payload as SendItem).ids?.length;
      const r = (i.result ?? {}) as BatchMemo & { threadId?: string; calls?: number; recovered?: boolean; confirmedBy?: "requester"; unreadAnswer?: string };
      const unconfirmed = i.status === "failed" && r.unconfirmed ? r.unconfirmed : undefined;
      if (i.status === "done") sent += count ?? 0;
      else if (unconfirmed) doubtful += count ?? 0;
      else if (i.status === "failed") failed += count ?? 0;
      return {
        seq: i.seq,
        ...(count !== undefined ? { count } : {}),
        status: unconfirmed ? ("unconfirmed" as const) : i.status,
        attempts: i.attempts,
        ...(i.status === "done" && r.threadId ? { threadId: r.threadId } : {}),
        ...(i.status === "done" && r.calls !== undefined ? { calls: r.calls } : {}),
        ...(i.status === "done" && r.recovered ? { recovered: r.recovered } : {}),
        ...(i.status === "done" && r.confirmedBy ? { confirmedBy: r.confirmedBy } : {}),
        ...(i.status === "done" && r.unreadAnswer ? { unreadAnswer: true } : {}),
        ...(unconfirmed ? { candidates: unconfirmed.candidates, unreadableCandidates: unconfirmed.unreadable } : {}),
        ...(i.error && i.status !== "done" ? { error: i.error } : {}),
        ...(i.status === "failed" && r.refused ? { ...(r.refused.code ? { code: r.refused.code } : {}), retryable: r.refused.retryable } : {}),
      };
    });
    const supersededBy = job.supersededBy;
    return {
      selectType: params.selectType,
      topic: pickLanguage(params.topic),
      // In the requester's words: the skills by the names they picked them by.
      // In English for API readers; the page words it from the filter and the names, in the member's language.
      recipientsText: describeRecipients(
        { selectType: params.selectType, count: params.recipients, filter: params.filter },
        ENGLISH_WORDS,
        params.skillNames ? { skillNames: params.skillNames } : {},
      ),
      ...(params.filter !== undefined ? { recipientsFilter: params.filter } : {}),
      ...(params.skillNames ? { skillNames: params.skillNames } : {}),
      answerable: params.answerable,
      ...(params.selectType === "DIRECT"
        ? { recipients: params.recipients ?? sent + failed + doubtful, sentRecipients: sent, failedRecipients: failed, unconfirmedRecipients: doubtful }
        : {}),
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
   * Looks in OUTBOX for the thread this compose made since `sinceMs` (less the clock skew) that no other batch
   * claimed. Found beyond doubt: claimed for this batch and returned. A thread the listing shows too sparsely to
   * tell (or cannot be read at all) is read again by id; still in doubt, it is a candidate. Throws when Toloka
   * cannot be asked. `item` carries what the requester already decided: candidates they said are not this batch.
   */
  private async findSent(form: WireComposeForm, sinceMs: number, job: JobRecord, seq: number, item?: BatchMemo): Promise<Lookup> {
    const dismissed = new Set(item?.dismissed ?? []);
    const candidates: string[] = [];
    let unreadable = 0;
    const outbox = (idGt: string | undefined) =>
      this.client.listThreads({ folder: ["OUTBOX"], created_gte: tolokaDate(sinceMs - this.opts.clockSkewMs), sort: "id", limit: 300, id_gt: idGt });
    for await (const page of pagesById(outbox)) {
      const listed: { id?: string; thread?: WireThread }[] = [
        ...page.items.map((t) => ({ id: t.id, thread: t })),
        ...page.unreadable.map((u) => ({ id: u.id })),
      ];
      for (const entry of listed) {
        if (entry.id !== undefined && dismissed.has(entry.id)) continue;
        const claim = entry.id !== undefined ? this.store.compose.claimOf(entry.id) : null;
        if (claim && !(claim.jobId === job.id && claim.seq === seq)) continue;
        let thread = entry.thread;
        let match: Match = thread ? matchThread(thread, form) : "unknown";
        for (let reread = 0; match === "unknown" && entry.id !== undefined && reread < 2; reread++) {
          const fuller = await this.readOne(entry.id);
          if (fuller) {
            thread = fuller;
            match = matchThread(fuller, form);
          }
        }
        if (match === "yes" && thread && this.store.compose.claimThread(thread.id, job.id, seq)) return { thread };
        if (match !== "unknown") continue;
        if (entry.id !== undefined) candidates.push(entry.id);
        else if (!item?.sendAgain) unreadable++;
      }
    }
    return candidates.length > 0 || unreadable > 0 ? { candidates, unreadable } : null;
  }

  /** One thread by id (Toloka has no get-one: a listing bounded to the id), or null when it is not read. */
  private async readOne(id: string): Promise<WireThread | null> {
    const page = await this.client.listThreads({ id_gte: id, id_lte: id, limit: 1 });
    return page.items.find((t) => t.id === id) ?? null;
  }

  /**
   * A batch is done with `thread`. `calls`: compose calls this run made for it; `recovered`: the thread was found
   * in OUTBOX rather than returned by the call (Toloka's answer was lost or an error).
   */
  private done(thread: WireThread, job: JobRecord, seq: number, calls: number, recovered: boolean) {
    // Claimed before anything else, so a settle running elsewhere cannot take the thread as its own.
    this.store.compose.claimThread(thread.id, job.id, seq);
    this.mirror.applyLatest(thread);
    const author = (job.params as SendParams).author;
    if (author) {
      try {
        this.mirror.recordAuthor(thread.id, FIRST_MESSAGE, author);
      } catch (error) {
        // The thread went out: a batch must not count as failed (and be looked for again) over its author's name.
        console.error(`[compose] job ${job.id}: could not record the author of thread ${thread.id}`, error);
      }
    }
    return { status: "done" as const, result: { threadId: thread.id, calls, recovered } };
  }

  /**
   * A batch whose outcome Toloka's listing cannot prove either way: not sent again on a guess. It waits, as a
   * failed item marked unconfirmed with its candidate threads, for the requester to say whether it arrived.
   */
  private unconfirmed(lookup: { candidates: string[]; unreadable: number }, why: string, item?: BatchMemo) {
    const n = lookup.candidates.length + lookup.unreadable;
    const which =
      lookup.unreadable > 0 && lookup.candidates.length === 0
        ? `${n === 1 ? "a thread" : `${n} threads`} Toloka sent that could not be read`
        : `${n === 1 ? "a thread" : `${n} threads`} in Sent`;
    return {
      status: "failed" as const,
      error: `Unconfirmed: ${why}, and Toloka's listing does not show enough to tell whether it arrived (${which} may be it). It was not sent again: say whether it arrived.`,
      result: { ...(item?.dismissed?.length ? { dismissed: item.dismissed } : {}), unconfirmed: lookup } satisfies BatchMemo,
    };
  }

  private async runBatch(item: SendItem, job: JobRecord, attempt: JobItemRecord) {
    const form = this.formOf(job.params as SendParams, item);
    const memo = attempt.result as BatchMemo | undefined;
    if (attempt.attempts > 1) {
      // Tried before (a retry, or after a restart): it may have landed then, unseen.
      let lookup: Lookup;
      try {
        lookup = await this.findSent(form, Date.parse(job.createdAt), job, attempt.seq, memo);
      } catch (error) {
        return {
          status: "failed" as const,
          error: `Could not ask Toloka whether an earlier try of this batch arrived (${error instanceof Error ? error.message : String(error)}); retry later.`,
        };
      }
      if (lookup && "thread" in lookup) return this.done(lookup.thread, job, attempt.seq, 0, true);
      // Once the requester said "send it again", only a candidate they have not seen yet holds it back.
      if (lookup && (!memo?.sendAgain || lookup.candidates.length > 0))
        return this.unconfirmed(lookup, "an earlier try of this batch got no clear answer from Toloka", memo);
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
          const r = refusal(error, (job.params as SendParams).selectType);
          return { status: "failed" as const, error: r.error, result: { refused: { code: r.code, retryable: r.retryable } } satisfies BatchMemo };
        }
        if (!error.answeredOk) await sleep(this.opts.settleDelayMs);
        let lookup: Lookup;
        try {
          lookup = await this.findSent(form, began, job, attempt.seq, memo);
        } catch (lookupError) {
          if (error.answeredOk) return this.sentUnseen(n, error);
          return {
            status: "failed" as const,
            error: `Toloka did not confirm the batch (${error.message}) and could not be asked whether it arrived (${lookupError instanceof Error ? lookupError.message : String(lookupError)}). It is looked for again before any retry.`,
          };
        }
        if (lookup && "thread" in lookup) return this.done(lookup.thread, job, attempt.seq, n, true);
        // Toloka said yes (2xx) in a body that could not be read: sent, whether or not its thread can be told apart.
        if (error.answeredOk) return this.sentUnseen(n, error, lookup?.candidates);
        if (lookup) return this.unconfirmed(lookup, `Toloka did not confirm the batch (${error.message})`, memo);
        if (n >= this.opts.maxAttempts) {
          return {
            status: "failed" as const,
            error: `Toloka failed ${n} times (last: ${error.status ? `${error.status} ${error.code}` : error.message}); the batch was not sent.`,
          };
        }
        await sleep(this.backoff(n));
      }
    }
  }

  /** Toloka accepted the batch (2xx) but its answer could not be read, nor its thread told apart: done all the same. */
  private sentUnseen(calls: number, error: TolokaError, candidates: string[] = []) {
    return { status: "done" as const, result: { calls, recovered: false, unreadAnswer: error.message, ...(candidates.length ? { candidates } : {}) } };
  }

  private backoff(n: number): number {
    return this.opts.retryDelayMs * 2 ** (n - 1) * (0.5 + Math.random() / 2);
  }

  /** A batch that was in flight when the process stopped: done if its thread is in OUTBOX, else sent again. */
  private async settleBatch(item: SendItem, attempt: JobItemRecord, job: JobRecord) {
    const form = this.formOf(job.params as SendParams, item);
    const memo = attempt.result as BatchMemo | undefined;
    try {
      const lookup = await this.findSent(form, Date.parse(job.createdAt), job, attempt.seq, memo);
      if (lookup && "thread" in lookup) return this.done(lookup.thread, job, attempt.seq, 0, true);
      if (lookup && (!memo?.sendAgain || lookup.candidates.length > 0))
        return this.unconfirmed(lookup, "the app stopped while this batch was being sent", memo);
      return "pending" as const;
    } catch (error) {
      return {
        status: "failed" as const,
        error: `Could not ask Toloka whether this batch arrived before the restart (${error instanceof Error ? error.message : String(error)}); retry later.`,
      };
    }
  }

  /**
   * A send that ends with failed batches leaves its message as a draft for the member who sent it, with only the
   * recipients not reached (a filter or all: the same), so nothing they wrote is lost.
   */
  private keepDraftOfFailures(job: JobRecord): void {
    // An unconfirmed batch may have arrived: it waits for the requester's word, never in a draft to send again.
    const failures = this.store.jobs.items(job.id, { status: "failed" }).filter((i) => !(i.result as BatchMemo | undefined)?.unconfirmed);
    if (failures.length === 0) return;
    const params = job.params as SendParams;
    const failedIds = failures.flatMap((i) => (i.payload as SendItem).ids ?? []);
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
