import "server-only";
import { randomUUID } from "node:crypto";
import type { ThreadStatus } from "@/lib/schemas/plain";
import type { Db } from "../connection";
import type { PresenceRecord, SavedReplyRecord, ThreadEventRecord, WorkflowRecord, WorkflowRepository } from "../types";

interface WorkflowRow {
  thread_id: string;
  owner_id: string | null;
  status: ThreadStatus;
  snooze_until: string | null;
  toloker_count: number;
  updated_at: string;
  updated_by: string | null;
}

interface EventRow {
  id: string;
  thread_id: string;
  kind: ThreadEventRecord["kind"];
  author_id: string | null;
  author_name: string;
  body: string;
  mentions: string;
  created_at: string;
}

interface ReplyRow {
  id: string;
  title: string;
  lang: string;
  body: string;
  created_by: string | null;
  updated_by_name: string;
  created_at: string;
  updated_at: string;
}

const toWorkflow = (r: WorkflowRow): WorkflowRecord => ({
  threadId: r.thread_id,
  ownerId: r.owner_id,
  status: r.status,
  snoozeUntil: r.snooze_until,
  tolokerCount: r.toloker_count,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

const toEvent = (r: EventRow): ThreadEventRecord => ({
  id: r.id,
  threadId: r.thread_id,
  kind: r.kind,
  authorId: r.author_id,
  authorName: r.author_name,
  body: r.body,
  mentions: JSON.parse(r.mentions) as string[],
  createdAt: r.created_at,
});

const toReply = (r: ReplyRow): SavedReplyRecord => ({
  id: r.id,
  title: r.title,
  lang: r.lang,
  body: r.body,
  createdBy: r.created_by,
  updatedByName: r.updated_by_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** LIKE's wildcards taken literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The team's workflow in app.sqlite: owners and statuses, the timeline, presence, saved replies. */
export class SqliteWorkflowRepository implements WorkflowRepository {
  private readonly stmts;
  constructor(db: Db) {
    this.stmts = {
      get: db.prepare("SELECT * FROM thread_workflow WHERE thread_id = ?"),
      put: db.prepare(`INSERT INTO thread_workflow (thread_id, owner_id, status, snooze_until, toloker_count, updated_at, updated_by)
        VALUES (@thread_id, @owner_id, @status, @snooze_until, @toloker_count, @updated_at, @updated_by)
        ON CONFLICT(thread_id) DO UPDATE SET owner_id = excluded.owner_id, status = excluded.status, snooze_until = excluded.snooze_until,
          toloker_count = excluded.toloker_count, updated_at = excluded.updated_at, updated_by = excluded.updated_by`),
      events: db.prepare("SELECT * FROM thread_events WHERE thread_id = ? ORDER BY created_at, rowid"),
      addEvent: db.prepare(`INSERT INTO thread_events (id, thread_id, kind, author_id, author_name, body, mentions, created_at)
        VALUES (@id, @thread_id, @kind, @author_id, @author_name, @body, @mentions, @created_at)`),
      heartbeat: db.prepare(`INSERT INTO presence (thread_id, user_id, user_name, typing, seen_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(thread_id, user_id) DO UPDATE SET user_name = excluded.user_name, typing = excluded.typing, seen_at = excluded.seen_at`),
      present: db.prepare("SELECT * FROM presence WHERE thread_id = ? AND seen_at >= ? AND user_id != ? ORDER BY user_name"),
      leave: db.prepare("DELETE FROM presence WHERE thread_id = ? AND user_id = ?"),
      prune: db.prepare("DELETE FROM presence WHERE seen_at < ?"),
      listReplies: db.prepare(`SELECT * FROM saved_replies
        WHERE (@lang IS NULL OR lang = @lang) AND (@like IS NULL OR title LIKE @like ESCAPE '\\' OR body LIKE @like ESCAPE '\\')
        ORDER BY lower(title), lang LIMIT 500`),
      getReply: db.prepare("SELECT * FROM saved_replies WHERE id = ?"),
      insertReply: db.prepare(`INSERT INTO saved_replies (id, title, lang, body, created_by, updated_by_name, created_at, updated_at)
        VALUES (@id, @title, @lang, @body, @created_by, @updated_by_name, @created_at, @updated_at)`),
      updateReply: db.prepare(`UPDATE saved_replies SET title = @title, lang = @lang, body = @body, updated_by_name = @updated_by_name,
        updated_at = @updated_at WHERE id = @id`),
      deleteReply: db.prepare("DELETE FROM saved_replies WHERE id = ?"),
    };
  }

  get(threadId: string): WorkflowRecord | null {
    const r = this.stmts.get.get(threadId) as WorkflowRow | undefined;
    return r ? toWorkflow(r) : null;
  }

  put(w: Omit<WorkflowRecord, "updatedAt"> & { updatedAt?: string }): WorkflowRecord {
    const row: WorkflowRow = {
      thread_id: w.threadId,
      owner_id: w.ownerId,
      status: w.status,
      snooze_until: w.status === "snoozed" ? w.snoozeUntil : null,
      toloker_count: w.tolokerCount,
      updated_at: w.updatedAt ?? new Date().toISOString(),
      updated_by: w.updatedBy,
    };
    this.stmts.put.run(row);
    return toWorkflow(row);
  }

  events(threadId: string): ThreadEventRecord[] {
    return (this.stmts.events.all(threadId) as EventRow[]).map(toEvent);
  }

  addEvent(e: Omit<ThreadEventRecord, "id" | "createdAt"> & { createdAt?: string }): ThreadEventRecord {
    const row: EventRow = {
      id: randomUUID(),
      thread_id: e.threadId,
      kind: e.kind,
      author_id: e.authorId,
      author_name: e.authorName,
      body: e.body,
      mentions: JSON.stringify(e.mentions),
      created_at: e.createdAt ?? new Date().toISOString(),
    };
    this.stmts.addEvent.run(row);
    return toEvent(row);
  }

  heartbeat(threadId: string, p: PresenceRecord): void {
    this.stmts.heartbeat.run(threadId, p.userId, p.userName, p.typing ? 1 : 0, p.seenAt);
  }

  present(threadId: string, sinceMs: number, exceptUserId: string): PresenceRecord[] {
    const rows = this.stmts.present.all(threadId, sinceMs, exceptUserId) as { user_id: string; user_name: string; typing: number; seen_at: number }[];
    return rows.map((r) => ({ userId: r.user_id, userName: r.user_name, typing: r.typing === 1, seenAt: r.seen_at }));
  }

  leave(threadId: string, userId: string): void {
    this.stmts.leave.run(threadId, userId);
  }

  prunePresence(beforeMs: number): number {
    return this.stmts.prune.run(beforeMs).changes;
  }

  listReplies(q: { text?: string; lang?: string } = {}): SavedReplyRecord[] {
    const like = q.text?.trim() ? `%${likeEscape(q.text.trim())}%` : null;
    return (this.stmts.listReplies.all({ lang: q.lang ?? null, like }) as ReplyRow[]).map(toReply);
  }

  getReply(id: string): SavedReplyRecord | null {
    const r = this.stmts.getReply.get(id) as ReplyRow | undefined;
    return r ? toReply(r) : null;
  }

  createReply(r: Pick<SavedReplyRecord, "title" | "lang" | "body" | "createdBy" | "updatedByName">): SavedReplyRecord {
    const at = new Date().toISOString();
    const row: ReplyRow = {
      id: randomUUID(),
      title: r.title,
      lang: r.lang,
      body: r.body,
      created_by: r.createdBy,
      updated_by_name: r.updatedByName,
      created_at: at,
      updated_at: at,
    };
    this.stmts.insertReply.run(row);
    return toReply(row);
  }

  updateReply(id: string, r: Pick<SavedReplyRecord, "title" | "lang" | "body" | "updatedByName">): SavedReplyRecord | null {
    const res = this.stmts.updateReply.run({
      id,
      title: r.title,
      lang: r.lang,
      body: r.body,
      updated_by_name: r.updatedByName,
      updated_at: new Date().toISOString(),
    });
    return res.changes > 0 ? this.getReply(id) : null;
  }

  deleteReply(id: string): boolean {
    return this.stmts.deleteReply.run(id).changes > 0;
  }
}
