import "server-only";
import crypto from "node:crypto";
import type { JobItemRecord, JobRecord, Store } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { JobDto } from "@/lib/schemas/jobs";
import { hasRole, type Role } from "@/lib/schemas/roles";

/** What an item's handler reports: done (with an optional result to keep) or a failure in words. */
export type ItemOutcome = { status: "done"; result?: unknown } | { status: "failed"; error: string; result?: unknown };

/**
 * One kind of job. `run` does one item; `settle` decides, after a restart, whether an item that was
 * running when the process stopped took effect ("done"), did not ("pending", so it runs again), or failed.
 * Kinds whose items are safe to repeat settle to "pending"; compose settles by looking in OUTBOX.
 */
export interface JobKind<P> {
  concurrency: number;
  /** What people call a job of this kind in a message ("send"); "job" without it. */
  noun?: string;
  /** Does one item; `attempt` is its claimed row (`attempts` counts this try, so above 1 it was tried before). */
  run(item: P, job: JobRecord, attempt: JobItemRecord): Promise<ItemOutcome>;
  settle(item: P, attempt: JobItemRecord, job: JobRecord): Promise<ItemOutcome | "pending">;
  /** Called once the job's worker has done every item (again after a retry of the failed ones). */
  onFinish?(job: JobRecord): void | Promise<void>;
  /** What this kind adds to a job's progress for the page (a send: who it goes to and every batch). */
  describe?(job: JobRecord): Partial<JobDto>;
  /**
   * Runs the job's failed items again this kind's way, and says how many went back in the queue; without it, every
   * failed item does (see {@link JobRunner.retryFailed}).
   */
  retry?(job: JobRecord): number;
}

/**
 * Durable jobs: each job and its items live in the store; a worker per job runs items with bounded
 * concurrency (every Toloka call also passes the client's shared rate limiter). Started again after a
 * restart, it settles what was in flight, then carries on, so no item is done twice or skipped.
 */
export class JobRunner {
  private readonly kinds = new Map<string, JobKind<never>>();
  private readonly active = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly store: Store) {}

  register<P>(name: string, kind: JobKind<P>): void {
    this.kinds.set(name, kind as JobKind<never>);
  }

  /** Creates a job with its items and starts it. */
  enqueue<P>(kind: string, params: unknown, items: P[], createdBy: string): JobRecord {
    if (!this.kinds.has(kind)) throw new Error(`Unknown job kind ${kind}`);
    const job = this.store.jobs.create({ id: crypto.randomUUID(), kind, createdBy, params }, items);
    if (items.length === 0) this.store.jobs.setStatus(job.id, "done");
    else this.start(job.id);
    return this.store.jobs.get(job.id)!;
  }

  /** Resumes every unfinished job (call once at start). */
  resumeAll(): void {
    for (const job of this.store.jobs.unfinished()) this.start(job.id);
  }

  /**
   * A job that `by` may act on: only the member who started it or an admin may (a retried send goes out again
   * under its author's name, which another sender must not decide for them). `action` says what, for the refusal.
   */
  owned(jobId: string, by: { id: string; role: Role }, action: string): JobRecord {
    const job = this.store.jobs.get(jobId);
    if (!job) throw new AppError("NOT_FOUND", "There is no such job.");
    if (job.createdBy !== by.id && !hasRole(by.role, "admin")) {
      const noun = this.kinds.get(job.kind)?.noun ?? "job";
      throw new AppError("FORBIDDEN", `Only the member who started this ${noun}, or an admin, may ${action}.`);
    }
    return job;
  }

  /**
   * "Retry the failed ones" for `by` (see {@link owned}), as the job's kind does it; says how many items went back
   * in the queue, and is a conflict when none failed.
   */
  retry(jobId: string, by: { id: string; role: Role }): number {
    const job = this.owned(jobId, by, "retry it");
    const kind = this.kinds.get(job.kind);
    if (kind?.retry) return kind.retry(job);
    if (job.failed === 0) throw new AppError("CONFLICT", "No item of this job failed.");
    return this.retryFailed(jobId);
  }

  /** A job's progress: its counts and first failures, and what its kind adds. */
  describe(id: string): JobDto | null {
    const job = this.store.jobs.get(id);
    if (!job) return null;
    const failures = job.failed > 0 ? this.store.jobs.items(id, { status: "failed", limit: 20 }) : [];
    return {
      id: job.id,
      kind: job.kind,
      status: job.status,
      total: job.total,
      done: job.done,
      failed: job.failed,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      failures: failures.map((f) => ({ item: f.payload, error: f.error ?? "failed" })),
      ...this.kinds.get(job.kind)?.describe?.(job),
    };
  }

  /** Puts a job's failed items (less those in `except`) back in the queue and runs them again. */
  retryFailed(jobId: string, except?: readonly number[]): number {
    const n = this.store.jobs.requeueFailed(jobId, except);
    if (n > 0) this.start(jobId);
    return n;
  }

  /** Runs one failed item again, carrying `result` into its next run; false when it had not failed. */
  retryItem(jobId: string, seq: number, result: unknown): boolean {
    const ok = this.store.jobs.requeueItem(jobId, seq, result);
    if (ok) this.start(jobId);
    return ok;
  }

  /** Resolves when the job's worker (if any) has stopped. */
  async idle(jobId: string): Promise<void> {
    await this.active.get(jobId);
  }

  /** Stops taking new items; items in flight finish. For tests and shutdown. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.active.values()]);
  }

  private start(jobId: string): void {
    if (this.active.has(jobId) || this.stopped) return;
    const work = this.work(jobId)
      .catch((error) => {
        console.error(`[jobs] job ${jobId} stopped`, error);
        this.store.jobs.setStatus(jobId, "failed", error instanceof Error ? error.message : String(error));
      })
      .finally(() => this.active.delete(jobId));
    this.active.set(jobId, work);
  }

  private async work(jobId: string): Promise<void> {
    const job = this.store.jobs.get(jobId);
    if (!job) return;
    const kind = this.kinds.get(job.kind);
    if (!kind) throw new Error(`No handler for job kind ${job.kind}`);
    this.store.jobs.setStatus(jobId, "running");

    for (const item of this.store.jobs.interrupted(jobId)) {
      const outcome = await kind.settle(item.payload as never, item, job);
      if (outcome === "pending") this.store.jobs.requeue(jobId, item.seq);
      else this.finish(jobId, item, outcome);
    }

    // Claim only as many items as there are free slots: the store, not memory, holds the queue.
    const inFlight = new Set<Promise<void>>();
    while (!this.stopped) {
      const free = kind.concurrency - inFlight.size;
      const claimed = free > 0 ? this.store.jobs.claim(jobId, free) : [];
      if (claimed.length === 0 && inFlight.size === 0) break;
      for (const item of claimed) {
        const p: Promise<void> = (async () => {
          let outcome: ItemOutcome;
          try {
            outcome = await kind.run(item.payload as never, job, item);
          } catch (error) {
            outcome = { status: "failed", error: error instanceof Error ? error.message : String(error) };
          }
          this.finish(jobId, item, outcome);
        })().finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      if (inFlight.size > 0) await Promise.race(inFlight);
    }
    // Stopping lets what is in flight finish and be recorded, so nothing is left half-known.
    await Promise.allSettled(inFlight);
    if (this.stopped) return;
    this.store.jobs.setStatus(jobId, "done");
    try {
      await kind.onFinish?.(this.store.jobs.get(jobId)!);
    } catch (error) {
      console.error(`[jobs] job ${jobId}: onFinish failed`, error);
    }
  }

  private finish(jobId: string, item: JobItemRecord, outcome: ItemOutcome): void {
    this.store.jobs.finishItem(
      jobId,
      item.seq,
      outcome.status === "done" ? { status: "done", result: outcome.result } : { status: "failed", error: outcome.error, result: outcome.result },
    );
  }
}
