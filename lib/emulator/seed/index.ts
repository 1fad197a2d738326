import type { WireSkill } from "@/lib/toloka/wire";
import { createRng } from "./random";
import { buildSkills } from "./skills";
import { generateTolokers, type SeedToloker } from "./tolokers";
import { generateMailbox } from "./threads";
import type { SeedThread } from "./drafts";
import { generateRecords, type SeedRecords } from "./records";
import { ADMINISTRATOR_ID, DEFAULT_SEED, REQUESTER_ID, SYSTEM_ID } from "./constants";

/**
 * The emulator's demo data: what a new user sees on first start, generated deterministically from a
 * seed and a moment. No I/O and no Math.random anywhere; the clock is read only by the run-time message
 * helpers, and only when the caller passes no `now`.
 */

export { createRng } from "./random";
export type { SeedToloker } from "./tolokers";
export {
  generateNotice,
  generateTolokerMessage,
  generateTolokerQuestion,
} from "./threads";
export { THREAD_KINDS, type SeedThread } from "./drafts";
export { generateBulkThreads } from "./bulk";
export type { SeedAssignment, SeedRecords } from "./records";
// Filters are evaluated with lib/filters (evaluateFilter, selectTolokers); regions are its REGIONS and isRegionWithin.
export { ADMINISTRATOR_ID, REQUESTER_ID, SYSTEM_ID } from "./constants";

/** Options of {@link generateSeed}. */
export interface SeedOptions {
  /** Default 20261121. */
  seed?: number;
  /** The moment the data is generated for; with the same seed, the same `now` gives the same data. */
  now: Date;
  /** Default 2000. */
  tolokerCount?: number;
  /** Default 300. */
  threadCount?: number;
}

/** The demo world. Thread ids use `objectId` counters 1..threads.length, in creation order. */
export interface SeedData {
  requesterId: string;
  administratorId: string;
  systemId: string;
  skills: WireSkill[];
  tolokers: SeedToloker[];
  threads: SeedThread[];
  /** Assignments, bonuses and restrictions that go with the threads. */
  records?: SeedRecords;
}

/**
 * The demo data for the emulator: the account's skills, a population of Tolokers and the requester's
 * mailbox, as Toloka would return it at `now`. Same `seed` and `now` give deep-equal output.
 * To add benchmark threads after it, call `generateBulkThreads` with `startCounter: threads.length + 1`.
 */
export function generateSeed({ seed = DEFAULT_SEED, now, tolokerCount = 2000, threadCount = 300 }: SeedOptions): SeedData {
  const root = createRng(seed);
  const skills = buildSkills(REQUESTER_ID);
  // Separate streams: changing the thread count leaves the Toloker population as it was.
  const tolokers = generateTolokers(root.fork("tolokers"), tolokerCount, { now });
  const threads = generateMailbox(root.fork("threads"), {
    now,
    tolokers,
    skills,
    requesterId: REQUESTER_ID,
    count: threadCount,
  });
  const records = generateRecords(root.fork("records"), { now, threads });
  return {
    records,
    requesterId: REQUESTER_ID,
    administratorId: ADMINISTRATOR_ID,
    systemId: SYSTEM_ID,
    skills,
    tolokers,
    threads,
  };
}
