import "server-only";
import { TokenBucket } from "limiter";
import { z } from "zod";
import { TolokaError } from "./errors";
import { readAssignment, readBonus, readListPage, readRequester, readRestriction, readUserMetadata, readUserSkill, type Reading } from "./tolokers-read";
import { readSkillPage, readThread, readThreadPage, type SkillPageReading, type ThreadPageReading } from "./read";
import {
  type WireAssignment,
  type WireAssignmentPatch,
  type WireBonus,
  type WireBonusForm,
  type WireListReading,
  type WireRequester,
  type WireRestriction,
  type WireRestrictionForm,
  type WireUserMetadata,
  type WireUserSkill,
  type WireUserSkillForm,
  assignmentPatchSchema,
  bonusFormSchema,
  restrictionFormSchema,
  userSkillFormSchema,
  errorBodySchema,
  type Folder,
  type ThreadListQuery,
  type WireComposeForm,
  type WireThread,
  type LocalizedText,
} from "./wire";

export interface TolokaClientOptions {
  baseUrl: string;
  token: string;
  authScheme: "ApiKey" | "OAuth";
  timeoutMs: number;
  actUnderAccountId?: string;
  /** The most requests a second this client sends, all callers together (Toloka allows 300). */
  maxRequestsPerSecond?: number;
  /** Retries of reads and folder changes: attempts in all, and the backoff's bounds. */
  retry?: {
    attempts: number;
    baseDelayMs: number;
    maxDelayMs: number /** How long a per-minute quota without Retry-After is waited out (a minute). */;
    minuteQuotaWaitMs?: number;
  };
  /** For tests: a fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

const DEFAULT_RETRY = { attempts: 5, baseDelayMs: 250, maxDelayMs: 10_000 };

/** Statuses worth another try for a request that is safe to repeat. */
function isRetryable(error: TolokaError): boolean {
  if (error.isLongQuota) return false;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * A typed client for Toloka's message-thread API. It holds the token; nothing it returns carries it.
 * Responses are parsed with the wire schemas, so a surprise from upstream is an error here, not in a page.
 */
export class TolokaClient {
  private readonly slot: () => Promise<void>;
  private readonly retry: NonNullable<TolokaClientOptions["retry"]>;
  /** Requests sent since start, for status pages and benchmarks. */
  requestCount = 0;

  constructor(private readonly options: TolokaClientOptions) {
    const rps = options.maxRequestsPerSecond ?? 290;
    // A token bucket: a small burst, then a steady drip. Any one-second span holds at most the burst plus a
    // second of drip, so size them to add up to `rps` and Toloka never sees more, however callers bunch up.
    const burst = Math.max(1, Math.min(10, Math.floor(rps / 10)));
    const bucket = new TokenBucket({ bucketSize: burst, tokensPerInterval: Math.max(1, rps - burst), interval: "second" });
    this.slot = async () => {
      await bucket.removeTokens(1);
    };
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  /**
   * GET /message-threads: one page, read thread by thread (lib/toloka/read.ts): a thread that cannot be read is
   * set aside in `unreadable` with the reason, and the page's other threads still count.
   */
  listThreads(query: ThreadListQuery = {}, signal?: AbortSignal): Promise<ThreadPageReading> {
    return this.withRetry(() => this.call("GET", "/message-threads", threadPageReader(query.limit ?? 300), { query: encodeQuery(query), signal }), signal);
  }

  /** POST /message-threads/compose. Not idempotent: never retry it blindly. */
  compose(form: WireComposeForm, signal?: AbortSignal): Promise<WireThread> {
    return this.call("POST", "/message-threads/compose", threadReader, { body: form, signal });
  }

  /** POST /message-threads/{id}/reply. Not idempotent. */
  reply(threadId: string, text: LocalizedText, signal?: AbortSignal): Promise<WireThread> {
    return this.call("POST", `/message-threads/${encodeURIComponent(threadId)}/reply`, threadReader, {
      body: { text },
      signal,
    });
  }

  /** POST /message-threads/{id}/add-to-folders. Safe to repeat. */
  addToFolders(threadId: string, folders: Folder[], signal?: AbortSignal): Promise<WireThread> {
    return this.withRetry(
      () => this.call("POST", `/message-threads/${encodeURIComponent(threadId)}/add-to-folders`, threadReader, { body: { folders }, signal }),
      signal,
    );
  }

  /** POST /message-threads/{id}/remove-from-folders. Safe to repeat. */
  removeFromFolders(threadId: string, folders: Folder[], signal?: AbortSignal): Promise<WireThread> {
    return this.withRetry(
      () => this.call("POST", `/message-threads/${encodeURIComponent(threadId)}/remove-from-folders`, threadReader, { body: { folders }, signal }),
      signal,
    );
  }

  /**
   * GET /skills: one page, read skill by skill (lib/toloka/read.ts): a skill that cannot be read (no id) is set
   * aside in `unreadable`, and the page's other skills still count.
   */
  listSkills(query: { name?: string; sort?: string; limit?: number; id_gt?: string } = {}, signal?: AbortSignal): Promise<SkillPageReading> {
    const q: Record<string, string> = {};
    // Skills are listed 100 a page at most (the SDK's limit; message threads allow 300).
    const limit = query.limit === undefined ? undefined : Math.min(100, query.limit);
    for (const [k, v] of Object.entries({ ...query, limit })) if (v !== undefined) q[k] = String(v);
    // Only a body that is no page at all fails the call.
    const reader = z.unknown().transform((raw, ctx): SkillPageReading => {
      const r = readSkillPage(raw, limit);
      if ("problem" in r) {
        ctx.addIssue({ code: "custom", message: r.problem });
        return z.NEVER;
      }
      return r;
    });
    return this.withRetry(() => this.call("GET", "/skills", reader, { query: q, signal }), signal);
  }

  // The Toloker endpoints (issue 15). Reads, and the writes Toloka applies idempotently (PUT sets a value, DELETE
  // removes one), are retried; a bonus and an assignment's status change are not: their callers settle a lost
  // answer by reading back.

  /** GET /user-metadata/{id}. */
  getUserMetadata(userId: string, signal?: AbortSignal): Promise<WireUserMetadata> {
    return this.withRetry(() => this.call("GET", `/user-metadata/${encodeURIComponent(userId)}`, readerOf(readUserMetadata), { signal }), signal);
  }

  /** GET /user-skills for one Toloker or one skill: one page. */
  listUserSkills(query: { user_id?: string; skill_id?: string; limit?: number; id_gt?: string }, signal?: AbortSignal) {
    return this.listPage("/user-skills", query, readUserSkill, signal);
  }

  /** PUT /user-skills: sets the value (the same value twice is the same skill). */
  setUserSkill(form: WireUserSkillForm, signal?: AbortSignal): Promise<WireUserSkill> {
    const body = userSkillFormSchema.parse(form);
    return this.withRetry(() => this.call("PUT", "/user-skills", readerOf(readUserSkill), { body, signal }), signal);
  }

  /** DELETE /user-skills/{id}. A 404 means it is gone already; the caller decides what that means. */
  deleteUserSkill(id: string, signal?: AbortSignal): Promise<void> {
    return this.withRetry(() => this.call("DELETE", `/user-skills/${encodeURIComponent(id)}`, emptyReader, { signal }), signal);
  }

  /** GET /user-restrictions: one page. */
  listRestrictions(query: { user_id?: string; limit?: number; id_gt?: string; sort?: string }, signal?: AbortSignal) {
    return this.listPage("/user-restrictions", query, readRestriction, signal);
  }

  /** PUT /user-restrictions (Toloka's upsert). */
  setRestriction(form: WireRestrictionForm, signal?: AbortSignal): Promise<WireRestriction> {
    const body = restrictionFormSchema.parse(form);
    return this.withRetry(() => this.call("PUT", "/user-restrictions", readerOf(readRestriction), { body, signal }), signal);
  }

  /** DELETE /user-restrictions/{id}. */
  deleteRestriction(id: string, signal?: AbortSignal): Promise<void> {
    return this.withRetry(() => this.call("DELETE", `/user-restrictions/${encodeURIComponent(id)}`, emptyReader, { signal }), signal);
  }

  /** GET /user-bonuses: one page. */
  listBonuses(query: { user_id?: string; assignment_id?: string; created_gte?: string; limit?: number; id_gt?: string; sort?: string }, signal?: AbortSignal) {
    return this.listPage("/user-bonuses", query, readBonus, signal);
  }

  /**
   * POST /user-bonuses, one bonus, synchronously, under `operationId` (as the SDK sends it). Never retried: Toloka
   * answers a second request with the same operation id `OPERATION_ALREADY_EXISTS`, and the caller settles a lost
   * answer by listing the Toloker's bonuses.
   */
  createBonus(form: WireBonusForm, operationId: string, signal?: AbortSignal): Promise<WireBonus> {
    const body = bonusFormSchema.parse(form);
    return this.call("POST", "/user-bonuses", readerOf(readBonus), { body, query: { async_mode: "false", operation_id: operationId }, signal });
  }

  /** GET /assignments/{id}. */
  getAssignment(id: string, signal?: AbortSignal): Promise<WireAssignment> {
    return this.withRetry(() => this.call("GET", `/assignments/${encodeURIComponent(id)}`, readerOf(readAssignment), { signal }), signal);
  }

  /** GET /assignments: one page. */
  listAssignments(query: { user_id?: string; pool_id?: string; status?: string; limit?: number; sort?: string; id_gt?: string }, signal?: AbortSignal) {
    return this.listPage("/assignments", query, readAssignment, signal);
  }

  /** PATCH /assignments/{id}. Not retried: a second REJECTED→ACCEPTED is a conflict; the caller reads back. */
  patchAssignment(id: string, patch: WireAssignmentPatch, signal?: AbortSignal): Promise<WireAssignment> {
    const body = assignmentPatchSchema.parse(patch);
    return this.call("PATCH", `/assignments/${encodeURIComponent(id)}`, readerOf(readAssignment), { body, signal });
  }

  /** GET /requester: the balance. */
  getRequester(signal?: AbortSignal): Promise<WireRequester> {
    return this.withRetry(() => this.call("GET", "/requester", readerOf(readRequester), { signal }), signal);
  }

  private listPage<T>(path: string, query: Record<string, string | number | undefined>, item: (x: unknown) => Reading<T>, signal?: AbortSignal) {
    const limit = Math.min(100, Number(query.limit ?? 100));
    const q: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...query, limit })) if (v !== undefined) q[k] = String(v);
    const reader = z.unknown().transform((raw, ctx): WireListReading<T> => {
      const r = readListPage(raw, limit, item);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.reason });
        return z.NEVER;
      }
      return r.value;
    });
    return this.withRetry(() => this.call("GET", path, reader, { query: q, signal }), signal);
  }

  /**
   * Repeats a request that is safe to repeat (a read, or a folder change, which Toloka applies idempotently)
   * on 408, 429, 5xx and network errors: exponential backoff with full jitter, or Toloka's Retry-After.
   */
  private async withRetry<T>(attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof TolokaError) || !isRetryable(error) || n >= this.retry.attempts || signal?.aborted) throw error;
        const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (n - 1)) * Math.random();
        // Toloka knows best how long to wait; a minute at most, so a wild header cannot stall a page. A per-minute
        // quota without a header is waited out.
        const wait =
          error.retryAfterSeconds !== undefined
            ? Math.min(60_000, error.retryAfterSeconds * 1000)
            : error.status === 429 && error.quotaInterval === "MIN"
              ? (this.retry.minuteQuotaWaitMs ?? 60_000)
              : backoff;
        await sleep(wait, signal);
      }
    }
  }

  private async call<T>(
    method: Method,
    path: string,
    schema: z.ZodType<T>,
    init: { query?: Record<string, string>; body?: unknown; signal?: AbortSignal },
  ): Promise<T> {
    const url = new URL(this.options.baseUrl.replace(/\/+$/, "") + path);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = {
      Authorization: `${this.options.authScheme} ${this.options.token}`,
      Accept: "application/json",
    };
    if (this.options.actUnderAccountId) headers["X-Act-Under-Account-ID"] = this.options.actUnderAccountId;
    if (init.body !== undefined) headers["Content-Type"] = "application/json";

    await this.slot();
    this.requestCount++;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    // A write that got as far as being sent may have been applied even if we never hear back.
    // A lost answer to a write leaves its outcome unknown; a lost read changed nothing.
    const unknownIfLost = method === "GET" ? "not-applied" : "unknown";
    let res: Response;
    try {
      res = await (this.options.fetch ?? fetch)(url, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal,
        cache: "no-store",
      });
    } catch (cause) {
      const timedOut = timeout.aborted;
      throw new TolokaError(
        0,
        timedOut ? "TIMEOUT" : "NETWORK_ERROR",
        timedOut ? `Toloka did not answer within ${this.options.timeoutMs} ms` : `Could not reach Toloka (${describeCause(cause)})`,
        { outcome: unknownIfLost, cause },
      );
    }

    let text = "";
    try {
      text = await res.text();
    } catch (cause) {
      // The connection broke mid-body.
      if (res.ok || timeout.aborted) {
        throw new TolokaError(0, "NETWORK_ERROR", `The connection to Toloka broke (${describeCause(cause)})`, {
          outcome: unknownIfLost,
          cause,
        });
      }
    }
    let payload: unknown;
    let notJson: string | undefined;
    try {
      payload = text.length ? JSON.parse(text) : undefined;
    } catch {
      // Whole, but not JSON: a web server's or a proxy's page at this address. Said by its kind only: the
      // parser's own message quotes the body, and a page may carry anything.
      notJson = `The answer is ${describeBody(res, text)}, not Toloka's JSON`;
      if (res.ok) throw new TolokaError(res.status, "UNEXPECTED_RESPONSE", notJson, { outcome: unknownIfLost });
    }

    if (!res.ok) throw toTolokaError(res, payload, method, notJson);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new TolokaError(res.status, "UNEXPECTED_RESPONSE", `Toloka sent an unexpected response (${first.path.join(".")}: ${first.message})`, {
        outcome: "unknown",
      });
    }
    return parsed.data;
  }
}

/** A thread in a write's answer, read leniently; one that cannot be read fails the call as an unexpected response. */
const threadReader = z.unknown().transform((raw, ctx) => {
  const r = readThread(raw);
  if (r.ok) return r.thread;
  ctx.addIssue({ code: "custom", message: r.unreadable.reason });
  return z.NEVER;
});

/** One object read by a lenient reader; one it refuses fails the call as an unexpected response. */
function readerOf<T>(read: (raw: unknown) => Reading<T>) {
  return z.unknown().transform((raw, ctx): T => {
    const r = read(raw);
    if (r.ok) return r.value;
    ctx.addIssue({ code: "custom", message: r.reason });
    return z.NEVER;
  });
}

/** A 204's empty answer (or any body: a DELETE's answer carries nothing the app needs). */
const emptyReader = z.unknown().transform((): undefined => undefined);

/** A page of threads, read thread by thread; only a body that is no page at all fails the call. */
function threadPageReader(limit: number) {
  return z.unknown().transform((raw, ctx): ThreadPageReading => {
    const r = readThreadPage(raw, limit);
    if ("problem" in r) {
      ctx.addIssue({ code: "custom", message: r.problem });
      return z.NEVER;
    }
    return r;
  });
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message}: ${inner.message}` : cause.message;
  }
  return String(cause);
}

/** What a body that is not JSON looks like, in a few words (never the body itself). */
function describeBody(res: Response, text: string): string {
  const type = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "text/html" || /^\s*<(!doctype html|html)/i.test(text)) return "an HTML page";
  return /^[a-z0-9.+-]{1,40}\/[a-z0-9.+-]{1,60}$/.test(type) ? `a ${type} body` : "a body that is not JSON";
}

function toTolokaError(res: Response, payload: unknown, method: Method, notJson?: string): TolokaError {
  const body = errorBodySchema.safeParse(payload);
  const retryAfterHeader = res.headers.get("Retry-After");
  const retryAfterSeconds = retryAfterHeader !== null && /^\d+(\.\d+)?$/.test(retryAfterHeader) ? Number(retryAfterHeader) : undefined;
  const fields: Record<string, string> = {};
  if (body.success && body.data.payload && typeof body.data.payload === "object") {
    for (const [k, v] of Object.entries(body.data.payload as Record<string, unknown>)) {
      if (v && typeof v === "object" && "message" in v) fields[k] = String((v as { message: unknown }).message);
      else if (v && typeof v === "object" && "code" in v) fields[k] = String((v as { code: unknown }).code);
    }
  }
  const interval =
    body.success && body.data.payload && typeof body.data.payload === "object" ? (body.data.payload as { interval?: unknown }).interval : undefined;
  const code = body.success ? body.data.code : `HTTP_${res.status}`;
  const message = body.success && body.data.message ? body.data.message : (notJson ?? `Toloka answered ${res.status}`);
  // A 5xx on a write may come after the write was done; a 4xx means it was refused.
  const outcome = method !== "GET" && res.status >= 500 ? "unknown" : "not-applied";
  return new TolokaError(res.status, code, message, {
    fields: Object.keys(fields).length ? fields : undefined,
    requestId: body.success ? body.data.request_id : undefined,
    retryAfterSeconds,
    ...(res.status === 429 && typeof interval === "string" ? { quotaInterval: interval.toUpperCase() } : {}),
    outcome,
  });
}

function encodeQuery(q: ThreadListQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(",") : String(v);
  }
  return out;
}
