import type { LocalizedText, ThreadMeta, WireSkill } from "@/lib/toloka/wire";
import { objectId } from "@/lib/emulator/ids";
import type { Rng } from "./random";
import type { SeedToloker } from "./tolokers";
import { pickTask } from "./catalog";
import {
  DAY,
  HOUR,
  MAILBOX_DAYS,
  MINUTE,
  buildAdmin,
  buildDirect,
  buildMass,
  buildNotice,
  buildQuestion,
  buildReply,
  later,
  makeWorld,
  recentTime,
  startOfUtcDay,
  toSeedThread,
  type Draft,
  type LengthProfile,
  type SeedThread,
  type ThreadKind,
} from "./drafts";
import {
  MASS_COMPOSE_KINDS,
  MESSAGE_LANGS,
  QUESTION_KINDS,
  massReply,
  notice,
  phraseVars,
  tolokerChaser,
  tolokerFollowUp,
  tolokerQuestion,
  type MessageLang,
} from "./phrases";

export { THREAD_KINDS, type SeedThread } from "./drafts";
export { ADMINISTRATOR_ID, REQUESTER_ID, SYSTEM_ID } from "./constants";

/** Options of {@link generateMailbox}. */
export interface GenerateMailboxOptions {
  /** The moment the mailbox is seen; every date is before it, the newest within its last hour. */
  now: Date;
  tolokers: readonly SeedToloker[];
  /** The account's skills; recipient filters only use skills listed here. */
  skills: readonly WireSkill[];
  requesterId: string;
  /** Number of threads (exactly, when there are Tolokers to write). Default 300. */
  count?: number;
  /** First counter for `objectId`; counters run consecutively in creation order. Default 1. */
  startCounter?: number;
}

// The demo mailbox keeps conversations short enough to read at a glance.
const MAILBOX_LENGTHS: LengthProfile = {
  answered: [
    [2, 0.4],
    [3, 0.28],
    [4, 0.18],
    [5, 0.09],
    [6, 0.05],
  ],
  direct: [
    [2, 0.55],
    [3, 0.3],
    [4, 0.15],
  ],
  reply: [
    [1, 0.55],
    [2, 0.3],
    [3, 0.15],
  ],
  chaser: 0.2,
  directAnswered: 0.5,
};

/** Shares of the thread kinds that are not replies to mass sends. */
const PRIMARY_MIX: readonly (readonly [ThreadKind, number])[] = [
  ["question", 0.24],
  ["answered", 0.27],
  ["direct", 0.11],
  ["admin", 0.05],
  ["notice", 0.17],
];

/** Splits `total` by `weights` into integers that sum to `total` (largest remainder). */
function apportion(total: number, weights: readonly number[], minimum: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const base = weights.map((w) => Math.max(minimum, Math.floor((total * w) / sum)));
  let left = total - base.reduce((a, b) => a + b, 0);
  const order = weights.map((w, i) => [i, (total * w) / sum - Math.floor((total * w) / sum)] as const).sort((a, b) => b[1] - a[1]);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) base[order[j][0]]++;
  // The minimums can overshoot a tiny total; take back from the largest shares.
  for (let j = 0; left < 0 && j < 10 * base.length; j++) {
    const i = base.indexOf(Math.max(...base));
    base[i]--;
    left++;
  }
  return base;
}

/**
 * The demo requester's mailbox: `count` threads over the last ~120 days, denser towards `now`, the
 * newest within its last hour. Mixes Tolokers' questions (a third unread), answered conversations,
 * direct messages, sends to many (DIRECT lists, FILTER, ALL) with their replies split into child
 * threads, administrator messages and system notifications, in EN, RU, TR, ES, ID, FR and DE.
 * Ids come from `objectId(created, counter)` with counters consecutive in creation order.
 */
export function generateMailbox(rng: Rng, opts: GenerateMailboxOptions): SeedThread[] {
  const now = opts.now.getTime();
  const count = opts.count ?? 300;
  const known = new Set(opts.skills.map((s) => s.id));
  const w = makeWorld(now, opts.requesterId, opts.tolokers, MAILBOX_LENGTHS, known);
  if (w.workers.length === 0 || count <= 0) return [];
  const byId = new Map(opts.tolokers.map((t) => [t.id, t]));
  const drafts: Draft[] = [];

  // Sends to many come first: the number of replies they can receive bounds the reply threads.
  const atLeastOne = (x: number) => (count >= 40 ? Math.max(1, x) : x);
  const masses: Draft[] = [];
  const massAt = () => recentTime(rng, now, MAILBOX_DAYS, 6 * HOUR);
  const nList = atLeastOne(Math.round(count * 0.03));
  const nFilter = atLeastOne(Math.round(count * 0.025));
  const nAll = atLeastOne(Math.round(count * 0.015));
  for (let i = 0; i < nList; i++) {
    // The first list send is a "new tasks" announcement: it carries a requester's HTML link.
    const d = buildMass(rng, w, massAt(), "DIRECT", i === 0 ? { kind: "new-tasks", answerable: true } : {});
    if (d) masses.push(d);
  }
  for (let i = 0; i < nFilter; i++) {
    const at = massAt();
    const d = buildMass(rng, w, at, "FILTER", i === 0 ? { answerable: true } : {}) ?? buildMass(rng, w, at, "DIRECT");
    if (d) masses.push(d);
  }
  // Sends to all are from before today (UTC): Toloka allows one a day, and a seeded one today would make the demo's
  // first send to all look already used ("allSentToday"). The same draws as massAt, so the rest of the world is unchanged.
  const allAt = () => recentTime(rng, now, MAILBOX_DAYS, Math.max(6 * HOUR, now - startOfUtcDay(now) + HOUR));
  for (let i = 0; i < nAll; i++) {
    const d = buildMass(rng, w, allAt(), "ALL", i === 0 ? { answerable: true, kind: "new-tasks" } : {});
    if (d) masses.push(d);
  }
  drafts.push(...masses);

  const nReplies = Math.min(Math.round(count * 0.12), Math.max(0, count - drafts.length));
  const open = masses.filter((m) => m.answerable).map((m) => ({ mass: m, left: m.recipients.slice() }));
  for (let r = 0; r < nReplies; r++) {
    const candidates = open.filter((o) => o.left.length > 0);
    if (candidates.length === 0) break;
    // Bigger audiences get more replies, but not proportionally more.
    const o = rng.weighted(candidates.map((c) => [c, Math.sqrt(c.mass.recipients.length)] as const));
    const idx = rng.int(0, o.left.length - 1);
    const tolokerId = o.left[idx];
    o.left.splice(idx, 1);
    const toloker = byId.get(tolokerId);
    if (!toloker) continue;
    const at = later(rng, now, o.mass.created, 10 * MINUTE, 3 * DAY);
    drafts.push(buildReply(rng, w, o.mass, toloker, at));
  }

  const rest = Math.max(0, count - drafts.length);
  const shares = apportion(
    rest,
    PRIMARY_MIX.map(([, p]) => p),
    rest >= PRIMARY_MIX.length * 3 ? 1 : 0,
  );
  PRIMARY_MIX.forEach(([kind], k) => {
    for (let i = 0; i < shares[k]; i++) {
      let at = recentTime(rng, now, MAILBOX_DAYS, 2 * MINUTE);
      let d: Draft;
      switch (kind) {
        case "question":
          if (i === 0) {
            // The newest thread of the mailbox: an unread question from the last hour.
            at = now - rng.int(3, 50) * MINUTE - rng.int(0, 59_999);
            d = buildQuestion(rng, w, at, { answered: false });
            d.unread = true;
          } else if (i === 1) {
            // A Toloker quoting text with <, & and quotes: it must be shown escaped, not as markup.
            d = buildQuestion(rng, w, at, { answered: false, kind: "control", marker: "laptop < 500$" });
          } else if (i === 2) {
            d = buildQuestion(rng, w, at, { answered: true, kind: "broken", marker: "Screenshot: http" });
          } else {
            d = buildQuestion(rng, w, at, { answered: false });
          }
          break;
        case "answered":
          d = buildQuestion(rng, w, at, { answered: true, kind: i === 0 ? "appeal" : undefined });
          break;
        case "direct":
          d = buildDirect(rng, w, at);
          break;
        case "admin":
          d = buildAdmin(rng, w, at);
          break;
        default:
          if (i === 0) at = now - rng.int(5, 55) * MINUTE;
          d = buildNotice(rng, w, at);
          if (i === 0) d.unread = true;
      }
      drafts.push(d);
    }
  });

  // Stable sort: counters follow creation order, so string order of ids is creation order.
  drafts.sort((a, b) => a.created - b.created);
  const start = opts.startCounter ?? 1;
  drafts.forEach((d, i) => {
    d.id = objectId(new Date(d.created), start + i);
  });
  return drafts.map((d) => toSeedThread(d, opts.requesterId));
}

// ---------------------------------------------------------------------------------------------------
// Run-time messages for the emulator's liveness feature.

/** A new inbound message: what the emulator needs to add a thread or a message. */
export interface GeneratedMessage {
  topic: LocalizedText;
  text: LocalizedText;
  meta?: ThreadMeta;
}

const LIVE_LANGS: readonly (readonly [MessageLang, number])[] = [
  ["EN", 0.55],
  ["RU", 0.18],
  ["TR", 0.08],
  ["ES", 0.06],
  ["ID", 0.06],
  ["FR", 0.035],
  ["DE", 0.035],
];

const SHORT_TOPICS: Record<MessageLang, readonly string[]> = {
  EN: ["Re: your message", "Question", "About the tasks"],
  RU: ["Вопрос", "По заданиям"],
  TR: ["Soru", "Görevler hakkında"],
  ES: ["Pregunta", "Sobre las tareas"],
  ID: ["Pertanyaan", "Tentang tugas"],
  FR: ["Question", "À propos des tâches"],
  DE: ["Frage", "Zu den Aufgaben"],
};

function liveLang(rng: Rng, lang: string | undefined): MessageLang {
  const upper = lang?.toUpperCase();
  if (upper && (MESSAGE_LANGS as readonly string[]).includes(upper)) return upper as MessageLang;
  return rng.weighted(LIVE_LANGS);
}

/**
 * A short Toloker message for an existing conversation: a follow-up, a nudge or a reaction to a send
 * to many. In `lang` when the bank knows it (e.g. the Toloker's language), else a likely language.
 * `now` only dates the assignment ids mentioned in the text.
 */
export function generateTolokerMessage(rng: Rng, lang?: string, now: Date = new Date()): GeneratedMessage {
  const l = liveLang(rng, lang);
  const vars = phraseVars(rng, pickTask(rng, now.getTime()));
  const which = rng.weighted([
    ["follow-up", 0.5],
    ["chaser", 0.2],
    ["reaction", 0.3],
  ] as const);
  const text =
    which === "follow-up"
      ? tolokerFollowUp(rng, l, vars, rng.pick(QUESTION_KINDS))
      : which === "chaser"
        ? tolokerChaser(rng, l, vars)
        : massReply(rng, l, vars, rng.pick(MASS_COMPOSE_KINDS)).text;
  return { topic: { [l]: rng.pick(SHORT_TOPICS[l]) }, text: { [l]: text } };
}

/**
 * A Toloker's new question (a new thread): instructions, payment, appeals naming an assignment,
 * bonuses, broken task pages, blocks, exams, thanks. Carries `meta` when Toloka would attach the task.
 */
export function generateTolokerQuestion(rng: Rng, lang?: string, now: Date = new Date()): GeneratedMessage {
  const l = liveLang(rng, lang);
  const task = pickTask(rng, now.getTime());
  const q = tolokerQuestion(rng, l, phraseVars(rng, task));
  const out: GeneratedMessage = { topic: { [q.lang]: q.topic }, text: { [q.lang]: q.text } };
  if (q.kind === "appeal") out.meta = { pool_id: task.pool.id, project_id: task.project.id, assignment_id: task.assignmentId };
  else if (q.withMeta) out.meta = { pool_id: task.pool.id, project_id: task.project.id };
  return out;
}

/** A platform notice (pool closed or completed, balance low, project archived...), with its `meta`. */
export function generateNotice(rng: Rng, now: Date = new Date()): GeneratedMessage {
  const task = pickTask(rng, now.getTime());
  const n = notice(rng, phraseVars(rng, task));
  const out: GeneratedMessage = { topic: n.topic, text: n.text };
  if (n.meta === "pool") out.meta = { pool_id: task.pool.id, project_id: task.project.id };
  else if (n.meta === "project") out.meta = { project_id: task.project.id };
  return out;
}
