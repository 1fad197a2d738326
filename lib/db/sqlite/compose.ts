import "server-only";
import { statement, type Db } from "../connection";
import type { ComposeRepository, DraftRecord } from "../types";

interface DraftRow {
  id: string;
  user_id: string;
  created_at: string;
  updated_at: string;
  content_json: string;
  from_job_id: string | null;
}

function toDraft(r: DraftRow): DraftRecord {
  return {
    id: r.id,
    userId: r.user_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    content: JSON.parse(r.content_json),
    fromJobId: r.from_job_id ?? undefined,
  };
}

export class SqliteComposeRepository implements ComposeRepository {
  constructor(private readonly db: Db) {}

  private prepare(sql: string) {
    return statement(this.db, sql);
  }

  listDrafts(userId: string): DraftRecord[] {
    const rows = this.prepare("SELECT * FROM drafts WHERE user_id = ? ORDER BY updated_at DESC, id").all(userId) as DraftRow[];
    return rows.map(toDraft);
  }

  getDraft(id: string): DraftRecord | null {
    const r = this.prepare("SELECT * FROM drafts WHERE id = ?").get(id) as DraftRow | undefined;
    return r ? toDraft(r) : null;
  }

  createDraft(draft: { id: string; userId: string; content: unknown; fromJobId?: string }): DraftRecord {
    const now = new Date().toISOString();
    this.db
      .prepare("INSERT INTO drafts (id, user_id, created_at, updated_at, content_json, from_job_id) VALUES (?, ?, ?, ?, ?, ?)")
      .run(draft.id, draft.userId, now, now, JSON.stringify(draft.content), draft.fromJobId ?? null);
    return this.getDraft(draft.id)!;
  }

  updateDraft(id: string, content: unknown): DraftRecord | null {
    const changed = this.db
      .prepare("UPDATE drafts SET content_json = ?, updated_at = ? WHERE id = ?")
      .run(JSON.stringify(content), new Date().toISOString(), id).changes;
    return changed ? this.getDraft(id) : null;
  }

  deleteDraft(id: string): boolean {
    return this.prepare("DELETE FROM drafts WHERE id = ?").run(id).changes > 0;
  }

  draftFromJob(jobId: string): DraftRecord | null {
    const r = this.prepare("SELECT * FROM drafts WHERE from_job_id = ? ORDER BY updated_at DESC LIMIT 1").get(jobId) as DraftRow | undefined;
    return r ? toDraft(r) : null;
  }

  deleteDraftsFromJob(jobId: string): number {
    return this.prepare("DELETE FROM drafts WHERE from_job_id = ?").run(jobId).changes;
  }

  claimThread(threadId: string, jobId: string, seq: number): boolean {
    return this.db.transaction(() => {
      const held = this.claimOf(threadId);
      if (held) return held.jobId === jobId && held.seq === seq;
      this.prepare("INSERT INTO sent_threads (thread_id, job_id, seq, claimed_at) VALUES (?, ?, ?, ?)").run(threadId, jobId, seq, new Date().toISOString());
      return true;
    })();
  }

  claimOf(threadId: string): { jobId: string; seq: number } | null {
    const r = this.prepare("SELECT job_id, seq FROM sent_threads WHERE thread_id = ?").get(threadId) as { job_id: string; seq: number } | undefined;
    return r ? { jobId: r.job_id, seq: r.seq } : null;
  }

  lastSendToAllSince(sinceIso: string): { at: string; threadId?: string } | null {
    // The WHERE repeats the partial index's condition word for word, so SQLite uses it.
    const thread = this.db
      .prepare(
        "SELECT id, created FROM threads WHERE in_outbox = 1 AND json_extract(compose_json, '$.recipients_select_type') = 'ALL' AND created >= ? ORDER BY created DESC LIMIT 1",
      )
      .get(sinceIso) as { id: string; created: string } | undefined;
    const job = this.db
      .prepare(
        `SELECT created_at FROM jobs WHERE kind = 'send' AND created_at >= ? AND json_extract(params_json, '$.selectType') = 'ALL'
         AND (done > 0 OR status IN ('queued', 'running')) ORDER BY created_at DESC LIMIT 1`,
      )
      .pluck()
      .get(sinceIso) as string | undefined;
    if (thread && (!job || thread.created >= job)) return { at: thread.created, threadId: thread.id };
    if (job) return { at: job };
    return null;
  }

  recentSendJobIds(userId: string, sinceIso: string, limit: number): string[] {
    return this.db
      .prepare("SELECT id FROM jobs WHERE kind = 'send' AND created_by = ? AND created_at >= ? ORDER BY created_at DESC, id LIMIT ?")
      .pluck()
      .all(userId, sinceIso, limit) as string[];
  }
}
