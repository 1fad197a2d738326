import "server-only";
import { statement, type Db } from "../connection";
import type { JobItemRecord, JobItemStatus, JobRecord, JobRepository, JobStatus } from "../types";

interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  created_by: string;
  created_at: string;
  updated_at: string;
  params_json: string;
  total: number;
  done: number;
  failed: number;
  error: string | null;
  superseded_by: string | null;
}

interface ItemRow {
  job_id: string;
  seq: number;
  payload_json: string;
  status: JobItemStatus;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
  result_json: string | null;
  error: string | null;
}

function toJob(r: JobRow): JobRecord {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    params: JSON.parse(r.params_json),
    total: r.total,
    done: r.done,
    failed: r.failed,
    error: r.error ?? undefined,
    ...(r.superseded_by ? { supersededBy: r.superseded_by } : {}),
  };
}

function toItem(r: ItemRow): JobItemRecord {
  return {
    jobId: r.job_id,
    seq: r.seq,
    payload: JSON.parse(r.payload_json),
    status: r.status,
    attempts: r.attempts,
    startedAt: r.started_at ?? undefined,
    finishedAt: r.finished_at ?? undefined,
    result: r.result_json ? JSON.parse(r.result_json) : undefined,
    error: r.error ?? undefined,
  };
}

/** Durable jobs: one row per job, one per item; counters kept in step with the items in one transaction. */
export class SqliteJobRepository implements JobRepository {
  constructor(private readonly db: Db) {}

  private prepare(sql: string) {
    return statement(this.db, sql);
  }

  create(job: { id: string; kind: string; createdBy: string; params: unknown }, items: unknown[]): JobRecord {
    const now = new Date().toISOString();
    const insertItem = this.prepare("INSERT INTO job_items (job_id, seq, payload_json, status) VALUES (?, ?, ?, 'pending')");
    this.db.transaction(() => {
      this.db
        .prepare("INSERT INTO jobs (id, kind, status, created_by, created_at, updated_at, params_json, total) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?)")
        .run(job.id, job.kind, job.createdBy, now, now, JSON.stringify(job.params ?? null), items.length);
      items.forEach((payload, seq) => {
        insertItem.run(job.id, seq, JSON.stringify(payload));
      });
    })();
    return this.get(job.id)!;
  }

  get(id: string): JobRecord | null {
    const r = this.prepare("SELECT * FROM jobs WHERE id = ?").get(id) as JobRow | undefined;
    return r ? toJob(r) : null;
  }

  unfinished(): JobRecord[] {
    return (this.prepare("SELECT * FROM jobs WHERE status IN ('queued', 'running') ORDER BY created_at").all() as JobRow[]).map(toJob);
  }

  setStatus(id: string, status: JobStatus, error?: string): void {
    this.prepare("UPDATE jobs SET status = ?, error = ?, updated_at = ? WHERE id = ?").run(status, error ?? null, new Date().toISOString(), id);
  }

  claim(jobId: string, n: number): JobItemRecord[] {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const rows = this.db.prepare("SELECT * FROM job_items WHERE job_id = ? AND status = 'pending' ORDER BY seq LIMIT ?").all(jobId, n) as ItemRow[];
      const mark = this.prepare("UPDATE job_items SET status = 'running', attempts = attempts + 1, started_at = ? WHERE job_id = ? AND seq = ?");
      for (const r of rows) mark.run(now, jobId, r.seq);
      return rows.map((r) => toItem({ ...r, status: "running", attempts: r.attempts + 1, started_at: now }));
    })();
  }

  interrupted(jobId: string): JobItemRecord[] {
    return (this.prepare("SELECT * FROM job_items WHERE job_id = ? AND status = 'running' ORDER BY seq").all(jobId) as ItemRow[]).map(toItem);
  }

  finishItem(jobId: string, seq: number, outcome: { status: "done" | "failed"; result?: unknown; error?: string }): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      const prev = this.prepare("SELECT status FROM job_items WHERE job_id = ? AND seq = ?").pluck().get(jobId, seq) as JobItemStatus | undefined;
      if (prev === undefined || prev === "done") return;
      this.db
        .prepare("UPDATE job_items SET status = ?, finished_at = ?, result_json = ?, error = ? WHERE job_id = ? AND seq = ?")
        .run(outcome.status, now, outcome.result === undefined ? null : JSON.stringify(outcome.result), outcome.error ?? null, jobId, seq);
      const doneDelta = outcome.status === "done" ? 1 : 0;
      const failedDelta = (outcome.status === "failed" ? 1 : 0) - (prev === "failed" ? 1 : 0);
      this.prepare("UPDATE jobs SET done = done + ?, failed = failed + ?, updated_at = ? WHERE id = ?").run(doneDelta, failedDelta, now, jobId);
    })();
  }

  requeueFailed(jobId: string, except: readonly number[] = []): number {
    return this.db.transaction(() => {
      const n = this.prepare(
        "UPDATE job_items SET status = 'pending', error = NULL WHERE job_id = ? AND status = 'failed' AND seq NOT IN (SELECT value FROM json_each(?))",
      ).run(jobId, JSON.stringify(except)).changes;
      this.prepare("UPDATE jobs SET failed = failed - ?, status = 'queued', updated_at = ? WHERE id = ?").run(n, new Date().toISOString(), jobId);
      return n;
    })();
  }

  requeueItem(jobId: string, seq: number, result: unknown): boolean {
    return this.db.transaction(() => {
      const n = this.prepare("UPDATE job_items SET status = 'pending', error = NULL, result_json = ? WHERE job_id = ? AND seq = ? AND status = 'failed'").run(
        JSON.stringify(result ?? null),
        jobId,
        seq,
      ).changes;
      if (n > 0) this.prepare("UPDATE jobs SET failed = failed - 1, status = 'queued', updated_at = ? WHERE id = ?").run(new Date().toISOString(), jobId);
      return n > 0;
    })();
  }

  setSupersededBy(id: string, by: string): void {
    this.prepare("UPDATE jobs SET superseded_by = ?, updated_at = ? WHERE id = ?").run(by, new Date().toISOString(), id);
  }

  requeue(jobId: string, seq: number): void {
    this.prepare("UPDATE job_items SET status = 'pending' WHERE job_id = ? AND seq = ? AND status = 'running'").run(jobId, seq);
  }

  items(jobId: string, filter: { status?: JobItemStatus; limit?: number } = {}): JobItemRecord[] {
    const rows = filter.status
      ? this.prepare("SELECT * FROM job_items WHERE job_id = ? AND status = ? ORDER BY seq LIMIT ?").all(jobId, filter.status, filter.limit ?? -1)
      : this.prepare("SELECT * FROM job_items WHERE job_id = ? ORDER BY seq LIMIT ?").all(jobId, filter.limit ?? -1);
    return (rows as ItemRow[]).map(toItem);
  }
}
