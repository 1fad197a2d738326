import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { advanceClock, clockOffset, nowIso } from "../clock";
import { recipientFilterSchema } from "../filters";
import type { EmulatorLimits, EmulatorStats } from "./api";
import { authenticationError, isAuthorized } from "./api";
import { faultRuleSchema, type FaultEngine } from "./faults";
import { EmulatorApiError, errorResponse, jsonResponse, toErrorResponse, validationError, type EmulatorRequest, type EmulatorResponse } from "./http";
import type { EmulatorStore } from "./store";
import { spec } from "./spec-schema";
import { localizedInputSchema, parseJsonBody, parseQueryDate, zodIssuesToPayload } from "./validation";

/*
 * The control API (`/emulator/control/*`): not part of Toloka. Tests and demos use it to make Tolokers,
 * the administrator and the platform act, to inspect who received what, to inject faults and to read
 * request counts. Same credential as the API; errors in Toloka's shape.
 */

/** What the control handlers need from the emulator. */
export interface ControlContext {
  store: EmulatorStore;
  faults: FaultEngine;
  limits: EmulatorLimits;
  token: string;
  random: () => number;
  stats(): EmulatorStats;
  resetStats(): void;
  reset(opts: { seed?: boolean }): void;
  seedBulk(count: number): { inserted: number; ms: number };
}

/** A text given as a plain string (taken as English) or as Toloka's `{LANG: string}`. */
const textInput = z.preprocess((v) => (typeof v === "string" ? { EN: v } : v), localizedInputSchema);

const inboundSchema = z.object({
  toloker_id: z.string().optional(),
  topic: textInput,
  text: textInput,
  meta: spec.meta.optional(),
});
const tolokerReplySchema = z.object({ thread_id: z.string(), toloker_id: z.string().optional(), text: textInput });
const noticeSchema = z.object({ topic: textInput, text: textInput, meta: spec.meta.optional() });
const adminSchema = z.object({ topic: textInput, text: textInput, answerable: z.boolean().default(true) });
const selectSchema = z.object({ filter: z.unknown() });
const appealSchema = z.object({
  rejected_days_ago: z.number().min(0).max(365).default(1),
  toloker_id: z.string().optional(),
  pool_id: z.string().regex(/^\d+$/).default("41822071"),
  project_id: z.string().regex(/^\d+$/).default("128460"),
  topic: textInput.default({ EN: "Appeal: rejected assignment" }),
  text: textInput.default({ EN: "Hello! My assignment was rejected, but I followed the instructions. Please check it again." }),
});
const requesterSchema = z.object({ balance: z.number().min(0).max(10_000_000) });
const resetSchema = z.object({ seed: z.boolean().optional() });
/**
 * The most threads one `POST seed` adds. The control API answers anyone with the emulator's token, which is
 * public in demo mode, and seeding holds the app's process while it runs: one request must not hold it (and
 * grow the store) for the many minutes 5,000,000 threads take. scripts/seed.ts and the benchmarks call
 * seedBulk() directly and may add more.
 */
const MAX_SEED_THREADS = 200_000;

const seedSchema = z.object({
  threads: z
    .number()
    .int()
    .min(1)
    .max(MAX_SEED_THREADS, `threads must be at most ${MAX_SEED_THREADS.toLocaleString("en-US")} in one request (scripts/seed.ts adds more)`),
});
const faultsSchema = z.union([z.array(faultRuleSchema), z.object({ rules: z.array(faultRuleSchema) }).transform((b) => b.rules)]);
/** Moves the app's clock (lib/clock.ts) forward, for a snooze or a digest to come due without waiting. */
const clockSchema = z
  .object({
    advance_ms: z
      .number()
      .int()
      .min(0)
      .max(366 * 24 * 3_600_000),
  })
  .strict();

const limitsSchema = z
  .object({
    requests_per_second: z.number().min(0),
    all_per_day: z.number().int().min(0),
    direct_recipients_per_day: z.number().int().min(0),
    bonus_requests_per_day: z.number().int().min(0),
  })
  .partial();

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value ?? {}, { reportInput: true });
  if (!parsed.success) throw validationError(zodIssuesToPayload(parsed.error.issues));
  return parsed.data;
}

async function body(req: EmulatorRequest): Promise<unknown> {
  const text = await req.text();
  return text.trim() === "" ? {} : parseJsonBody(text);
}

function threadOr404(store: EmulatorStore, id: string): EmulatorResponse {
  const json = store.getThreadJson(id);
  if (!json) throw new EmulatorApiError(404, "DOES_NOT_EXIST", `Message thread ${id} does not exist`);
  return jsonResponse(200, json);
}

function limitsView(limits: EmulatorLimits) {
  return {
    requests_per_second: limits.requestsPerSecond,
    all_per_day: limits.allPerDay,
    direct_recipients_per_day: limits.directRecipientsPerDay,
    bonus_requests_per_day: limits.bonusRequestsPerDay,
  };
}

function pickOne<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

async function route(ctx: ControlContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  const { store } = ctx;
  const key = `${req.method} ${req.path.join("/")}`;
  const [first, second, third] = req.path;

  // A fault of shape: from now on the API sends this thread as given (any JSON: a date form, a null, an unknown
  // folder, a field missing or malformed), the way a real Toloka might, until a write renders it again.
  if (first === "threads" && second && third === "wire" && req.path.length === 3 && req.method === "PUT") {
    if (!store.getThreadJson(second)) throw new EmulatorApiError(404, "DOES_NOT_EXIST", `Message thread ${second} does not exist`);
    const text = await req.text();
    try {
      JSON.parse(text);
    } catch {
      throw validationError({ body: { code: "INVALID_JSON", message: "the thread must be JSON" } });
    }
    store.overrideWire(second, text);
    return jsonResponse(200, { id: second, wire: "overridden" });
  }

  if (first === "threads" && second && req.path.length <= 3 && req.method === "GET") {
    if (third === undefined) return threadOr404(store, second);
    if (third === "recipients") {
      const ids = store.recipientsOf(second);
      if (!ids) throw new EmulatorApiError(404, "DOES_NOT_EXIST", `Message thread ${second} does not exist`);
      return jsonResponse(200, { ids });
    }
  }

  if (first === "assignments" && second && req.path.length === 2 && req.method === "GET") {
    return jsonResponse(200, store.records.getAssignment(second));
  }

  switch (key) {
    case "POST inbound": {
      const b = parse(inboundSchema, await body(req));
      const tolokerId = b.toloker_id ?? store.randomTolokerId(ctx.random, true) ?? store.randomTolokerId(ctx.random);
      if (!tolokerId) throw new EmulatorApiError(409, "CONFLICT_STATE", "There are no Tolokers to write");
      return jsonResponse(201, store.tolokerWritesFirst({ tolokerId, topic: b.topic, text: b.text, meta: b.meta }));
    }
    case "POST toloker-reply": {
      const b = parse(tolokerReplySchema, await body(req));
      let tolokerId = b.toloker_id;
      if (!tolokerId) {
        const answerers = store.answerersOf(b.thread_id);
        if (answerers.length === 0) {
          throw new EmulatorApiError(409, "CONFLICT_STATE", "No Toloker can answer this thread");
        }
        tolokerId = pickOne(answerers, ctx.random);
      }
      return jsonResponse(200, store.tolokerReply({ threadId: b.thread_id, tolokerId, text: b.text }));
    }
    case "POST notice": {
      const b = parse(noticeSchema, await body(req));
      return jsonResponse(201, store.notice(b));
    }
    case "POST admin-message": {
      const b = parse(adminSchema, await body(req));
      return jsonResponse(201, store.adminMessage(b));
    }
    case "GET recipients": {
      const since = req.query.get("since");
      let sinceDate: Date | undefined;
      if (since !== null) {
        const us = parseQueryDate(since.replace(/Z$/, ""));
        if (us === null) throw validationError({ since: { code: "DATE_TIME_EXPECTED", message: "since must be a UTC date-time" } });
        sinceDate = new Date(Math.ceil(us / 1000));
      }
      return jsonResponse(200, { items: store.recipientsSince(sinceDate) });
    }
    case "POST select": {
      const b = parse(selectSchema, await body(req));
      const filter = recipientFilterSchema.safeParse(b.filter, { reportInput: true });
      if (!filter.success) throw validationError(zodIssuesToPayload(filter.error.issues, ["filter"]));
      return jsonResponse(200, { ids: store.selectByFilter(filter.data) });
    }
    case "GET threads": {
      // Every thread as the store holds it, by id, never varied: a test's own eyes, not the app's view of Toloka.
      const limit = Math.min(Math.max(Number(req.query.get("limit") ?? 300) || 300, 1), 1000);
      const gt = req.query.get("id_gt") || undefined;
      const page = store.listThreads({ folders: [], foldersNe: [], id: { gt }, created: {}, sort: [{ key: "id", desc: false }], limit });
      return jsonResponse(200, { items: page.items.map((b) => JSON.parse(b.toString("utf8")) as unknown), has_more: page.hasMore });
    }
    case "GET tolokers": {
      const limit = Math.min(Math.max(Number(req.query.get("limit") ?? 100) || 100, 1), 10_000);
      const offset = Math.max(Number(req.query.get("offset") ?? 0) || 0, 0);
      return jsonResponse(200, store.listTolokers(limit, offset));
    }
    // The Toloker records, as the store holds them (never varied, never faulted).
    case "GET bonuses":
      return jsonResponse(200, store.records.listBonuses(new URLSearchParams({ ...Object.fromEntries(req.query), limit: "300" })));
    case "GET restrictions":
      return jsonResponse(200, store.records.listRestrictions(new URLSearchParams({ ...Object.fromEntries(req.query), limit: "1000" })));
    case "GET user-skills":
      return jsonResponse(200, store.records.listUserSkills(new URLSearchParams({ ...Object.fromEntries(req.query), limit: "1000" })));
    case "PUT requester": {
      const b = parse(requesterSchema, await body(req));
      store.records.setBalance(b.balance);
      return jsonResponse(200, store.records.requester());
    }
    case "POST appeals": {
      // A Toloker appeals an assignment rejected `rejected_days_ago` days ago: the assignment, then the thread.
      const b = parse(appealSchema, await body(req));
      const tolokerId = b.toloker_id ?? store.randomTolokerId(ctx.random, true);
      if (!tolokerId) throw new EmulatorApiError(409, "CONFLICT_STATE", "There are no Tolokers to write");
      if (!store.tolokers().byId.has(tolokerId)) throw new EmulatorApiError(404, "DOES_NOT_EXIST", `Toloker ${tolokerId} does not exist`);
      const assignmentId = `${Number(b.pool_id).toString(16).padStart(10, "0")}--${crypto.randomBytes(12).toString("hex")}`;
      const meta = { pool_id: b.pool_id, project_id: b.project_id, assignment_id: assignmentId };
      const assignment = store.records.appealAssignment({ tolokerId, meta, rejectedDaysAgo: b.rejected_days_ago });
      const thread = store.tolokerWritesFirst({ tolokerId, topic: b.topic, text: b.text, meta });
      return jsonResponse(201, { thread, assignment });
    }
    case "GET faults":
      return jsonResponse(200, { rules: ctx.faults.list() });
    case "PUT faults":
      ctx.faults.set(parse(faultsSchema, await body(req)));
      return jsonResponse(200, { rules: ctx.faults.list() });
    case "POST faults":
      ctx.faults.add(parse(faultsSchema, await body(req)));
      return jsonResponse(200, { rules: ctx.faults.list() });
    case "DELETE faults":
      ctx.faults.clear();
      return jsonResponse(200, { rules: [] });
    case "GET stats":
      return jsonResponse(200, ctx.stats());
    case "POST stats/reset":
      ctx.resetStats();
      return jsonResponse(200, ctx.stats());
    case "GET limits":
      return jsonResponse(200, limitsView(ctx.limits));
    case "PUT limits": {
      const b = parse(limitsSchema, await body(req));
      if (b.requests_per_second !== undefined) ctx.limits.requestsPerSecond = b.requests_per_second;
      if (b.all_per_day !== undefined) ctx.limits.allPerDay = b.all_per_day;
      if (b.direct_recipients_per_day !== undefined) ctx.limits.directRecipientsPerDay = b.direct_recipients_per_day;
      if (b.bonus_requests_per_day !== undefined) ctx.limits.bonusRequestsPerDay = b.bonus_requests_per_day;
      return jsonResponse(200, limitsView(ctx.limits));
    }
    case "GET clock":
      return jsonResponse(200, { offset_ms: clockOffset(), now: nowIso() });
    case "POST clock": {
      const b = parse(clockSchema, await body(req));
      return jsonResponse(200, { offset_ms: advanceClock(b.advance_ms), now: nowIso() });
    }
    case "POST reset": {
      const b = parse(resetSchema, await body(req));
      ctx.reset({ seed: b.seed });
      return jsonResponse(200, { ok: true, counts: store.counts() });
    }
    case "POST seed": {
      const b = parse(seedSchema, await body(req));
      const result = ctx.seedBulk(b.threads);
      return jsonResponse(200, { ...result, counts: store.counts() });
    }
    case "GET info":
      return jsonResponse(200, {
        requester_id: store.requesterId,
        administrator_id: store.administratorId,
        system_id: store.systemId,
        counts: store.counts(),
        limits: limitsView(ctx.limits),
      });
  }
  throw new EmulatorApiError(404, "DOES_NOT_EXIST", `No such control endpoint: ${key}`);
}

/** Serves one control request (`/emulator/control/...`). Never throws. */
export async function handleControlRequest(ctx: ControlContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  if (!isAuthorized(req.header("authorization"), ctx.token)) return errorResponse(authenticationError());
  try {
    return await route(ctx, req);
  } catch (err) {
    return toErrorResponse(err);
  }
}
