import { objectId } from "@/lib/emulator/ids";
import type { Rng } from "./random";
import type { SeedToloker } from "./tolokers";
import {
  DAY,
  buildAdmin,
  buildDirect,
  buildMass,
  buildNotice,
  buildQuestion,
  buildReply,
  makeWorld,
  startOfUtcDay,
  toSeedThread,
  type Draft,
  type LengthProfile,
  type SeedThread,
  type ThreadKind,
} from "./drafts";

/** Options of {@link generateBulkThreads}. */
export interface GenerateBulkOptions {
  /** Every date is before it. */
  now: Date;
  /** Number of threads in total. */
  count: number;
  tolokers: readonly SeedToloker[];
  requesterId: string;
  /** First `objectId` counter: past the counters already used (e.g. the demo mailbox's). */
  startCounter: number;
  /** Days before `now` the threads span. Default 365. */
  spanDays?: number;
  /** Threads per yielded chunk. Default 1000. */
  chunkSize?: number;
}

// Benchmark mailboxes hold long-running conversations: about 4.5 messages a thread on average.
const BULK_LENGTHS: LengthProfile = {
  answered: [
    [2, 0.08],
    [3, 0.09],
    [4, 0.1],
    [5, 0.11],
    [6, 0.11],
    [7, 0.1],
    [8, 0.1],
    [10, 0.11],
    [12, 0.09],
    [16, 0.07],
    [22, 0.05],
  ],
  direct: [
    [2, 0.3],
    [3, 0.25],
    [4, 0.2],
    [6, 0.15],
    [8, 0.1],
  ],
  reply: [
    [1, 0.3],
    [2, 0.25],
    [3, 0.2],
    [4, 0.15],
    [6, 0.1],
  ],
  chaser: 0.3,
  directAnswered: 0.6,
};

const MIX: readonly (readonly [ThreadKind, number])[] = [
  ["question", 0.11],
  ["answered", 0.47],
  ["direct", 0.11],
  ["mass-direct", 0.015],
  ["mass-filter", 0.012],
  ["mass-all", 0.004],
  ["admin", 0.03],
  ["notice", 0.15],
];

/**
 * Benchmark threads, yielded in creation order in chunks of `chunkSize`: the same kinds and phrasing
 * as the demo mailbox, spread evenly over `spanDays`, with longer conversations (about 4.5 messages a
 * thread). Replies to sends to many follow their parent closely, as child threads. Only one chunk and
 * the pending replies of the latest sends are held at a time, so 100,000 threads need little memory.
 */
export function* generateBulkThreads(rng: Rng, opts: GenerateBulkOptions): Generator<SeedThread[]> {
  const now = opts.now.getTime();
  const chunkSize = Math.max(1, opts.chunkSize ?? 1000);
  const span = (opts.spanDays ?? 365) * DAY;
  const w = makeWorld(now, opts.requesterId, opts.tolokers, BULK_LENGTHS);
  if (w.workers.length === 0 || opts.count <= 0) return;
  const byId = new Map(opts.tolokers.map((t) => [t.id, t]));

  // Slots are evenly spaced with jitter inside each slot, so times strictly follow the slot order
  // and ids (time + counter) sort exactly like creation times.
  const step = span / opts.count;
  const today = startOfUtcDay(now);
  const start = now - span - 60_000;
  const pending: { parent: Draft; tolokerId: string }[] = [];
  let chunk: SeedThread[] = [];

  for (let i = 0; i < opts.count; i++) {
    const at = Math.floor(start + (i + rng.float(0.02, 0.98)) * step);
    let d: Draft | undefined;
    const next = pending.shift();
    if (next) {
      const toloker = byId.get(next.tolokerId);
      if (toloker) d = buildReply(rng, w, next.parent, toloker, at);
    }
    if (!d) {
      const kind = rng.weighted(MIX);
      switch (kind) {
        case "question":
          d = buildQuestion(rng, w, at, { answered: false });
          break;
        case "answered":
          d = buildQuestion(rng, w, at, { answered: true });
          break;
        case "direct":
          d = buildDirect(rng, w, at);
          break;
        case "mass-direct":
        case "mass-filter":
        case "mass-all": {
          // A send to all today would use up the day's one (see generateMailbox): today's are by filter instead.
          const type = kind === "mass-direct" ? "DIRECT" : kind === "mass-filter" || at >= today ? "FILTER" : "ALL";
          d = buildMass(rng, w, at, type) ?? buildMass(rng, w, at, "DIRECT");
          if (d?.answerable) {
            const replies = Math.min(d.recipients.length, rng.int(2, type === "DIRECT" ? 6 : 12));
            for (const id of rng.sample(d.recipients, replies)) pending.push({ parent: d, tolokerId: id });
          }
          break;
        }
        case "admin":
          d = buildAdmin(rng, w, at);
          break;
        default:
          d = buildNotice(rng, w, at);
      }
    }
    if (!d) continue;
    d.id = objectId(new Date(d.created), opts.startCounter + i);
    chunk.push(toSeedThread(d, opts.requesterId));
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
