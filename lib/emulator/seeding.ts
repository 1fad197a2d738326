import "server-only";
import { createRng } from "./seed/random";
import { ADMINISTRATOR_ID, DEFAULT_SEED, REQUESTER_ID, SYSTEM_ID } from "./seed/constants";
import { buildSkills } from "./seed/skills";
import { generateTolokers } from "./seed/tolokers";
import type { LivenessContentSource } from "./liveness";
import type { EmulatorStore, SeedData } from "./store";

// INTERIM: until lib/emulator/seed exports generateSeed / generateBulkThreads / generateTolokerQuestion /
// generateNotice, this bridge builds a minimal world from the parts that exist.

/** Size and seed of the demo data. */
export interface DemoSeedOptions {
  seed?: number;
  tolokerCount?: number;
  threadCount?: number;
}

/** The demo world for an empty store. */
export function generateDemoSeed(now: Date, opts: DemoSeedOptions = {}): SeedData {
  const rng = createRng(opts.seed ?? DEFAULT_SEED);
  return {
    requesterId: REQUESTER_ID,
    administratorId: ADMINISTRATOR_ID,
    systemId: SYSTEM_ID,
    skills: buildSkills(REQUESTER_ID),
    tolokers: generateTolokers(rng, opts.tolokerCount ?? 2000, { now }),
    threads: [],
  };
}

/** Inserts `count` generated threads; returns how many. */
export function generateBulk(store: EmulatorStore, count: number, now: Date): number {
  void store;
  void count;
  void now;
  return 0;
}

/** Texts for liveness. */
export function createLivenessContent(random: () => number): LivenessContentSource {
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  return {
    question: () => ({ topic: { EN: "Question about a task" }, text: { EN: pick(["Why was my answer rejected?", "Is the pool open?"]) } }),
    notice: () => ({ topic: { EN: "Pool closed" }, text: { EN: "Your pool was closed automatically." } }),
    answer: () => ({ EN: pick(["Thank you!", "Got it, thanks."]) }),
  };
}
