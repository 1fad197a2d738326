import "server-only";
import type { WireThread } from "../toloka/wire";

/*
 * Variety mode: every API answer varies within what Toloka's docs allow (toloka-api.md §3, §5, §7), so the
 * app is tested against the Toloka that is promised rather than against the one the emulator happens to be.
 * The store's state and its cached wire JSON stay those of exact mode (one store-side exception: a fresh
 * compose is also in UNREAD, see EmulatorStore's `sentUnread`); the variation is applied per response, at
 * serialisation. Every draw comes from one seeded PRNG, separate from the emulator's `random`, so a run is
 * repeatable from its seed (for the same sequence of requests).
 */

/** `variety` option of createEmulator: on/off, or on with a seed. */
export type VarietyOption = boolean | { seed?: number };

/** Unknown folder values variety mode adds beside a thread's real folders. */
export const UNKNOWN_FOLDERS = ["ARCHIVE", "FOLLOW_UP", "PINNED"] as const;
/** Unknown roles variety mode gives an extra, silent interlocutor. */
export const UNKNOWN_ROLES = ["SUPPORT", "MODERATOR"] as const;

/** Names of unknown extra fields (chosen not to look like anything Toloka documents). */
const EXTRA_FIELDS: readonly [string, () => unknown][] = [
  ["x_revision", () => 7],
  ["x_labels", () => ["beta"]],
  ["x_source", () => "web"],
  ["x_flags", () => ({ pinned: false })],
  ["x_note", () => null],
];

const ON = new Set(["on", "true", "1"]);
const OFF = new Set(["off", "false", "0", ""]);

/**
 * Reads `EMULATOR_VARIETY` (on/off) and `EMULATOR_VARIETY_SEED` (an integer). The emulator reads them itself,
 * because tests, scripts and benchmarks create emulators without the app's config; lib/config.ts validates
 * EMULATOR_VARIETY for the app and passes it explicitly.
 */
export function varietyFromEnv(env: Record<string, string | undefined> = process.env): { on: boolean; seed?: number } {
  const raw = (env.EMULATOR_VARIETY ?? "").trim().toLowerCase();
  if (!ON.has(raw) && !OFF.has(raw)) throw new Error(`EMULATOR_VARIETY must be on or off, not "${env.EMULATOR_VARIETY}"`);
  const seedText = (env.EMULATOR_VARIETY_SEED ?? "").trim();
  let seed: number | undefined;
  if (seedText !== "") {
    seed = Number(seedText);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`EMULATOR_VARIETY_SEED must be an integer from 0 to 4294967295, not "${seedText}"`);
    }
  }
  return { on: ON.has(raw), seed };
}

// One base seed per process, logged once; the n-th emulator of the process without a seed of its own gets
// base + n, so EMULATOR_VARIETY_SEED=<base> repeats a whole test file.
let processBase: number | null = null;
let processCount = 0;

/**
 * The variety seed for an emulator, or null in exact mode. `option` undefined follows the environment;
 * `false` is exact mode whatever the environment says.
 */
export function resolveVarietySeed(option: VarietyOption | undefined, env: Record<string, string | undefined> = process.env): number | null {
  const fromEnv = varietyFromEnv(env);
  const on = option === undefined ? fromEnv.on : option !== false;
  if (!on) return null;
  if (typeof option === "object" && option.seed !== undefined) return option.seed >>> 0;
  if (processBase === null) {
    processBase = fromEnv.seed ?? Math.floor(Math.random() * 2 ** 32);
    console.warn(
      `[emulator] variety mode on, seed ${processBase} (emulators of this process use ${processBase}+n; EMULATOR_VARIETY_SEED=${processBase} repeats them)`,
    );
  }
  return (processBase + processCount++) >>> 0;
}

/** mulberry32: small, fast, good enough for choosing variations. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const DATE_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z?)$/;

/** How often each variation happens; the tests of variety mode rely on every one of them being above 0. */
export interface VarietyRates {
  /** A date not in its exact 3-digit form. */
  date: number;
  /** A date with a trailing Z. */
  dateZ: number;
  /** `parent_id: null` on a thread without a parent. */
  nullParent: number;
  /** `meta: {}` / `meta: null` when the thread has none. */
  emptyMeta: number;
  nullMeta: number;
  /** `null` for a meta field the thread does not have. */
  nullMetaField: number;
  /** `compose_details: null` on a thread the requester did not start. */
  nullComposeDetails: number;
  /** `answerable` left out when true (Toloka's default). */
  omitAnswerable: number;
  /** `myself: false` said out loud. */
  myselfFalse: number;
  /** `*_inlined: true` left out while the data is there. */
  omitInlinedFlag: number;
  /** An unknown extra field on a thread / message / interlocutor / page. */
  extraThread: number;
  extraMessage: number;
  extraInterlocutor: number;
  extraPage: number;
  /** A thread in an unknown folder beside its real ones (fixed per thread); folders in another order (per answer). */
  unknownFolder: number;
  shuffleFolders: number;
  /** An extra interlocutor with an unknown role (fixed per thread), where it cannot change a thread's tabs or who can be answered. */
  unknownRole: number;
  /** A listing answer that leaves data out of some threads, and within it, per thread. */
  sparseListing: number;
  notInlinedMessages: number;
  notInlinedInterlocutors: number;
  /** 201 instead of 200 for reply, add-to-folders and remove-from-folders (the spec's status). */
  created201: number;
}

const DEFAULT_VARIETY_RATES: VarietyRates = {
  date: 0.6,
  dateZ: 0.1,
  nullParent: 0.25,
  emptyMeta: 0.3,
  nullMeta: 0.15,
  nullMetaField: 0.2,
  nullComposeDetails: 0.2,
  omitAnswerable: 0.4,
  myselfFalse: 0.3,
  omitInlinedFlag: 0.1,
  extraThread: 0.3,
  extraMessage: 0.15,
  extraInterlocutor: 0.15,
  extraPage: 0.4,
  unknownFolder: 0.1,
  shuffleFolders: 0.2,
  unknownRole: 0.15,
  sparseListing: 0.35,
  notInlinedMessages: 0.3,
  notInlinedInterlocutors: 0.2,
  created201: 0.5,
};

/** Context of one thread's variation. */
export interface VaryContext {
  /** The requester's id (its interlocutor keeps `myself: true`). */
  requesterId: string;
  /** This listing answer may leave messages and interlocutors out. */
  sparse?: boolean;
}

/** The variation of one emulator, drawn from its own seeded PRNG. */
export class Variety {
  readonly seed: number;
  readonly rates: VarietyRates;
  private readonly next: () => number;

  constructor(seed: number, rates: Partial<VarietyRates> = {}) {
    this.seed = seed >>> 0;
    this.rates = { ...DEFAULT_VARIETY_RATES, ...rates };
    this.next = mulberry32(this.seed);
  }

  /** A number in [0, 1) from the variety stream. */
  random(): number {
    return this.next();
  }

  private chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /**
   * A draw fixed for a thread (from the seed, the thread id and what is drawn), not per answer: an unknown folder
   * or an extra interlocutor is something a thread *has*, so every read of it shows the same, as Toloka's would.
   */
  private threadDraw(threadId: string, what: string): number {
    let h = this.seed ^ 0x9e3779b9;
    for (const text of [what, threadId]) {
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    }
    return mulberry32(h >>> 0)();
  }

  /**
   * The same instant in another documented form: the fraction padded to up to 6 digits or stripped of its
   * trailing zeros (down to none when it is zero), sometimes with a `Z`. Never changes the instant: a digit
   * that is not zero is never dropped.
   */
  date(text: string): string {
    const m = DATE_RE.exec(text);
    if (!m) return text;
    const [, whole, fraction = "", z] = m;
    const significant = fraction.replace(/0+$/, "");
    if (significant.length > 6) return text;
    let out = text;
    if (this.chance(this.rates.date)) {
      const digits = this.int(significant.length, 6);
      out = digits === 0 ? whole : `${whole}.${significant.padEnd(digits, "0")}`;
      out += z;
    }
    if (!out.endsWith("Z") && this.chance(this.rates.dateZ)) out += "Z";
    return out;
  }

  private extra(target: Json, p: number) {
    if (!this.chance(p)) return;
    const [name, value] = this.pick(EXTRA_FIELDS);
    if (!(name in target)) target[name] = value();
  }

  private person(p: unknown, me: string): unknown {
    if (!isObject(p)) return p;
    const out: Json = { ...p };
    if (out.myself === undefined && out.id !== me && this.chance(this.rates.myselfFalse)) out.myself = false;
    this.extra(out, this.rates.extraInterlocutor);
    return out;
  }

  /**
   * One thread, varied. `thread` is the exact form (parsed from the store's cache, or as the store returned it);
   * a copy is returned. Only shapes the docs allow, and nothing the thread truly has is lost: a listing may
   * leave messages or interlocutors out only with `*_inlined: false`, as the spec says.
   */
  thread(thread: Json, ctx: VaryContext): Json {
    const r = this.rates;
    const me = ctx.requesterId;
    const out: Json = {};
    const sparse = ctx.sparse === true;
    const dropMessages = sparse && this.chance(r.notInlinedMessages);
    const dropInterlocutors = sparse && this.chance(r.notInlinedInterlocutors);
    const compose = isObject(thread.compose_details) ? thread.compose_details : undefined;

    for (const [key, value] of Object.entries(thread)) {
      switch (key) {
        case "id":
          out.id = value;
          if (thread.parent_id === undefined && this.chance(r.nullParent)) out.parent_id = null;
          break;
        case "created":
          out.created = typeof value === "string" ? this.date(value) : value;
          break;
        case "interlocutors_inlined":
          if (dropInterlocutors) out.interlocutors_inlined = false;
          else if (!(value === true && this.chance(r.omitInlinedFlag))) out.interlocutors_inlined = value;
          break;
        case "interlocutors":
          if (dropInterlocutors || !Array.isArray(value)) {
            if (!dropInterlocutors) out.interlocutors = value;
            break;
          }
          out.interlocutors = this.interlocutors(value, thread, compose, me);
          break;
        case "messages_inlined":
          if (dropMessages) out.messages_inlined = false;
          else if (!(value === true && this.chance(r.omitInlinedFlag))) out.messages_inlined = value;
          break;
        case "messages":
          if (dropMessages) break;
          out.messages = Array.isArray(value)
            ? value.map((m) => {
                if (!isObject(m)) return m;
                const msg: Json = { ...m };
                if (typeof msg.created === "string") msg.created = this.date(msg.created);
                msg.from = this.person(msg.from, me);
                this.extra(msg, r.extraMessage);
                return msg;
              })
            : value;
          break;
        case "meta":
          out.meta = isObject(value) ? this.meta(value) : value;
          break;
        case "answerable":
          if (!(value === true && this.chance(r.omitAnswerable))) out.answerable = value;
          break;
        case "folders":
          out.folders = Array.isArray(value) ? this.folders(value, typeof thread.id === "string" ? thread.id : "") : value;
          break;
        default:
          out[key] = value;
      }
    }
    // Optional fields the thread does not have: absent (as in exact mode), or said as null / empty.
    if (!("compose_details" in thread) && this.chance(r.nullComposeDetails)) out.compose_details = null;
    if (!("meta" in thread)) {
      if (this.chance(r.emptyMeta)) out.meta = {};
      else if (this.chance(r.nullMeta)) out.meta = null;
    }
    // A listing that leaves the interlocutors out says so even if the thread had no flag.
    if (dropInterlocutors) delete out.interlocutors;
    if (dropInterlocutors && !("interlocutors_inlined" in out)) out.interlocutors_inlined = false;
    if (dropMessages && !("messages_inlined" in out)) out.messages_inlined = false;
    this.extra(out, r.extraThread);
    return out;
  }

  private interlocutors(list: unknown[], thread: Json, compose: Json | undefined, me: string): unknown[] {
    const out = list.map((p) => this.person(p, me));
    // An extra, silent interlocutor with a role Toloka may add later: only where our documented rules already
    // settle the thread without it (a notice, or a send to many), so it changes neither the tabs (they follow
    // folders and who wrote) nor who can be answered.
    const roles = list.map((p) => (isObject(p) ? p.role : undefined));
    const settled =
      roles.includes("SYSTEM") ||
      (compose !== undefined && (compose.recipients_select_type !== "DIRECT" || (Array.isArray(compose.recipients_ids) && compose.recipients_ids.length > 1)));
    if (settled && typeof thread.id === "string" && this.threadDraw(thread.id, "role") < this.rates.unknownRole) {
      // A stable id and role per thread, so two reads name the same party.
      const id = `f${thread.id.slice(0, 24)}0000000`.slice(0, 32);
      if (!list.some((p) => isObject(p) && p.id === id)) {
        const role = UNKNOWN_ROLES[Math.floor(this.threadDraw(thread.id, "role-value") * UNKNOWN_ROLES.length)];
        const extra: Json = { id, role };
        const at = out.findIndex((p) => isObject(p) && typeof p.id === "string" && p.id > id);
        out.splice(at === -1 ? out.length : at, 0, extra);
      }
    }
    return out;
  }

  private meta(meta: Json): Json {
    const out: Json = { ...meta };
    for (const key of ["pool_id", "project_id", "assignment_id"]) {
      if (out[key] === undefined && this.chance(this.rates.nullMetaField)) out[key] = null;
    }
    return out;
  }

  private folders(folders: unknown[], threadId: string): unknown[] {
    let out = [...folders];
    // Which threads are in an unknown folder, and which, is fixed per thread; where it is listed is not.
    if (threadId && this.threadDraw(threadId, "folder") < this.rates.unknownFolder) {
      const extra = UNKNOWN_FOLDERS[Math.floor(this.threadDraw(threadId, "folder-value") * UNKNOWN_FOLDERS.length)];
      if (!out.includes(extra)) out.splice(this.int(0, out.length), 0, extra);
    }
    if (out.length > 1 && this.chance(this.rates.shuffleFolders)) out = out.reverse();
    return out;
  }

  /** A thread answered by a POST (compose, reply, folder changes): varied, never sparse. */
  threadBody(thread: WireThread | string, requesterId: string): string {
    const parsed: unknown = typeof thread === "string" ? JSON.parse(thread) : thread;
    if (!isObject(parsed)) return typeof thread === "string" ? thread : JSON.stringify(thread);
    return JSON.stringify(this.thread(parsed, { requesterId }));
  }

  /**
   * A list page from the store's cached JSON: each item parsed, varied and serialised again; `passThrough`
   * items (a thread whose JSON a control fault replaced) are sent as stored. The page object may gain an
   * unknown field.
   */
  threadPage(items: readonly Buffer[], hasMore: boolean, requesterId: string, passThrough: (id: string) => boolean): Buffer {
    const sparse = this.chance(this.rates.sparseListing);
    const parts: string[] = [];
    for (const item of items) {
      const text = item.toString("utf8");
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parts.push(text);
        continue;
      }
      if (!isObject(parsed) || typeof parsed.id !== "string" || passThrough(parsed.id)) parts.push(text);
      else parts.push(JSON.stringify(this.thread(parsed, { requesterId, sparse })));
    }
    return this.pageOf(parts, hasMore);
  }

  /** A skills page: dates in other forms, an unknown field now and then. */
  skillPage(items: readonly Buffer[], hasMore: boolean): Buffer {
    const parts = items.map((item) => {
      const parsed: unknown = JSON.parse(item.toString("utf8"));
      if (!isObject(parsed)) return item.toString("utf8");
      if (typeof parsed.created === "string") parsed.created = this.date(parsed.created);
      this.extra(parsed, this.rates.extraThread);
      return JSON.stringify(parsed);
    });
    return this.pageOf(parts, hasMore);
  }

  private pageOf(parts: string[], hasMore: boolean): Buffer {
    const tail: Json = { has_more: hasMore };
    this.extra(tail, this.rates.extraPage);
    const tailText = JSON.stringify(tail).slice(1);
    return Buffer.from(`{"items":[${parts.join(",")}],${tailText}`);
  }

  /** 200 or 201 for reply and the folder changes: the spec says 201, the Java SDK (and so Toloka) 200. */
  writeStatus(): 200 | 201 {
    return this.chance(this.rates.created201) ? 201 : 200;
  }
}
