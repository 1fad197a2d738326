import type { ComposeDetails, Folder, Interlocutor, LocalizedText, ThreadMeta, WireThread } from "@/lib/toloka/wire";
import { SPEC_FOLDERS as FOLDERS } from "../spec-schema";
import { tolokaDate } from "@/lib/emulator/ids";
import type { Rng } from "./random";
import type { SeedToloker } from "./tolokers";
import { PROJECTS, pickTask, type TaskRef } from "./catalog";
import { ADMINISTRATOR_ID, SYSTEM_ID } from "./constants";
import { evaluateFilter, type FilterNode } from "@/lib/filters";
import { FILTER_TEMPLATES, type FilterTemplate } from "./filters";
import {
  MESSAGE_LANGS,
  adminFollowUp,
  adminMessage,
  chasesAnswer,
  directCompose,
  directReply,
  massCompose,
  massReply,
  notice,
  phraseVars,
  requesterAnswer,
  requesterClosing,
  requesterDirectFollowUp,
  requesterFollowUp,
  requesterToAdmin,
  requesterToMassReply,
  tolokerChaser,
  tolokerFollowUp,
  tolokerQuestion,
  tolokerThanks,
  type MassComposeKind,
  type MessageLang,
  type PhraseVars,
  type QuestionKind,
} from "./phrases";

/**
 * Thread drafts: conversations built in chronological order with plain millisecond times, turned
 * into wire threads only once every thread's id is known (ids must follow creation order across the
 * whole seed, and a reply thread names its parent's id).
 */

/** The kinds of thread a requester's mailbox holds. */
export const THREAD_KINDS = [
  "question", // a Toloker wrote first, nobody answered yet
  "answered", // a Toloker wrote first and the requester answered
  "direct", // the requester wrote to one Toloker
  "mass-direct", // the requester wrote to a list of Tolokers
  "mass-filter", // the requester wrote to a filter
  "mass-all", // the requester wrote to everyone who did a task
  "reply", // a Toloker answered a message sent to many: a child thread
  "admin", // Toloka's administrator wrote
  "notice", // an automatic platform notification
] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];

/** A generated thread and who received the requester's compose. */
export interface SeedThread {
  /** The thread as Toloka returns it to the requester. */
  thread: WireThread;
  /**
   * Toloker ids who received the requester's compose (DIRECT ids, FILTER matches, ALL = every Toloker
   * with `didTask`); empty for threads the requester did not start.
   */
  recipients: string[];
  /**
   * What a Toloker's first message was about (appeal, payment, ...), for the records that go with the thread
   * (an appeal's assignment is REJECTED). Not part of the thread Toloka returns.
   */
  questionKind?: QuestionKind;
}

/** One message while drafting: a plain millisecond time, not yet a wire date. */
interface DraftMessage {
  at: number;
  from: Interlocutor;
  text: LocalizedText;
}

/** A thread under construction; {@link toSeedThread} turns it into the wire shape once its id is known. */
export interface Draft {
  kind: ThreadKind;
  created: number;
  topic: LocalizedText;
  parent?: Draft;
  /** Interlocutors other than the requester. */
  others: Interlocutor[];
  /** Oldest first while drafting. */
  messages: DraftMessage[];
  compose?: ComposeDetails;
  meta: ThreadMeta;
  answerable: boolean;
  unread: boolean;
  important: boolean;
  recipients: string[];
  vars: PhraseVars;
  /** For a send to many: what it announced, so replies to it fit. */
  massKind?: MassComposeKind;
  /** A Toloker's first message: what it is about. */
  questionKind?: QuestionKind;
  id?: string;
}

/** How long conversations run: the demo mailbox is lighter than the benchmark data. */
export interface LengthProfile {
  /** Messages in a Toloker-first thread the requester answered (>= 2). */
  answered: readonly (readonly [number, number])[];
  /** Messages in a direct thread that got a reply (>= 2). */
  direct: readonly (readonly [number, number])[];
  /** Messages in a reply thread (>= 1). */
  reply: readonly (readonly [number, number])[];
  /** Chance that an unanswered first message gets a nudge. */
  chaser: number;
  /** Chance that a direct message gets an answer in the same thread. */
  directAnswered: number;
}

/** Everything the builders draw on. Built once per generation. */
export interface World {
  now: number;
  requesterId: string;
  tolokers: readonly SeedToloker[];
  /** Tolokers who did the account's tasks: the people who write and get written to. */
  workers: readonly SeedToloker[];
  /** Ids of `workers`: the recipients of an ALL compose. */
  workerIds: readonly string[];
  /** Filters with at least one match, and their matches (sorted ids). */
  filters: readonly { template: FilterTemplate; matches: readonly string[] }[];
  lengths: LengthProfile;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function skillKeys(node: FilterNode, out: string[] = []): string[] {
  if ("and" in node) for (const n of node.and) skillKeys(n, out);
  else if ("or" in node) for (const n of node.or) skillKeys(n, out);
  else if (node.category === "skill") out.push(node.key);
  return out;
}

/**
 * Builds the shared context; filter matches are computed once here. With `knownSkills`, filters on
 * skills the account does not have are left out.
 */
export function makeWorld(
  now: number,
  requesterId: string,
  tolokers: readonly SeedToloker[],
  lengths: LengthProfile,
  knownSkills?: ReadonlySet<string>,
): World {
  const workers = tolokers.filter((t) => t.didTask);
  const pool = workers.length > 0 ? workers : tolokers;
  const usable = FILTER_TEMPLATES.filter((f) => !knownSkills || skillKeys(f.filter).every((k) => knownSkills.has(k)));
  const filters = usable
    .map((template) => ({
      template,
      matches: tolokers
        .filter((t) => evaluateFilter(template.filter, t))
        .map((t) => t.id)
        .sort(),
    }))
    .filter((f) => f.matches.length > 0);
  return { now, requesterId, tolokers, workers: pool, workerIds: workers.map((t) => t.id), filters, lengths };
}

function requester(w: World): Interlocutor {
  return { id: w.requesterId, role: "REQUESTER", myself: true };
}

function user(t: SeedToloker): Interlocutor {
  return { id: t.id, role: "USER" };
}

const ADMINISTRATOR: Interlocutor = { id: ADMINISTRATOR_ID, role: "ADMINISTRATOR" };
const SYSTEM: Interlocutor = { id: SYSTEM_ID, role: "SYSTEM" };

/**
 * A time after `t`: a log-uniform delay in [minMs, maxMs], squeezed to stay before `now` (a recent
 * thread's conversation is simply faster). Always strictly after `t` and never after `now`.
 */
export function later(rng: Rng, now: number, t: number, minMs: number, maxMs: number): number {
  const delay = Math.exp(rng.float(Math.log(minMs), Math.log(maxMs)));
  const room = now - t - 1000;
  if (t + delay <= now - 1000) return Math.floor(t + delay);
  if (room <= 2) return Math.min(now, t + 1);
  return t + Math.max(1, Math.floor(room * rng.float(0.1, 0.9)));
}

/** Midnight (UTC) of the day `ms` falls in. */
export function startOfUtcDay(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** A creation time within `maxDays` before `now`, denser towards `now`, at least `minAgeMs` old. */
export function recentTime(rng: Rng, now: number, maxDays: number, minAgeMs: number): number {
  const age = Math.max(minAgeMs, maxDays * DAY * rng.next() ** 1.8);
  return Math.floor(now - age - rng.int(0, 999));
}

/** The language a Toloker writes in: their first language the bank knows, sometimes English instead. */
function writingLang(rng: Rng, t: SeedToloker): MessageLang {
  let native: MessageLang | undefined;
  let english = false;
  for (const lang of t.profile.languages) {
    if (lang === "EN") english = true;
    if (native === undefined && (MESSAGE_LANGS as readonly string[]).includes(lang)) native = lang as MessageLang;
  }
  if (native === undefined) return "EN";
  if (native !== "EN" && english && rng.chance(0.25)) return "EN";
  return native;
}

function one(lang: MessageLang, text: string): LocalizedText {
  return { [lang]: text };
}

/** UNREAD for an inbound last message: likely when recent, rare when old (people read their mail). */
function unreadByAge(rng: Rng, age: number): boolean {
  const p = age < DAY ? 0.9 : age < 3 * DAY ? 0.65 : age < 10 * DAY ? 0.3 : age < 30 * DAY ? 0.1 : 0.03;
  return rng.chance(p);
}

/** An unanswered question is usually unanswered because nobody has opened it yet. */
function unreadUnanswered(rng: Rng, age: number): boolean {
  const p = age < 3 * DAY ? 0.95 : age < 10 * DAY ? 0.7 : age < 30 * DAY ? 0.35 : 0.12;
  return rng.chance(p);
}

/**
 * Whether a conversation can go on after `t`: a thread started minutes ago gets its first answer
 * quickly, but not a whole exchange squeezed into seconds.
 */
function hasRoom(w: World, t: number, minMs: number): boolean {
  return w.now - t > 2 * minMs;
}

function lastIsInbound(d: Draft): boolean {
  const last = d.messages[d.messages.length - 1];
  return last !== undefined && last.from.role !== "REQUESTER";
}

function settleFlags(rng: Rng, w: World, d: Draft, importantChance: number): Draft {
  const last = d.messages[d.messages.length - 1];
  d.unread = lastIsInbound(d) && unreadByAge(rng, w.now - last.at);
  d.important = rng.chance(importantChance);
  return d;
}

function metaFor(task: TaskRef, withAssignment: boolean): ThreadMeta {
  const meta: ThreadMeta = { pool_id: task.pool.id, project_id: task.project.id };
  if (withAssignment) meta.assignment_id = task.assignmentId;
  return meta;
}

/** Options for {@link buildQuestion}. */
export interface QuestionOptions {
  answered: boolean;
  kind?: QuestionKind;
  /** Force the Toloker to write in English with a body containing this text (for guaranteed examples). */
  marker?: string;
}

/** A thread a Toloker started; answered or not. */
export function buildQuestion(rng: Rng, w: World, created: number, opts: QuestionOptions): Draft {
  const toloker = rng.pick(w.workers);
  const me = user(toloker);
  const lang = opts.marker ? "EN" : writingLang(rng, toloker);
  const task = pickTask(rng, created);
  const vars = phraseVars(rng, task);
  const q = tolokerQuestion(rng, lang, vars, opts.kind, opts.marker);
  const meta: ThreadMeta = q.kind === "appeal" ? metaFor(task, true) : q.withMeta ? metaFor(task, rng.chance(0.5)) : {};
  const d: Draft = {
    kind: opts.answered ? "answered" : "question",
    created,
    topic: one(q.lang, q.topic),
    others: [me],
    messages: [{ at: created, from: me, text: one(q.lang, q.text) }],
    meta,
    answerable: true,
    unread: false,
    important: false,
    recipients: [],
    vars,
    questionKind: q.kind,
  };
  let t = created;
  if (!opts.answered) {
    if (chasesAnswer(q.kind) && rng.chance(w.lengths.chaser) && hasRoom(w, t, 2 * HOUR)) {
      t = later(rng, w.now, t, 2 * HOUR, 4 * DAY);
      d.messages.push({ at: t, from: me, text: one(q.lang, tolokerChaser(rng, q.lang, vars)) });
    }
    d.unread = unreadUnanswered(rng, w.now - t);
    d.important = rng.chance(q.kind === "appeal" ? 0.08 : 0.02);
    return d;
  }
  const length = rng.weighted(w.lengths.answered);
  for (let i = 1; i < length; i++) {
    if (i > 1 && !hasRoom(w, t, 15 * MINUTE)) break;
    // Mostly alternating; now and then a Toloker writes twice in a row.
    const fromRequester = i % 2 === 1 && !(i > 1 && rng.chance(0.08));
    if (fromRequester) {
      t = later(rng, w.now, t, 15 * MINUTE, 3 * DAY);
      const text = i === 1 ? requesterAnswer(rng, q, vars) : requesterFollowUp(rng, q.lang, vars, q.kind);
      d.messages.push({ at: t, from: requester(w), text: one(q.lang, text) });
    } else {
      t = later(rng, w.now, t, 3 * MINUTE, DAY);
      d.messages.push({ at: t, from: me, text: one(q.lang, tolokerFollowUp(rng, q.lang, vars, q.kind)) });
    }
  }
  return settleFlags(rng, w, d, q.kind === "appeal" ? 0.1 : 0.04);
}

/** The requester wrote to one Toloker; the Toloker may answer in the same thread. */
export function buildDirect(rng: Rng, w: World, created: number): Draft {
  const toloker = rng.pick(w.workers);
  const them = user(toloker);
  const lang = writingLang(rng, toloker);
  const task = pickTask(rng, created);
  const vars = phraseVars(rng, task);
  const c = directCompose(rng, lang, vars);
  const d: Draft = {
    kind: "direct",
    created,
    topic: c.topic,
    others: [them],
    messages: [{ at: created, from: requester(w), text: c.text }],
    compose: { recipients_select_type: "DIRECT", recipients_ids: [toloker.id] },
    meta: {},
    answerable: rng.chance(0.85),
    unread: false,
    important: false,
    recipients: [toloker.id],
    vars,
  };
  if (d.answerable && rng.chance(w.lengths.directAnswered)) {
    const length = rng.weighted(w.lengths.direct);
    let t = created;
    for (let i = 1; i < length; i++) {
      if (!hasRoom(w, t, 10 * MINUTE)) break;
      if (i % 2 === 1) {
        t = later(rng, w.now, t, 10 * MINUTE, 2 * DAY);
        const text = i === 1 ? directReply(rng, lang, vars, c.kind) : tolokerThanks(rng, lang);
        d.messages.push({ at: t, from: them, text: one(lang, text) });
      } else {
        t = later(rng, w.now, t, 15 * MINUTE, DAY);
        d.messages.push({ at: t, from: requester(w), text: one(lang, requesterDirectFollowUp(rng, lang, vars, c.kind)) });
      }
    }
  }
  return settleFlags(rng, w, d, 0.03);
}

const LIST_KINDS: readonly MassComposeKind[] = ["bonus", "exam-invite", "new-tasks", "survey"];
const ALL_KINDS: readonly MassComposeKind[] = ["holiday", "pause", "instruction-update", "new-tasks"];

/** Options for {@link buildMass}. */
export interface MassOptions {
  kind?: MassComposeKind;
  answerable?: boolean;
}

/**
 * The requester wrote to many: a DIRECT list, a FILTER or ALL. Returns undefined for FILTER when no
 * filter matches anyone in this population.
 */
export function buildMass(rng: Rng, w: World, created: number, type: "DIRECT" | "FILTER" | "ALL", opts: MassOptions = {}): Draft | undefined {
  let recipients: string[];
  let compose: ComposeDetails;
  let others: Interlocutor[] = [];
  let task: TaskRef;
  let kinds: readonly MassComposeKind[];
  if (type === "FILTER") {
    if (w.filters.length === 0) return undefined;
    const f = rng.pick(w.filters);
    recipients = f.matches.slice();
    compose = { recipients_select_type: "FILTER", recipients_filter: structuredClone(f.template.filter) as Record<string, unknown> };
    const project = PROJECTS.find((p) => p.id === f.template.projectId) ?? PROJECTS[0];
    task = { ...pickTask(rng, created), project, pool: rng.pick(project.pools) };
    kinds = f.template.kinds;
  } else if (type === "DIRECT") {
    const size = Math.min(
      w.workers.length,
      rng.weighted([
        [rng.int(2, 10), 0.5],
        [rng.int(11, 40), 0.35],
        [rng.int(41, 100), 0.15],
      ]),
    );
    const chosen = rng.sample(w.workers, Math.max(1, size));
    recipients = chosen.map((t) => t.id);
    compose = { recipients_select_type: "DIRECT", recipients_ids: recipients.slice() };
    // A list of recipients is a list of interlocutors; a filter or ALL audience is not spelled out.
    others = chosen.map(user);
    task = pickTask(rng, created);
    kinds = LIST_KINDS;
  } else {
    recipients = w.workerIds.slice();
    compose = { recipients_select_type: "ALL" };
    task = pickTask(rng, created);
    kinds = ALL_KINDS;
  }
  const vars = phraseVars(rng, task);
  const c = massCompose(rng, vars, opts.kind ?? rng.pick(kinds));
  const d: Draft = {
    kind: type === "FILTER" ? "mass-filter" : type === "DIRECT" ? "mass-direct" : "mass-all",
    created,
    topic: c.topic,
    others,
    messages: [{ at: created, from: requester(w), text: c.text }],
    compose,
    meta: {},
    answerable: opts.answerable ?? rng.chance(type === "ALL" ? 0.4 : 0.8),
    unread: false,
    important: false,
    recipients,
    vars,
    massKind: c.kind,
  };
  return settleFlags(rng, w, d, 0.02);
}

/** A Toloker answered a message sent to many: a child thread of `parent`. */
export function buildReply(rng: Rng, w: World, parent: Draft, toloker: SeedToloker, created: number): Draft {
  const them = user(toloker);
  const lang = writingLang(rng, toloker);
  const vars = parent.vars;
  const kind = parent.massKind ?? "new-tasks";
  const reply = massReply(rng, lang, vars, kind);
  const d: Draft = {
    kind: "reply",
    created,
    topic: { ...parent.topic },
    parent,
    others: [them],
    messages: [{ at: created, from: them, text: one(lang, reply.text) }],
    meta: {},
    answerable: true,
    unread: false,
    important: false,
    recipients: [],
    vars,
  };
  // A plain "thanks!" gets at most a polite answer, not a conversation.
  const length = reply.hints.length > 0 ? rng.weighted(w.lengths.reply) : Math.min(2, rng.weighted(w.lengths.reply));
  let t = created;
  for (let i = 1; i < length; i++) {
    if (!hasRoom(w, t, 10 * MINUTE)) break;
    if (i % 2 === 1) {
      t = later(rng, w.now, t, 20 * MINUTE, 2 * DAY);
      const text = i === 1 ? requesterToMassReply(rng, lang, vars, reply) : requesterClosing(rng, lang);
      d.messages.push({ at: t, from: requester(w), text: one(lang, text) });
    } else {
      t = later(rng, w.now, t, 5 * MINUTE, DAY);
      d.messages.push({ at: t, from: them, text: one(lang, tolokerThanks(rng, lang)) });
    }
  }
  return settleFlags(rng, w, d, 0.03);
}

/** Toloka's administrator wrote; the requester may have answered. */
export function buildAdmin(rng: Rng, w: World, created: number): Draft {
  const task = pickTask(rng, created);
  const vars = phraseVars(rng, task);
  const a = adminMessage(rng, vars);
  const d: Draft = {
    kind: "admin",
    created,
    topic: a.topic,
    others: [{ ...ADMINISTRATOR }],
    messages: [{ at: created, from: { ...ADMINISTRATOR }, text: a.text }],
    meta: {},
    answerable: a.answerable,
    unread: false,
    important: false,
    recipients: [],
    vars,
  };
  if (a.answerable && rng.chance(0.55) && hasRoom(w, created, 30 * MINUTE)) {
    let t = later(rng, w.now, created, 30 * MINUTE, 2 * DAY);
    d.messages.push({ at: t, from: requester(w), text: { EN: requesterToAdmin(rng) } });
    if (rng.chance(0.5) && hasRoom(w, t, HOUR)) {
      t = later(rng, w.now, t, HOUR, 2 * DAY);
      d.messages.push({ at: t, from: { ...ADMINISTRATOR }, text: { EN: adminFollowUp(rng) } });
    }
  }
  return settleFlags(rng, w, d, 0.25);
}

/** An automatic notification from the platform. */
export function buildNotice(rng: Rng, w: World, created: number): Draft {
  const task = pickTask(rng, created);
  const vars = phraseVars(rng, task);
  const n = notice(rng, vars);
  const meta: ThreadMeta =
    n.meta === "pool" ? { pool_id: task.pool.id, project_id: task.project.id } : n.meta === "project" ? { project_id: task.project.id } : {};
  const age = w.now - created;
  return {
    kind: "notice",
    created,
    topic: n.topic,
    others: [{ ...SYSTEM }],
    messages: [{ at: created, from: { ...SYSTEM }, text: n.text }],
    meta,
    answerable: false,
    // Notices are glanced at and left: only the last few days' are still unread.
    unread: age < 3 * DAY ? rng.chance(0.9) : age < 7 * DAY ? rng.chance(0.4) : false,
    important: rng.chance(0.01),
    recipients: [],
    vars,
  };
}

const FOLDER_ORDER = new Map<Folder, number>(FOLDERS.map((f, i) => [f, i]));

/** The folders a draft is in, per toloka-api.md §2.3. */
function foldersOf(d: Draft): Folder[] {
  const set = new Set<Folder>();
  let inbound = false;
  let outbound = false;
  for (const m of d.messages) {
    if (m.from.role === "REQUESTER") outbound = true;
    else inbound = true;
  }
  if (d.kind === "notice") set.add("AUTOMATIC_NOTIFICATION");
  else if (inbound) set.add("INBOX");
  if (outbound) set.add("OUTBOX");
  if (d.unread) set.add("UNREAD");
  if (d.important) set.add("IMPORTANT");
  return [...set].sort((a, b) => (FOLDER_ORDER.get(a) ?? 0) - (FOLDER_ORDER.get(b) ?? 0));
}

/** The wire thread of a draft whose id (and whose parent's id) has been assigned. */
export function toSeedThread(d: Draft, requesterId: string): SeedThread {
  if (d.id === undefined) throw new Error("draft has no id yet");
  const me: Interlocutor = { id: requesterId, role: "REQUESTER", myself: true };
  const byId = new Map<string, Interlocutor>();
  byId.set(me.id, me);
  for (const o of d.others) if (!byId.has(o.id)) byId.set(o.id, { id: o.id, role: o.role });
  const interlocutors = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const messages = [];
  for (let i = d.messages.length - 1; i >= 0; i--) {
    const m = d.messages[i];
    messages.push({ text: m.text, from: { ...m.from }, created: tolokaDate(new Date(m.at)) });
  }
  const thread: WireThread = {
    id: d.id,
    ...(d.parent?.id !== undefined ? { parent_id: d.parent.id } : {}),
    topic: d.topic,
    interlocutors_inlined: true,
    interlocutors,
    messages_inlined: true,
    messages,
    ...(d.compose ? { compose_details: d.compose } : {}),
    meta: d.meta,
    answerable: d.answerable,
    folders: foldersOf(d),
    created: tolokaDate(new Date(d.created)),
  };
  return { thread, recipients: d.recipients, ...(d.questionKind ? { questionKind: d.questionKind } : {}) };
}

/** Days before `now` the demo mailbox spans. */
export const MAILBOX_DAYS = 120;
/** Durations in milliseconds, shared by the generators. */
export { MINUTE, HOUR, DAY };
