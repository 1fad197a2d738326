import "server-only";
import type { WireThread } from "../toloka/wire";
import type { EmulatorStore } from "./store";

/*
 * Demo liveness: the emulated Tolokers answer some of the requester's messages a few seconds later, and
 * now and then a new question or platform notice arrives, so the product's sync and unread handling can be
 * seen working. Off in tests (they drive the same transitions through the control API instead).
 */

/** A question or notice to deliver: topic and text in Toloka's `{LANG: string}`. */
interface LivenessContent {
  topic: Record<string, string>;
  text: Record<string, string>;
  meta?: { pool_id?: string; project_id?: string; assignment_id?: string };
}

/** Where liveness gets its texts (the seed module's generators in production). */
export interface LivenessContentSource {
  /** A Toloker's new question, in `lang` (the Toloker's first language) when the phrase bank has it. */
  question(lang?: string): LivenessContent;
  notice(): LivenessContent;
  /** A Toloker's answer to the requester. */
  answer(lang?: string): Record<string, string>;
}

/** Timings and odds; tests of liveness itself shorten them. */
export interface LivenessTiming {
  /** Probability that a recipient answers a requester's reply or answerable compose. */
  answerProbability: number;
  answerDelayMs: [number, number];
  ambientDelayMs: [number, number];
  /** Share of ambient events that are Toloker questions (the rest are notices). */
  questionShare: number;
}

const DEFAULT_LIVENESS_TIMING: LivenessTiming = {
  answerProbability: 0.5,
  answerDelayMs: [5_000, 20_000],
  ambientDelayMs: [30_000, 90_000],
  questionShare: 0.8,
};

/** Runs the simulated Tolokers; every timer is unref'd and `stop()` clears them all. */
export class Liveness {
  private timers = new Set<NodeJS.Timeout>();
  private stopped = true;

  constructor(
    private readonly store: EmulatorStore,
    private readonly random: () => number,
    private readonly content: LivenessContentSource,
    private readonly timing: LivenessTiming = DEFAULT_LIVENESS_TIMING,
  ) {}

  private between([lo, hi]: [number, number]): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  private later(ms: number, fn: () => void) {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      try {
        fn();
      } catch (err) {
        // The thread may have changed meanwhile (a reset, a 409); a missed simulated answer is harmless.
        console.warn("[emulator] liveness event skipped:", err instanceof Error ? err.message : err);
      }
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private languageOf(tolokerId: string): string | undefined {
    return this.store.tolokers().byId.get(tolokerId)?.profile.languages[0];
  }

  /** Starts the ambient stream of questions and notices. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.scheduleAmbient();
  }

  private scheduleAmbient() {
    this.later(this.between(this.timing.ambientDelayMs), () => {
      this.scheduleAmbient();
      if (this.random() < this.timing.questionShare) {
        const tolokerId = this.store.randomTolokerId(this.random, true);
        if (!tolokerId) return;
        const q = this.content.question(this.languageOf(tolokerId));
        this.store.tolokerWritesFirst({ tolokerId, topic: q.topic, text: q.text, meta: q.meta });
      } else {
        this.store.notice(this.content.notice());
      }
    });
  }

  /** After the requester composed or replied: maybe one recipient answers, a few seconds later. */
  onRequesterWrite(thread: WireThread): void {
    if (this.stopped || thread.answerable === false) return;
    if (this.random() >= this.timing.answerProbability) return;
    this.later(this.between(this.timing.answerDelayMs), () => {
      const answerers = this.store.answerersOf(thread.id);
      if (answerers.length === 0) return;
      const tolokerId = answerers[Math.floor(this.random() * answerers.length)];
      this.store.tolokerReply({ threadId: thread.id, tolokerId, text: this.content.answer(this.languageOf(tolokerId)) });
    });
  }

  /** Stops every pending timer. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
