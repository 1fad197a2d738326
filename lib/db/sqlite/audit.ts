import "server-only";
import { statement, type Db } from "../connection";
import type { AuditAction, AuditQuery, AuditRecord, AuditRepository, MessageAuthorRecord, MessageAuthorRepository, NewAuditRecord } from "../types";

interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
  action: AuditAction;
  thread_id: string | null;
  job_id: string | null;
  target: string | null;
  details_json: string | null;
  ip: string | null;
  request_id: string | null;
}

function toRecord(r: AuditRow): AuditRecord {
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
export class SqliteAuditRepository implements AuditRepository {
  constructor(private readonly db: Db) {}

  private prepare(sql: string) {
    return statement(this.db, sql);
  }

  append(e: NewAuditRecord): AuditRecord {
    const row = this.db
      .prepare(
        `INSERT INTO audit_log (at, actor_id, actor_email, actor_name, action, thread_id, job_id, target, details_json, ip, request_id)
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
      ) as AuditRow;
    return toRecord(row);
  }

  query(q: AuditQuery): { items: AuditRecord[]; nextBeforeId?: number } {
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
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`;
    const rows = this.prepare(sql).all(...args, q.limit + 1) as AuditRow[];
    const items = rows.slice(0, q.limit).map(toRecord);
    return { items, nextBeforeId: rows.length > q.limit ? items[items.length - 1].id : undefined };
  }

  actors(): { id: string; email: string; name: string }[] {
    // The newest name and email each person had in the log.
    return this.db
      .prepare(
        `SELECT actor_id AS id, actor_email AS email, actor_name AS name FROM audit_log
         WHERE id IN (SELECT MAX(id) FROM audit_log WHERE actor_id IS NOT NULL GROUP BY actor_id) ORDER BY actor_name`,
      )
      .all() as { id: string; email: string; name: string }[];
  }
}

interface AuthorRow {
  thread_id: string;
  message_created: string;
  user_id: string;
  user_name: string;
  user_email: string;
}

/** Who on the team wrote each message we sent. */
export class SqliteMessageAuthorRepository implements MessageAuthorRepository {
  constructor(private readonly db: Db) {}

  private prepare(sql: string) {
    return statement(this.db, sql);
  }

  record(a: MessageAuthorRecord): void {
    this.db
      .prepare(
        `INSERT INTO message_authors (thread_id, message_created, user_id, user_name, user_email, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (thread_id, message_created) DO NOTHING`,
      )
      .run(a.threadId, a.messageCreated, a.userId, a.userName, a.userEmail, new Date().toISOString());
  }

  forThread(threadId: string): MessageAuthorRecord[] {
    return (this.prepare("SELECT * FROM message_authors WHERE thread_id = ?").all(threadId) as AuthorRow[]).map((r) => ({
      threadId: r.thread_id,
      messageCreated: r.message_created,
      userId: r.user_id,
      userName: r.user_name,
      userEmail: r.user_email,
    }));
  }
}
