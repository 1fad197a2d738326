import "server-only";
import crypto from "node:crypto";
import type { WireThread } from "../toloka/wire";
import { DEFAULT_HANG_MS, type ApiEndpoint, type FaultEngine, type FaultRule } from "./faults";
import { EmulatorApiError, errorResponse, JSON_TYPE, jsonResponse, toErrorResponse, type EmulatorRequest, type EmulatorResponse } from "./http";
import type { DailyQuotas, EmulatorStore } from "./store";
import {
  parseComposeBody,
  parseFoldersBody,
  parseJsonBody,
  parseReplyBody,
  parseSkillListQuery,
  parseThreadListQuery,
  requireJsonContentType,
} from "./validation";
import type { Variety } from "./variety";

/** Every limit the emulator enforces; tests shrink them, benchmarks may lift the per-second one. */
export interface EmulatorLimits extends DailyQuotas {
  /** API requests per sliding second over all endpoints; 0 or Infinity disables the limit. */
  requestsPerSecond: number;
  /** POST /user-bonuses requests per UTC day (the spec's 10,000). */
  bonusRequestsPerDay: number;
}

/** Toloka's published quotas (toloka-api.md §2.2). */
export const DEFAULT_LIMITS: EmulatorLimits = {
  requestsPerSecond: 300,
  allPerDay: 1,
  directRecipientsPerDay: 100_000,
  bonusRequestsPerDay: 10_000,
};

/** Requests the emulator received since start or the last reset, for benchmarks. */
export interface EmulatorStats {
  since: string;
  total: number;
  /** By endpoint (`list`, `compose`, ..., `other` for unknown paths). */
  requests: Record<string, number>;
  /** By HTTP status answered (`drop` for dropped connections). */
  statuses: Record<string, number>;
}

/** Counts requests per endpoint and per answer. */
export class StatsCounter {
  private since = new Date();
  private total = 0;
  private requests: Record<string, number> = {};
  private statuses: Record<string, number> = {};

  request(endpoint: string) {
    this.total += 1;
    this.requests[endpoint] = (this.requests[endpoint] ?? 0) + 1;
  }

  answer(res: EmulatorResponse) {
    const key = res.drop ? "drop" : String(res.status);
    this.statuses[key] = (this.statuses[key] ?? 0) + 1;
  }

  snapshot(): EmulatorStats {
    return { since: this.since.toISOString(), total: this.total, requests: { ...this.requests }, statuses: { ...this.statuses } };
  }

  reset() {
    this.since = new Date();
    this.total = 0;
    this.requests = {};
    this.statuses = {};
  }
}

/**
 * The 300-requests-a-second quota as a sliding one-second window over admitted requests. It runs on the
 * monotonic clock, not the injectable `now`, so a test that freezes the data clock is not throttled forever.
 */
export class SlidingWindowLimiter {
  private stamps: number[] = [];

  /** Admits the request (and counts it) unless `limit` requests were admitted in the last second. */
  admit(limit: number): boolean {
    if (!(limit > 0) || !Number.isFinite(limit)) return true;
    const now = performance.now();
    const cutoff = now - 1000;
    let drop = 0;
    while (drop < this.stamps.length && this.stamps[drop] <= cutoff) drop++;
    if (drop > 0) this.stamps.splice(0, drop);
    if (this.stamps.length >= limit) return false;
    this.stamps.push(now);
    return true;
  }

  reset() {
    this.stamps = [];
  }
}

/** Cancellable sleeps, so `close()` can release requests held by latency and timeout faults. */
export class Sleeper {
  private pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.pending.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      entry.timer.unref();
      this.pending.add(entry);
    });
  }

  cancelAll() {
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.pending.clear();
  }
}

/** What the API handlers need from the emulator. */
export interface ApiContext {
  store: EmulatorStore;
  faults: FaultEngine;
  limits: EmulatorLimits;
  stats: StatsCounter;
  limiter: SlidingWindowLimiter;
  sleeper: Sleeper;
  token: string;
  isClosed(): boolean;
  /** Called after the requester composed or replied, so liveness can schedule an answer. */
  onRequesterWrite(thread: WireThread): void;
  /** Variety mode's variation of every answer; null in exact mode. */
  variety: Variety | null;
}

/** Checks `Authorization: ApiKey <token>` or `OAuth <token>` in constant time. */
export function isAuthorized(header: string | null, token: string): boolean {
  const m = /^(ApiKey|OAuth)\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) return false;
  const given = crypto.createHash("sha256").update(m[2]).digest();
  const expected = crypto.createHash("sha256").update(token).digest();
  return crypto.timingSafeEqual(given, expected);
}

/** 401 in Toloka's shape. */
export function authenticationError(): EmulatorApiError {
  return new EmulatorApiError(401, "AUTHENTICATION_ERROR", "Missing or unknown credential: send Authorization: ApiKey <token>");
}

type Handler = (ctx: ApiContext, req: EmulatorRequest, id: string) => Promise<EmulatorResponse> | EmulatorResponse;

interface Route {
  endpoint: ApiEndpoint;
  method: string;
  handler: Handler;
}

/** Resolves a path to its route; a known path with the wrong method is 405, anything else 404. */
function matchRoute(method: string, path: string[]): { route: Route; id: string } | EmulatorApiError {
  const [a, b, c, ...rest] = path;
  let candidates: Route[] = [];
  let id = "";
  if (a === "message-threads" && b === undefined) {
    candidates = [{ endpoint: "list", method: "GET", handler: listThreads }];
  } else if (a === "message-threads" && b === "compose" && c === undefined) {
    candidates = [{ endpoint: "compose", method: "POST", handler: compose }];
  } else if (a === "message-threads" && b && c && rest.length === 0) {
    id = b;
    if (c === "reply") candidates = [{ endpoint: "reply", method: "POST", handler: reply }];
    if (c === "add-to-folders") candidates = [{ endpoint: "add-to-folders", method: "POST", handler: addToFolders }];
    if (c === "remove-from-folders") {
      candidates = [{ endpoint: "remove-from-folders", method: "POST", handler: removeFromFolders }];
    }
  } else if (a === "skills" && b === undefined) {
    candidates = [{ endpoint: "skills", method: "GET", handler: listSkills }];
  } else if (c === undefined && a !== undefined && Object.hasOwn(TOLOKER_ROUTES, a)) {
    const routes = TOLOKER_ROUTES[a];
    id = b ?? "";
    candidates = b === undefined ? routes.collection : routes.item;
  }
  if (candidates.length === 0) {
    return new EmulatorApiError(404, "DOES_NOT_EXIST", `No such resource: /${path.join("/")}`);
  }
  const route = candidates.find((r) => r.method === method);
  if (!route) {
    return new EmulatorApiError(405, "METHOD_NOT_ALLOWED", `${method} is not allowed here; use ${candidates[0].method}`, undefined, {
      allow: candidates.map((r) => r.method).join(", "),
    });
  }
  return { route, id };
}

async function readJson(req: EmulatorRequest): Promise<unknown> {
  requireJsonContentType(req.header("content-type"));
  return parseJsonBody(await req.text());
}

const ITEMS_OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(",");
const CLOSE_MORE = Buffer.from('],"has_more":true}');
const CLOSE_END = Buffer.from('],"has_more":false}');

function page(result: { items: Buffer[]; hasMore: boolean }): EmulatorResponse {
  // Items are stored JSON; splicing their bytes avoids parsing and re-serialising every thread.
  const parts: Buffer[] = [ITEMS_OPEN];
  result.items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(item);
  });
  parts.push(result.hasMore ? CLOSE_MORE : CLOSE_END);
  return { status: 200, headers: { "content-type": JSON_TYPE }, body: Buffer.concat(parts) };
}

const listThreads: Handler = (ctx, req) => {
  const result = ctx.store.listThreads(parseThreadListQuery(req.query));
  if (!ctx.variety) return page(result);
  const { store } = ctx;
  const body = ctx.variety.threadPage(result.items, result.hasMore, store.requesterId, (id) => store.isOverridden(id));
  return { status: 200, headers: { "content-type": JSON_TYPE }, body };
};

const listSkills: Handler = (ctx, req) => {
  const result = ctx.store.listSkills(parseSkillListQuery(req.query));
  if (!ctx.variety) return page(result);
  return { status: 200, headers: { "content-type": JSON_TYPE }, body: ctx.variety.skillPage(result.items, result.hasMore) };
};

/**
 * A thread answered by a write. Compose is 201 as the spec and every SDK say; reply and the folder changes
 * are 200 in exact mode (the Java SDK accepts only 200) and 200 or 201 in variety mode (the spec says 201).
 */
function threadAnswer(ctx: ApiContext, thread: WireThread, spec201: boolean): EmulatorResponse {
  if (!ctx.variety) return jsonResponse(spec201 ? 201 : 200, thread);
  const status = spec201 ? 201 : ctx.variety.writeStatus();
  return jsonResponse(status, ctx.variety.threadBody(thread, ctx.store.requesterId));
}

const compose: Handler = async (ctx, req) => {
  const input = parseComposeBody(await readJson(req));
  const thread = ctx.store.compose(input, ctx.limits);
  ctx.onRequesterWrite(thread);
  return threadAnswer(ctx, thread, true);
};

const reply: Handler = async (ctx, req, id) => {
  const { text } = parseReplyBody(await readJson(req));
  const thread = ctx.store.reply(id, text);
  ctx.onRequesterWrite(thread);
  return threadAnswer(ctx, thread, false);
};

const addToFolders: Handler = async (ctx, req, id) => {
  const folders = parseFoldersBody(await readJson(req));
  return threadAnswer(ctx, ctx.store.changeFolders(id, folders, true), false);
};

const removeFromFolders: Handler = async (ctx, req, id) => {
  const folders = parseFoldersBody(await readJson(req));
  return threadAnswer(ctx, ctx.store.changeFolders(id, folders, false), false);
};

// The Toloker endpoints (records.ts holds their state).

const ok = (body: unknown): EmulatorResponse => jsonResponse(200, body);
const noContent: EmulatorResponse = { status: 204 };

/** Collection (`/user-skills`) and item (`/user-skills/{id}`) routes of each Toloker resource. */
const TOLOKER_ROUTES: Record<string, { collection: Route[]; item: Route[] }> = {
  "user-metadata": {
    collection: [],
    item: [{ endpoint: "metadata", method: "GET", handler: (ctx, _req, id) => ok(ctx.store.records.metadata(id)) }],
  },
  "user-skills": {
    collection: [
      { endpoint: "user-skills-list", method: "GET", handler: (ctx, req) => ok(ctx.store.records.listUserSkills(req.query)) },
      { endpoint: "user-skill-set", method: "PUT", handler: async (ctx, req) => ok(ctx.store.records.setUserSkill(await readJson(req))) },
    ],
    item: [
      { endpoint: "user-skill-get", method: "GET", handler: (ctx, _req, id) => ok(ctx.store.records.getUserSkill(id)) },
      {
        endpoint: "user-skill-delete",
        method: "DELETE",
        handler: (ctx, _req, id) => {
          ctx.store.records.deleteUserSkill(id);
          return noContent;
        },
      },
    ],
  },
  "user-restrictions": {
    collection: [
      { endpoint: "restrictions-list", method: "GET", handler: (ctx, req) => ok(ctx.store.records.listRestrictions(req.query)) },
      { endpoint: "restriction-set", method: "PUT", handler: async (ctx, req) => ok(ctx.store.records.setRestriction(await readJson(req))) },
    ],
    item: [
      { endpoint: "restriction-get", method: "GET", handler: (ctx, _req, id) => ok(ctx.store.records.getRestriction(id)) },
      {
        endpoint: "restriction-delete",
        method: "DELETE",
        handler: (ctx, _req, id) => {
          ctx.store.records.deleteRestriction(id);
          return noContent;
        },
      },
    ],
  },
  "user-bonuses": {
    collection: [
      { endpoint: "bonuses-list", method: "GET", handler: (ctx, req) => ok(ctx.store.records.listBonuses(req.query)) },
      {
        endpoint: "bonus-create",
        method: "POST",
        handler: async (ctx, req) => {
          const r = ctx.store.records.createBonuses(await readJson(req), req.query, ctx.limits.bonusRequestsPerDay);
          return jsonResponse(r.status, r.body);
        },
      },
    ],
    item: [{ endpoint: "bonus-get", method: "GET", handler: (ctx, _req, id) => ok(ctx.store.records.getBonus(id)) }],
  },
  assignments: {
    collection: [{ endpoint: "assignments-list", method: "GET", handler: (ctx, req) => ok(ctx.store.records.listAssignments(req.query)) }],
    item: [
      { endpoint: "assignment-get", method: "GET", handler: (ctx, _req, id) => ok(ctx.store.records.getAssignment(id)) },
      { endpoint: "assignment-patch", method: "PATCH", handler: async (ctx, req, id) => ok(ctx.store.records.patchAssignment(id, await readJson(req))) },
    ],
  },
  requester: {
    collection: [{ endpoint: "requester", method: "GET", handler: (ctx) => ok(ctx.store.records.requester()) }],
    item: [],
  },
};

function faultError(rule: FaultRule, variety: boolean): EmulatorResponse {
  if (rule.kind === "401") return errorResponse(authenticationError());
  if (rule.kind === "403") return errorResponse(new EmulatorApiError(403, "ACCESS_DENIED", "Access denied (injected fault)"));
  if (rule.kind === "503") {
    return errorResponse(new EmulatorApiError(503, "REMOTE_SERVICE_UNAVAILABLE", "Service unavailable (injected fault)"));
  }
  if (rule.kind === "429") {
    const headers = rule.retry_after !== undefined ? { "retry-after": String(rule.retry_after) } : undefined;
    // A rule without an interval: SECOND in exact mode; in variety mode no payload at all, since Toloka's docs
    // name only MIN, HOUR and DAY and say the payload *may* name the quota.
    const payload = rule.interval !== undefined ? { interval: rule.interval } : variety ? undefined : { interval: "SECOND" };
    return errorResponse(new EmulatorApiError(429, "TOO_MANY_REQUESTS", "Too many requests (injected fault)", payload, headers));
  }
  return errorResponse(new EmulatorApiError(500, "INTERNAL_ERROR", "Internal error (injected fault)"));
}

async function run(ctx: ApiContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  const matched = matchRoute(req.method, req.path);
  ctx.stats.request(matched instanceof EmulatorApiError ? "other" : matched.route.endpoint);
  if (!isAuthorized(req.header("authorization"), ctx.token)) return errorResponse(authenticationError());
  if (matched instanceof EmulatorApiError) return errorResponse(matched);
  if (!ctx.limiter.admit(ctx.limits.requestsPerSecond)) {
    // Exact mode names the quota as it is (SECOND). Toloka's docs name only MIN, HOUR and DAY and say the payload
    // *may* name the quota: variety mode names none (calling a second's quota a minute's would be a lie, and a
    // client rightly waits a whole minute for MIN).
    return errorResponse(
      new EmulatorApiError(
        429,
        "TOO_MANY_REQUESTS",
        `Too many requests: at most ${ctx.limits.requestsPerSecond} a second`,
        ctx.variety ? { limit: ctx.limits.requestsPerSecond } : { interval: "SECOND", limit: ctx.limits.requestsPerSecond },
      ),
    );
  }
  const { route, id } = matched;
  const plan = ctx.faults.plan(route.endpoint);
  if (plan.latencyMs > 0) await ctx.sleeper.sleep(plan.latencyMs);
  const fault = plan.error;
  // Shape faults act on the answer: the request itself is performed as usual.
  const shapeFault = fault?.kind === "sparse" || fault?.kind === "unreadable";
  const afterWrite = fault?.after_write === true && fault.kind !== "429";
  if (fault && !afterWrite && !shapeFault) {
    if (fault.kind === "drop") return { status: 0, drop: true };
    if (fault.kind === "timeout") {
      // Nothing was written; a client patient enough to wait past hang_ms sees the connection cut.
      await ctx.sleeper.sleep(fault.hang_ms ?? DEFAULT_HANG_MS);
      return { status: 0, drop: true };
    }
    return faultError(fault, ctx.variety !== null);
  }
  if (ctx.isClosed()) return errorResponse(new EmulatorApiError(503, "REMOTE_SERVICE_UNAVAILABLE", "Emulator is shutting down"));
  let res: EmulatorResponse;
  try {
    res = await route.handler(ctx, req, id);
  } catch (err) {
    res = toErrorResponse(err);
  }
  if (fault && (fault.kind === "sparse" || fault.kind === "unreadable")) return reshape(res, fault.kind);
  if (fault && afterWrite) {
    if (fault.kind === "drop") return { status: 0, drop: true };
    if (fault.kind === "timeout") {
      await ctx.sleeper.sleep(fault.hang_ms ?? DEFAULT_HANG_MS);
      return res;
    }
    return faultError(fault, ctx.variety !== null);
  }
  return res;
}

/** A successful answer reshaped by a shape fault (see faults.ts); errors pass unchanged. */
function reshape(res: EmulatorResponse, kind: "sparse" | "unreadable"): EmulatorResponse {
  if (res.status < 200 || res.status >= 300 || res.body === undefined) return res;
  if (kind === "unreadable") return { ...res, body: JSON.stringify({ result: "ok", note: "not a thread" }) };
  const body = JSON.parse(typeof res.body === "string" ? res.body : Buffer.from(res.body).toString("utf8")) as Record<string, unknown>;
  const strip = (t: Record<string, unknown>) => {
    const { messages: _m, interlocutors: _i, compose_details: _c, ...rest } = t;
    return { ...rest, messages_inlined: false, interlocutors_inlined: false };
  };
  const out = Array.isArray(body.items) ? { ...body, items: (body.items as Record<string, unknown>[]).map(strip) } : strip(body);
  return { ...res, headers: { ...res.headers, "content-type": "application/json" }, body: JSON.stringify(out) };
}

/**
 * Serves one request of the emulated Toloka API (`/api/v1/...`): auth, routing, the per-second quota,
 * injected faults, then the endpoint. Never throws; every failure is a Toloka error body.
 */
export async function handleApiRequest(ctx: ApiContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  let res: EmulatorResponse;
  try {
    res = await run(ctx, req);
  } catch (err) {
    res = toErrorResponse(err);
  }
  ctx.stats.answer(res);
  return res;
}
