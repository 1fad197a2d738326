import "server-only";
import type { Db } from "../connection";
import type { AppealRow, CachedAssignment, CachedPart, TolokerRepository } from "../types";
import type { LocalizedText } from "@/lib/toloka/wire";

const SCAN_KEY = "appeals.scannedKey";

interface AppealSqlRow {
  thread_id: string;
  assignment_id: string;
  topic_json: string;
  last_activity: string;
  unread: number;
  toloker_id: string | null;
  a_status: string | null;
  a_json: string | null;
  a_fetched: string | null;
  d_decision: "accepted" | "kept" | null;
  d_user: string | null;
  d_at: string | null;
}

const APPEAL_SELECT = `
  SELECT r.thread_id, r.assignment_id, t.topic_json, t.last_activity, t.unread,
    (SELECT toloker_id FROM thread_tolokers tt WHERE tt.thread_id = r.thread_id LIMIT 1) AS toloker_id,
    a.status AS a_status, a.json AS a_json, a.fetched_at AS a_fetched,
    d.decision AS d_decision, d.user_name AS d_user, d.at AS d_at
  FROM appeal_refs r
  JOIN threads t ON t.id = r.thread_id
  LEFT JOIN assignments a ON a.id = r.assignment_id
  LEFT JOIN appeal_decisions d ON d.assignment_id = r.assignment_id`;

function toAppeal(r: AppealSqlRow): AppealRow {
  return {
    threadId: r.thread_id,
    assignmentId: r.assignment_id,
    topic: JSON.parse(r.topic_json) as LocalizedText,
    lastActivity: r.last_activity,
    unread: r.unread === 1,
    ...(r.toloker_id ? { tolokerId: r.toloker_id } : {}),
    ...(r.a_status ? { assignment: { id: r.assignment_id, status: r.a_status, json: r.a_json, fetchedAt: r.a_fetched ?? "" } } : {}),
    ...(r.d_decision ? { decision: { kind: r.d_decision, by: r.d_user ?? "", at: r.d_at ?? "" } } : {}),
  };
}

/** The Toloker panel's cache, the assignments appeals name and the appeal decisions (see TolokerRepository). */
export class SqliteTolokerRepository implements TolokerRepository {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      getPart: db.prepare("SELECT json, fetched_at FROM toloker_cache WHERE toloker_id = ? AND part = ?"),
      putPart: db.prepare(
        "INSERT INTO toloker_cache (toloker_id, part, json, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (toloker_id, part) DO UPDATE SET json = excluded.json, fetched_at = excluded.fetched_at",
      ),
      dropParts: db.prepare("DELETE FROM toloker_cache WHERE toloker_id = ?"),
      getAssignment: db.prepare("SELECT id, status, json, fetched_at FROM assignments WHERE id = ?"),
      putAssignment: db.prepare(
        "INSERT INTO assignments (id, status, json, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, json = excluded.json, fetched_at = excluded.fetched_at",
      ),
      scanKey: db.prepare("SELECT value FROM kv WHERE key = ?").pluck(),
      setScanKey: db.prepare("INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
      scan: db.prepare(
        "SELECT id, activity_key, topic_json, assignment_id FROM threads WHERE toloker_wrote = 1 AND activity_key > ? ORDER BY activity_key LIMIT ?",
      ),
      putRef: db.prepare(
        "INSERT INTO appeal_refs (thread_id, assignment_id) VALUES (?, ?) ON CONFLICT (thread_id) DO UPDATE SET assignment_id = excluded.assignment_id",
      ),
      appeals: db.prepare(`${APPEAL_SELECT} ORDER BY t.activity_key DESC`),
      appealOf: db.prepare(`${APPEAL_SELECT} WHERE r.thread_id = ?`),
      openCount: db
        .prepare(
          `SELECT COUNT(DISTINCT r.assignment_id) FROM appeal_refs r JOIN assignments a ON a.id = r.assignment_id
           WHERE a.status = 'REJECTED' AND NOT EXISTS (SELECT 1 FROM appeal_decisions d WHERE d.assignment_id = r.assignment_id)`,
        )
        .pluck(),
      decide: db.prepare(
        `INSERT INTO appeal_decisions (assignment_id, thread_id, decision, user_id, user_name, at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (assignment_id) DO UPDATE SET thread_id = excluded.thread_id, decision = excluded.decision, user_id = excluded.user_id,
           user_name = excluded.user_name, at = excluded.at`,
      ),
      claim: db.prepare("INSERT OR IGNORE INTO bonus_claims (bonus_id, job_id, seq) VALUES (?, ?, ?)"),
      claimOf: db.prepare("SELECT job_id, seq FROM bonus_claims WHERE bonus_id = ?"),
    };
  }

  getPart(tolokerId: string, part: string): CachedPart | null {
    const r = this.stmts.getPart.get(tolokerId, part) as { json: string; fetched_at: string } | undefined;
    return r ? { json: r.json, fetchedAt: r.fetched_at } : null;
  }

  putPart(tolokerId: string, part: string, json: string): void {
    this.stmts.putPart.run(tolokerId, part, json, new Date().toISOString());
  }

  dropParts(tolokerId: string): void {
    this.stmts.dropParts.run(tolokerId);
  }

  getAssignment(id: string): CachedAssignment | null {
    const r = this.stmts.getAssignment.get(id) as { id: string; status: string; json: string | null; fetched_at: string } | undefined;
    return r ? { id: r.id, status: r.status, json: r.json, fetchedAt: r.fetched_at } : null;
  }

  putAssignment(a: { id: string; status: string; json: string | null }): void {
    this.stmts.putAssignment.run(a.id, a.status, a.json, new Date().toISOString());
  }

  scanAppealRefs(find: (t: { assignmentId?: string; topic: LocalizedText }) => string | undefined, max: number): number {
    return this.db.transaction(() => {
      const from = Number(this.stmts.scanKey.get(SCAN_KEY) ?? 0);
      const rows = this.stmts.scan.all(from, max) as Array<{ id: string; activity_key: number; topic_json: string; assignment_id: string | null }>;
      for (const r of rows) {
        const id = find({ assignmentId: r.assignment_id ?? undefined, topic: JSON.parse(r.topic_json) as LocalizedText });
        if (id) this.stmts.putRef.run(r.id, id);
      }
      if (rows.length) this.stmts.setScanKey.run(SCAN_KEY, String(rows[rows.length - 1].activity_key));
      return rows.length;
    })();
  }

  appeals(): AppealRow[] {
    return (this.stmts.appeals.all() as AppealSqlRow[]).map(toAppeal);
  }

  appealOf(threadId: string): AppealRow | null {
    const r = this.stmts.appealOf.get(threadId) as AppealSqlRow | undefined;
    return r ? toAppeal(r) : null;
  }

  openAppealCount(): number {
    return this.stmts.openCount.get() as number;
  }

  decide(d: { assignmentId: string; threadId: string; kind: "accepted" | "kept"; userId: string; userName: string }): void {
    this.stmts.decide.run(d.assignmentId, d.threadId, d.kind, d.userId, d.userName, new Date().toISOString());
  }

  claimBonus(bonusId: string, jobId: string, seq: number): boolean {
    this.stmts.claim.run(bonusId, jobId, seq);
    return !this.bonusClaimedElsewhere(bonusId, jobId, seq);
  }

  bonusClaimedElsewhere(bonusId: string, jobId: string, seq: number): boolean {
    const r = this.stmts.claimOf.get(bonusId) as { job_id: string; seq: number } | undefined;
    return r !== undefined && (r.job_id !== jobId || r.seq !== seq);
  }

  clear(): void {
    this.db.transaction(() => {
      this.db.exec("DELETE FROM toloker_cache; DELETE FROM assignments; DELETE FROM appeal_refs;");
      this.db.prepare("DELETE FROM kv WHERE key = ?").run(SCAN_KEY);
    })();
  }
}
