import "server-only";
import { statement, type Db } from "../connection";
import type { ActivityAction } from "@/lib/schemas/activity";
import type { ActivityQuery, ActivityRecord, ActivityRepository, NewActivityRecord } from "../types";

interface ActivityRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
  action: ActivityAction;
  thread_id: string | null;
  job_id: string | null;
  target: string | null;
  details_json: string | null;
  ip: string | null;
  request_id: string | null;
}

function toRecord(r: ActivityRow): ActivityRecord {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorEmail: r.actor_email,
    actorName: r.actor_name,
    action: r.action,
    threadId: r.thread_id,
    jobId: r.job_id,
    target: r.target,
    details: r.details_json ? (JSON.parse(r.details_json) as Record<string, unknown>) : null,
    ip: r.ip,
    requestId: r.request_id,
  };
}

/** The activity log: append-only, read newest first with filters. */
export class SqliteActivityRepository implements ActivityRepository {
  constructor(private readonly db: Db) {}

  private prepare(sql: string) {
    return statement(this.db, sql);
  }

  append(e: NewActivityRecord): ActivityRecord {
    const row = this.db
      .prepare(
        `INSERT INTO activity_log (at, actor_id, actor_email, actor_name, action, thread_id, job_id, target, details_json, ip, request_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        e.at ?? new Date().toISOString(),
        e.actorId,
        e.actorEmail,
        e.actorName,
        e.action,
        e.threadId,
        e.jobId,
        e.target,
        e.details ? JSON.stringify(e.details) : null,
        e.ip,
        e.requestId,
      ) as ActivityRow;
    return toRecord(row);
  }

  query(q: ActivityQuery): { items: ActivityRecord[]; nextBeforeId?: number } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.actorId) {
      where.push("actor_id = ?");
      args.push(q.actorId);
    }
    if (q.action) {
      if (q.action.endsWith(".")) {
        where.push("substr(action, 1, ?) = ?");
        args.push(q.action.length, q.action);
      } else {
        where.push("action = ?");
        args.push(q.action);
      }
    }
    if (q.threadId) {
      where.push("thread_id = ?");
      args.push(q.threadId);
    }
    if (q.jobId) {
      where.push("job_id = ?");
      args.push(q.jobId);
    }
    if (q.from) {
      where.push("at >= ?");
      args.push(q.from);
    }
    if (q.to) {
      where.push("at <= ?");
      args.push(q.to);
    }
    if (q.beforeId !== undefined) {
      where.push("id < ?");
      args.push(q.beforeId);
    }
    const sql = `SELECT * FROM activity_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`;
    const rows = this.prepare(sql).all(...args, q.limit + 1) as ActivityRow[];
    const items = rows.slice(0, q.limit).map(toRecord);
    return { items, nextBeforeId: rows.length > q.limit ? items[items.length - 1].id : undefined };
  }

  actors(): { id: string; email: string; name: string }[] {
    // The newest name and email each person had in the log.
    return this.db
      .prepare(
        `SELECT actor_id AS id, actor_email AS email, actor_name AS name FROM activity_log
         WHERE id IN (SELECT MAX(id) FROM activity_log WHERE actor_id IS NOT NULL GROUP BY actor_id) ORDER BY actor_name`,
      )
      .all() as { id: string; email: string; name: string }[];
  }
}
