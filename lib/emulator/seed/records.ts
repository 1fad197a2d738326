import type { LocalizedText } from "@/lib/toloka/wire";
import { PROJECTS } from "./catalog";
import type { SeedThread } from "./drafts";
import type { Rng } from "./random";

/*
 * The records that go with the demo mailbox: the assignments its threads name (an appeal's is REJECTED, in time
 * or past Toloka's nine days), more assignments of the same Tolokers in the same pools, the bonuses some of them
 * were paid and the restrictions some of them are under. Pure: derived from the threads, a seed and `now`.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An assignment (task suite response) as the emulator stores it. */
export interface SeedAssignment {
  id: string;
  poolId: string;
  userId: string;
  status: "SUBMITTED" | "ACCEPTED" | "REJECTED";
  rewardMills: number;
  createdMs: number;
  submittedMs: number;
  acceptedMs?: number;
  rejectedMs?: number;
  publicComment?: string;
  tasks: { id: string; input_values: Record<string, string> }[];
  solutions: { output_values: Record<string, string> }[];
}

interface SeedRestriction {
  userId: string;
  scope: "ALL_PROJECTS" | "PROJECT" | "POOL";
  projectId?: string;
  poolId?: string;
  privateComment?: string;
  willExpireMs?: number;
  createdMs: number;
}

interface SeedBonus {
  userId: string;
  mills: number;
  publicTitle: LocalizedText;
  publicMessage: LocalizedText;
  privateComment?: string;
  assignmentId?: string;
  createdMs: number;
}

export interface SeedRecords {
  assignments: SeedAssignment[];
  restrictions: SeedRestriction[];
  bonuses: SeedBonus[];
}

const POOLS = new Map(PROJECTS.flatMap((p) => p.pools.map((pool) => [pool.id, { project: p, pool }] as const)));

/** What a project's tasks ask and what Tolokers answer, so an assignment reads like one. */
const TASK_SHAPES: Record<string, { input: string; values: readonly string[]; output: string; labels: readonly string[] }> = {
  "128460": {
    input: "query",
    values: ["cheap flights istanbul", "how to fix a leaking tap", "best running shoes 2026", "weather tomorrow kazan"],
    output: "relevance",
    labels: ["RELEVANT", "PARTIALLY_RELEVANT", "IRRELEVANT"],
  },
  "131902": { input: "image", values: ["https://example.com/photos/1.jpg", "https://example.com/photos/2.jpg"], output: "verdict", labels: ["OK", "BAD"] },
  "133517": {
    input: "audio",
    values: ["https://example.com/audio/1.wav", "https://example.com/audio/2.wav"],
    output: "transcript",
    labels: ["да, слушаю", "повторите, пожалуйста"],
  },
  "135004": { input: "left", values: ["https://example.com/sbs/a.jpg", "https://example.com/sbs/b.jpg"], output: "choice", labels: ["left", "right"] },
  "137811": {
    input: "title",
    values: ["Garden hose 15 m", "USB-C cable 2 m", "Ceramic mug"],
    output: "category",
    labels: ["home_garden", "electronics", "kitchen"],
  },
  "139250": { input: "source", values: ["Add to cart", "Free shipping on orders over $50"], output: "quality", labels: ["GOOD", "MINOR_ERRORS", "BAD"] },
};

function assignmentIdFor(rng: Rng, poolId: string, createdMs: number): string {
  return `${Number(poolId).toString(16).padStart(10, "0")}--${Math.floor(createdMs / 1000)
    .toString(16)
    .padStart(8, "0")}${rng.hex(16)}`;
}

function makeAssignment(
  rng: Rng,
  a: { id?: string; poolId: string; userId: string; status: SeedAssignment["status"]; submittedMs: number; decidedMs?: number; comment?: string },
): SeedAssignment {
  const project = POOLS.get(a.poolId)?.project.id ?? "128460";
  const shape = TASK_SHAPES[project] ?? TASK_SHAPES["128460"];
  const createdMs = a.submittedMs - rng.int(2, 25) * MINUTE;
  const n = rng.int(1, 3);
  const tasks = Array.from({ length: n }, () => ({
    id: `${Number(a.poolId).toString(16).padStart(10, "0")}--${rng.hex(24)}`,
    input_values: { [shape.input]: rng.pick(shape.values) },
  }));
  const solutions = tasks.map(() => ({ output_values: { [shape.output]: rng.pick(shape.labels) } }));
  return {
    id: a.id ?? assignmentIdFor(rng, a.poolId, createdMs),
    poolId: a.poolId,
    userId: a.userId,
    status: a.status,
    rewardMills: rng.pick([10, 20, 30, 50, 80]),
    createdMs,
    submittedMs: a.submittedMs,
    ...(a.status === "ACCEPTED" ? { acceptedMs: a.decidedMs ?? a.submittedMs + rng.int(1, 48) * HOUR } : {}),
    ...(a.status === "REJECTED" ? { rejectedMs: a.decidedMs ?? a.submittedMs + rng.int(1, 48) * HOUR } : {}),
    ...(a.comment ? { publicComment: a.comment } : {}),
    tasks,
    solutions,
  };
}

const REJECTION_COMMENTS = [
  "Wrong answers on control tasks",
  "The answers do not follow the instructions",
  "Too fast: the tasks were not read",
  "Several obvious mistakes, see the instructions, section 3",
];

const BONUS_TEXTS: readonly { title: string; message: string }[] = [
  { title: "Thank you for the careful work", message: "Your answers this week were among the most accurate. Thank you!" },
  { title: "Bonus for accurate answers", message: "A bonus for the high share of correct answers on control tasks." },
  { title: "Appeal: compensation", message: "We rechecked your assignment and are paying you for the trouble." },
  { title: "Exam pool bonus", message: "Thank you for passing the exam pool. More tasks are coming soon." },
];

const userOf = (t: SeedThread) => t.thread.interlocutors?.find((i) => i.role === "USER")?.id;
const createdOf = (t: SeedThread) => Date.parse(`${t.thread.created}Z`);

/**
 * The records for `threads` as of `now`. Among the appeals, the newest is rejected seven and a half days before
 * `now` (a day or two left to answer it) and the next one eleven days before (overdue), so the demo always shows
 * both; the others fall where their threads do.
 */
export function generateRecords(rng: Rng, opts: { now: Date; threads: readonly SeedThread[] }): SeedRecords {
  const now = opts.now.getTime();
  const assignments: SeedAssignment[] = [];
  const restrictions: SeedRestriction[] = [];
  const bonuses: SeedBonus[] = [];
  const seen = new Set<string>();
  const people = new Map<string, { poolIds: Set<string>; firstMs: number }>();

  const appeals = opts.threads
    .filter((t) => t.questionKind === "appeal" && t.thread.meta?.assignment_id && userOf(t))
    .sort((a, b) => createdOf(b) - createdOf(a));
  const forced = new Map<string, number>();
  if (appeals[0]) forced.set(appeals[0].thread.id, now - 7.5 * DAY);
  if (appeals[1]) forced.set(appeals[1].thread.id, now - 11 * DAY);

  for (const t of opts.threads) {
    const userId = userOf(t) ?? (t.thread.compose_details?.recipients_select_type === "DIRECT" ? t.recipients[0] : undefined);
    if (!userId) continue;
    const created = createdOf(t);
    const person = people.get(userId) ?? { poolIds: new Set<string>(), firstMs: created };
    person.firstMs = Math.min(person.firstMs, created);
    people.set(userId, person);
    const meta = t.thread.meta ?? {};
    const poolId = meta.pool_id && POOLS.has(meta.pool_id) ? meta.pool_id : undefined;
    if (poolId) person.poolIds.add(poolId);
    const named = meta.assignment_id;
    if (named && poolId && !seen.has(named)) {
      seen.add(named);
      if (t.questionKind === "appeal") {
        const rejectedMs = Math.min(forced.get(t.thread.id) ?? created - rng.int(1, 48) * HOUR, created - HOUR);
        // A third of the answered appeals were accepted when the requester answered (in Toloka, not here).
        const answer = t.thread.messages?.find((m) => m.from.role === "REQUESTER");
        const acceptedLater = answer !== undefined && !forced.has(t.thread.id) && rng.chance(0.35);
        const a = makeAssignment(rng, {
          id: named,
          poolId,
          userId,
          status: "REJECTED",
          submittedMs: rejectedMs - rng.int(1, 30) * HOUR,
          decidedMs: rejectedMs,
          comment: rng.pick(REJECTION_COMMENTS),
        });
        if (acceptedLater) {
          a.status = "ACCEPTED";
          a.acceptedMs = Date.parse(`${answer.created}Z`);
          a.publicComment = "Rechecked after your appeal: accepted";
        }
        assignments.push(a);
      } else {
        const submittedMs = created - rng.int(10, 600) * MINUTE;
        const status = now - submittedMs < 2 * DAY && rng.chance(0.5) ? "SUBMITTED" : "ACCEPTED";
        assignments.push(makeAssignment(rng, { id: named, poolId, userId, status, submittedMs }));
      }
    }
    if (t.questionKind === "blocked") {
      const scopeRoll = rng.next();
      const pool = poolId ?? rng.pick(rng.pick(PROJECTS).pools).id;
      restrictions.push({
        userId,
        ...(scopeRoll < 0.7 ? { scope: "POOL", poolId: pool } : { scope: "PROJECT", projectId: POOLS.get(pool)!.project.id }),
        privateComment: rng.pick(["Fast responses", "Captcha failed too often", "Control tasks below 60%"]),
        createdMs: created - rng.int(1, 12) * HOUR,
        ...(rng.chance(0.7) ? { willExpireMs: now + rng.int(1, 14) * DAY } : {}),
      });
    }
  }

  // The rest of each Toloker's record: earlier assignments in the pools their threads name.
  for (const [userId, person] of people) {
    for (const poolId of person.poolIds) {
      const n = rng.int(1, 5);
      for (let i = 0; i < n; i++) {
        const submittedMs = person.firstMs - rng.int(1, 30 * 24) * HOUR;
        const rejected = rng.chance(0.12);
        assignments.push(
          makeAssignment(rng, {
            poolId,
            userId,
            status: rejected ? "REJECTED" : "ACCEPTED",
            submittedMs,
            ...(rejected ? { comment: rng.pick(REJECTION_COMMENTS) } : {}),
          }),
        );
      }
    }
  }

  const ids = [...people.keys()].sort();
  for (const userId of ids) {
    if (rng.chance(0.3)) {
      const own = assignments.filter((a) => a.userId === userId && a.status === "ACCEPTED");
      const n = rng.int(1, 4);
      for (let i = 0; i < n; i++) {
        const text = rng.pick(BONUS_TEXTS);
        const on = own.length > 0 && rng.chance(0.4) ? rng.pick(own) : undefined;
        bonuses.push({
          userId,
          mills: rng.pick([100, 250, 500, 750, 1000, 2000, 5000]),
          publicTitle: { EN: text.title },
          publicMessage: { EN: text.message },
          ...(rng.chance(0.5) ? { privateComment: rng.pick(["Weekly quality bonus", "Top 5% on control tasks", "Appeal compensation"]) } : {}),
          ...(on ? { assignmentId: on.id } : {}),
          createdMs: now - rng.int(1, 90 * 24) * HOUR,
        });
      }
    }
    if (rng.chance(0.02)) {
      restrictions.push({
        userId,
        scope: "ALL_PROJECTS",
        privateComment: "Duplicate accounts suspected",
        createdMs: now - rng.int(1, 60) * DAY,
      });
    }
  }
  bonuses.sort((a, b) => a.createdMs - b.createdMs);
  restrictions.sort((a, b) => a.createdMs - b.createdMs);
  return { assignments, restrictions, bonuses };
}
