import "server-only";
import { createRng, generateBulkThreads, generateNotice, generateSeed, generateTolokerMessage, generateTolokerQuestion } from "./seed";
import type { LivenessContentSource } from "./liveness";
import type { EmulatorStore, SeedData } from "./store";

/*
 * The bridge between the store and the demo-data generator in ./seed (which is pure: no I/O, no clock).
 */

/** Size and seed of the demo data (the generator's defaults: 2,000 Tolokers, 300 threads). */
export interface DemoSeedOptions {
  seed?: number;
  tolokerCount?: number;
  threadCount?: number;
}

/** The demo world as of `now`, for an empty store. */
export function generateDemoSeed(now: Date, opts: DemoSeedOptions = {}): SeedData {
  return generateSeed({ ...opts, now });
}

/** Rows per transaction in bulk seeding: large enough to amortise the commit, small enough to keep memory flat. */
const BULK_CHUNK = 2_000;

/**
 * Inserts `count` generated benchmark threads (about 4.5 messages each, spread over the past year) among the
 * store's Tolokers, one transaction per chunk. Their ids continue the store's counter, so none collides; being
 * dated in the past, they sort among the older threads. Returns how many were inserted.
 */
export function generateBulk(store: EmulatorStore, count: number, now: Date, onProgress?: (inserted: number) => void): number {
  const startCounter = store.nextCounter();
  // A stream per starting counter: a second bulk run adds different threads instead of repeating the first.
  const rng = createRng(`bulk-${startCounter}`);
  let inserted = 0;
  for (const chunk of generateBulkThreads(rng, {
    now,
    count,
    tolokers: store.tolokers().all,
    requesterId: store.requesterId,
    startCounter,
    chunkSize: BULK_CHUNK,
  })) {
    store.insertThreads(chunk);
    inserted += chunk.length;
    onProgress?.(inserted);
  }
  return inserted;
}

/** Texts for liveness from the seed's phrase banks, drawn from a stream seeded by `random`. */
export function createLivenessContent(random: () => number, now: () => Date): LivenessContentSource {
  const rng = createRng(Math.floor(random() * 2 ** 32));
  return {
    question: (lang) => generateTolokerQuestion(rng, lang, now()),
    notice: () => generateNotice(rng, now()),
    answer: (lang) => generateTolokerMessage(rng, lang, now()).text,
  };
}
