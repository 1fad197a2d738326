import "server-only";
import type { WireThread } from "../toloka/wire";
import { DEFAULT_LIMITS, handleApiRequest, Sleeper, SlidingWindowLimiter, StatsCounter, type ApiContext, type EmulatorLimits, type EmulatorStats } from "./api";
import { handleControlRequest, type ControlContext } from "./control";
import { FaultEngine } from "./faults";
import { fromWebRequest, toWebResponse, type EmulatorRequest, type EmulatorResponse } from "./http";
import { Liveness, type LivenessTiming } from "./liveness";
import { createLivenessContent, generateBulk, generateDemoSeed, type DemoSeedOptions } from "./seeding";
import { EmulatorStore } from "./store";
import { resolveVarietySeed, Variety, type VarietyOption, type VarietyRates } from "./variety";

/** Options of {@link createEmulator}. */
export interface EmulatorOptions {
  /** The emulator's own SQLite file (created when missing; `:memory:` works for throwaway use). */
  dbPath: string;
  /** The credential the API and control endpoints accept, as `ApiKey <token>` or `OAuth <token>`. */
  token: string;
  /** Simulated Toloker answers and new questions; off unless set (tests leave it off). */
  liveness?: boolean;
  /** Seed the demo data when the store is empty (default true). */
  seed?: boolean;
  /** The clock for message times, ids and daily quotas (the per-second quota uses the monotonic clock). */
  now?: () => Date;
  /** Randomness for fault rates, random Tolokers and liveness. */
  random?: () => number;
  /** Overrides of Toloka's quotas, e.g. a small daily DIRECT quota in a test. */
  limits?: Partial<EmulatorLimits>;
  /** Size and seed of the demo data. */
  seedOptions?: DemoSeedOptions;
  /** Liveness timings (tests of liveness shorten them). */
  livenessTiming?: LivenessTiming;
  /**
   * Variety mode (README "Variety mode"): every answer varies within what Toloka's docs allow, from its own
   * seeded PRNG. Omitted: follows `EMULATOR_VARIETY` / `EMULATOR_VARIETY_SEED` (on in every test run); `false`:
   * exact mode whatever the environment says (tests of exact shapes).
   */
  variety?: VarietyOption;
  /** Variety mode's rates (its own tests raise or zero some). */
  varietyRates?: Partial<VarietyRates>;
}

/** A running emulator: the Toloka API, the control API and direct access to its store. */
export interface Emulator {
  /** Serves `/api/v1/<path>` for Next's route handler. */
  handleApi(req: Request, path: string[]): Promise<Response>;
  /** Serves `/emulator/control/<path>`. */
  handleControl(req: Request, path: string[]): Promise<Response>;
  /** The same, without Web Request/Response objects (the node:http adapter uses it). */
  handle(surface: "api" | "control", req: EmulatorRequest): Promise<EmulatorResponse>;
  readonly store: EmulatorStore;
  readonly faults: FaultEngine;
  /** The enforced limits; mutable (the control API's `PUT limits` changes them). */
  readonly limits: EmulatorLimits;
  /** Variety mode's seed and rates, or null in exact mode. */
  readonly variety: Variety | null;
  stats(): EmulatorStats;
  resetStats(): void;
  /** Wipes every thread, Toloker and counter, clears faults and stats, then reseeds unless `seed` is false. */
  reset(opts?: { seed?: boolean }): void;
  /** Adds `count` generated threads (benchmarks), in chunks of one transaction each; `onProgress` after each chunk. */
  seedBulk(count: number, onProgress?: (inserted: number) => void): { inserted: number; ms: number };
  /** Stops liveness, releases held requests and closes the store. */
  close(): void;
}

/**
 * Creates an emulator over its own SQLite store, seeding the demo data into an empty store unless
 * `seed` is false. Several emulators may run in one process (tests), each with its own file.
 */
export function createEmulator(opts: EmulatorOptions): Emulator {
  const now = opts.now ?? (() => new Date());
  const random = opts.random ?? Math.random;
  const seedEnabled = opts.seed !== false;
  const varietySeed = resolveVarietySeed(opts.variety);
  const variety = varietySeed === null ? null : new Variety(varietySeed, opts.varietyRates);
  const store = new EmulatorStore(opts.dbPath, { now, sentUnread: variety !== null });
  const faults = new FaultEngine(random);
  const limits: EmulatorLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const stats = new StatsCounter();
  const limiter = new SlidingWindowLimiter();
  const sleeper = new Sleeper();
  let closed = false;

  const seedDemo = () => store.insertSeed(generateDemoSeed(now(), opts.seedOptions));
  if (seedEnabled && store.isEmpty()) seedDemo();

  const liveness = opts.liveness ? new Liveness(store, random, createLivenessContent(random, now), opts.livenessTiming) : null;
  liveness?.start();

  const api: ApiContext = {
    store,
    faults,
    limits,
    stats,
    limiter,
    sleeper,
    token: opts.token,
    isClosed: () => closed,
    onRequesterWrite: (thread: WireThread) => liveness?.onRequesterWrite(thread),
    variety,
  };

  const emulator: Emulator = {
    store,
    faults,
    limits,
    variety,
    handle(surface, req) {
      return surface === "api" ? handleApiRequest(api, req) : handleControlRequest(control, req);
    },
    async handleApi(req, path) {
      return toWebResponse(await handleApiRequest(api, fromWebRequest(req, path)));
    },
    async handleControl(req, path) {
      return toWebResponse(await handleControlRequest(control, fromWebRequest(req, path)));
    },
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    reset(resetOpts = {}) {
      store.wipe();
      faults.clear();
      stats.reset();
      limiter.reset();
      if (resetOpts.seed ?? seedEnabled) seedDemo();
    },
    seedBulk(count, onProgress) {
      const started = performance.now();
      const inserted = generateBulk(store, count, now(), onProgress);
      return { inserted, ms: Math.round(performance.now() - started) };
    },
    close() {
      if (closed) return;
      closed = true;
      liveness?.stop();
      sleeper.cancelAll();
      store.close();
    },
  };

  const control: ControlContext = {
    store,
    faults,
    limits,
    token: opts.token,
    random,
    stats: emulator.stats,
    resetStats: emulator.resetStats,
    reset: (o) => emulator.reset(o),
    seedBulk: (n) => emulator.seedBulk(n),
  };

  return emulator;
}
