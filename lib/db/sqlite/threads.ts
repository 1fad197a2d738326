import "server-only";
import { AWAITING_ANSWER_SQL, isAwaitingAnswer } from "../awaiting-answer";
import type { Folder } from "@/lib/toloka/wire";
import { statement, type Db } from "../connection";
import { toFtsQuery } from "../fts-query";
import { FOLDER_TABS, TEAM_VIEWS, type TeamView, type ThreadStatus } from "@/lib/schemas/plain";
import type {
  ListQuery,
  MirrorMessage,
  Viewer,
  MirrorThread,
  Page,
  Scope,
  SearchFilters,
  SearchQuery,
  SnippetPart,
  ThreadListRow,
  ThreadRepository,
} from "../types";

/** A conversation someone on Toloka's side wrote in: what a team member can own (not a notice, not a lone send). */
const CONVERSATION = "(t.toloker_wrote = 1 OR t.admin_wrote = 1)";
/** The workflow row holds a status that is in force: no Toloker message since, and a snooze not yet over. */
const HELD = "t.toloker_messages <= w.toloker_count AND (w.status = 'done' OR (w.status = 'snoozed' AND w.snooze_until > @now))";
const OPEN = `NOT EXISTS (SELECT 1 FROM thread_workflow w WHERE w.thread_id = t.id AND w.status != 'open' AND ${HELD})`;

/** Each scope's condition; the team's views read `@me` (the member) and `@now` (ISO time, for snoozes). */
const SCOPE_WHERE: Record<Scope, string> = {
  inbox: "t.in_inbox = 1",
  sent: "t.in_outbox = 1",
  users: "t.toloker_wrote = 1",
  administrator: "t.admin_wrote = 1",
  notifications: "t.in_notifications = 1",
  important: "t.important = 1",
  mine: `t.id IN (SELECT thread_id FROM thread_workflow WHERE owner_id = @me) AND ${OPEN}`,
  unassigned: `${CONVERSATION} AND NOT EXISTS (SELECT 1 FROM thread_workflow w WHERE w.thread_id = t.id AND w.owner_id IS NOT NULL) AND ${OPEN}`,
  // Driven by the workflow's status index (few threads), not by a walk of every thread.
  snoozed: `t.id IN (SELECT thread_id FROM thread_workflow WHERE status = 'snoozed')
    AND EXISTS (SELECT 1 FROM thread_workflow w WHERE w.thread_id = t.id AND w.status = 'snoozed' AND ${HELD})`,
  done: `t.id IN (SELECT thread_id FROM thread_workflow WHERE status = 'done')
    AND EXISTS (SELECT 1 FROM thread_workflow w WHERE w.thread_id = t.id AND w.status = 'done' AND ${HELD})`,
  all: "1 = 1",
};
/** The workflow of each listed thread, with its owner's name (app store tables, joined to the mirror). */
const WF_SELECT = `t.*, w.owner_id AS wf_owner_id, u.name AS wf_owner_name, w.status AS wf_status, w.snooze_until AS wf_snooze_until,
  w.toloker_count AS wf_toloker_count`;
const WF_JOIN = "LEFT JOIN thread_workflow w ON w.thread_id = t.id LEFT JOIN users u ON u.id = w.owner_id";
const FOLDER_SCOPES = [...FOLDER_TABS, "all"] as const;
type FolderScope = (typeof FOLDER_SCOPES)[number];

/** Unread as the requester means it: in UNREAD, and with something in it they did not write. */
const UNREAD_FOR_US = `t.unread = 1 AND NOT ${AWAITING_ANSWER_SQL}`;

// Private-use marks for snippet(): stripped from indexed text, so a message cannot forge a highlight.
const MARK_START = "\uE000";
const MARK_END = "\uE001";
const SNIPPET_TOKENS = 16;

interface ThreadRowDb {
  id: string;
  activity_key: number;
  parent_id: string | null;
  topic_json: string;
  answerable: number;
  created: string;
  last_activity: string;
  compose_json: string | null;
  meta_json: string | null;
  interlocutors_json: string;
  message_count: number;
  last_message_json: string | null;
  in_inbox: number;
  in_outbox: number;
  in_notifications: number;
  important: number;
  unread: number;
  toloker_wrote?: number;
  admin_wrote?: number;
  toloker_messages?: number;
  wf_owner_id?: string | null;
  wf_owner_name?: string | null;
  wf_status?: ThreadStatus | null;
  wf_snooze_until?: string | null;
  wf_toloker_count?: number | null;
  snippet?: string | null;
  topic_marks?: string | null;
}

function foldersOf(r: ThreadRowDb): Folder[] {
  const f: Folder[] = [];
  if (r.in_inbox) f.push("INBOX");
  if (r.in_outbox) f.push("OUTBOX");
  if (r.in_notifications) f.push("AUTOMATIC_NOTIFICATION");
  if (r.important) f.push("IMPORTANT");
  if (r.unread) f.push("UNREAD");
  return f;
}

function toListRow(r: ThreadRowDb): ThreadListRow {
  return {
    id: r.id,
    parentId: r.parent_id ?? undefined,
    topic: JSON.parse(r.topic_json),
    answerable: r.answerable === 1,
    created: r.created,
    lastActivity: r.last_activity,
    composeDetails: r.compose_json ? JSON.parse(r.compose_json) : undefined,
    meta: r.meta_json ? JSON.parse(r.meta_json) : undefined,
    interlocutors: JSON.parse(r.interlocutors_json),
    lastMessage: r.last_message_json ? JSON.parse(r.last_message_json) : undefined,
    messageCount: r.message_count,
    folders: foldersOf(r),
    awaitingAnswer: isAwaitingAnswer(foldersOf(r), r.toloker_wrote === 1 || r.admin_wrote === 1),
    tolokerMessages: r.toloker_messages ?? 0,
    ...(r.wf_status
      ? {
          workflow: {
            ownerId: r.wf_owner_id ?? undefined,
            ownerName: r.wf_owner_name ?? undefined,
            status: r.wf_status,
            snoozeUntil: r.wf_snooze_until ?? undefined,
            tolokerCount: r.wf_toloker_count ?? 0,
          },
        }
      : {}),
    ...(r.snippet ? { snippet: parseSnippet(r.snippet) } : {}),
    ...(r.topic_marks?.includes(MARK_START) ? { topicMarks: parseSnippet(r.topic_marks) } : {}),
  };
}

function parseSnippet(raw: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = raw;
  while (rest.length) {
    const start = rest.indexOf(MARK_START);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(MARK_END, start);
    const stop = end === -1 ? rest.length : end;
    parts.push({ text: rest.slice(start + 1, stop), match: true });
    rest = end === -1 ? "" : rest.slice(end + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

function cleanForIndex(text: string): string {
  return text.replace(/[\uE000\uE001]/g, "").replace(/<[^>]*>/g, " ");
}

/** The member a team view is for and the time a snooze is measured against. */
function viewerParams(v: Viewer | undefined): { me: string; now: string } {
  return { me: v?.me ?? "", now: v?.now ?? new Date().toISOString() };
}

function encodeCursor(key: number): string {
  return key.toString(36);
}

function decodeCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const n = parseInt(cursor, 36);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** A UTC day (YYYY-MM-DD) as the first activity key of that day. */
function dayKey(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) * 1024;
}

/**
 * The WHERE of a search, its parameters, and whether it walks the full-text index (when there are words to
 * match). Null when it can match nothing: words that hold no letter or digit, and no other condition.
 */
function buildSearch(q: SearchFilters & { scope: Scope; viewer?: Viewer }): { where: string[]; params: Record<string, unknown>; fts: boolean } | null {
  const where: string[] = [SCOPE_WHERE[q.scope]];
  const params: Record<string, unknown> = viewerParams(q.viewer);
  const match = q.text ? toFtsQuery(q.text, { prefixLastWord: !q.complete }) : null;
  if (match) {
    where.unshift("threads_fts MATCH @match");
    params.match = match;
  }
  let narrowed = match !== null;
  if (q.tolokerId) {
    const id = q.tolokerId.toLowerCase();
    params.lo = id;
    params.hi = id.length === 32 ? id : `${id}\uffff`;
    where.push("t.id IN (SELECT thread_id FROM thread_tolokers WHERE toloker_id >= @lo AND toloker_id <= @hi)");
    narrowed = true;
  }
  for (const [key, col] of [
    ["poolId", "pool_id"],
    ["projectId", "project_id"],
    ["assignmentId", "assignment_id"],
  ] as const) {
    const v = q[key];
    if (v === undefined) continue;
    params[col] = v;
    where.push(`t.${col} = @${col}`);
    narrowed = true;
  }
  if (q.unread) where.push(`(${UNREAD_FOR_US})`);
  if (q.important) where.push("t.important = 1");
  if (q.repliesOff) where.push("t.answerable = 0");
  if (q.after) {
    params.afterKey = dayKey(q.after);
    where.push("t.activity_key >= @afterKey");
  }
  if (q.before) {
    params.beforeKey = dayKey(q.before);
    where.push("t.activity_key < @beforeKey");
  }
  narrowed ||= !!(q.unread || q.important || q.repliesOff || q.after || q.before);
  const exclude = (q.exclude ?? []).map((w) => toFtsQuery(`"${w}"`, { prefixLastWord: false })).filter((m): m is string => m !== null);
  if (exclude.length) {
    params.exclude = exclude.join(" OR ");
    where.push("t.activity_key NOT IN (SELECT rowid FROM threads_fts WHERE threads_fts MATCH @exclude)");
    narrowed = true;
  }
  return narrowed ? { where, params, fts: match !== null } : null;
}

/** The SQLite mirror of threads: lists by last activity, full-text and Toloker search, folder flags. */
export class SqliteThreadRepository implements ThreadRepository {
  private readonly stmts;
  /** Prepared once per distinct SQL: lists and searches are the hot path. */
  private prepared(sql: string) {
    return statement(this.db, sql);
  }

  constructor(private readonly db: Db) {
    this.stmts = {
      getRow: db.prepare("SELECT * FROM threads WHERE id = ?"),
      // What an upsert compares, without the large JSON columns.
      getState: db.prepare(`SELECT activity_key, message_count, last_activity, topic_json, answerable, in_inbox, in_outbox,
          in_notifications, important, unread FROM threads WHERE id = ?`),
      keyInRange: db.prepare("SELECT MAX(activity_key) AS k FROM threads WHERE activity_key >= ? AND activity_key < ?"),
      insert: db.prepare(`INSERT INTO threads (id, activity_key, parent_id, topic_json, answerable, created, last_activity,
          compose_json, meta_json, pool_id, project_id, assignment_id, interlocutors_json, message_count,
          last_message_json, in_inbox, in_outbox, in_notifications, important, unread, toloker_wrote, admin_wrote, toloker_messages, fetched_at)
        VALUES (@id, @activity_key, @parent_id, @topic_json, @answerable, @created, @last_activity, @compose_json,
          @meta_json, @pool_id, @project_id, @assignment_id, @interlocutors_json, @message_count, @last_message_json,
          @in_inbox, @in_outbox, @in_notifications, @important, @unread, @toloker_wrote, @admin_wrote, @toloker_messages, @fetched_at)
        ON CONFLICT(id) DO UPDATE SET activity_key = excluded.activity_key, parent_id = excluded.parent_id,
          topic_json = excluded.topic_json, answerable = excluded.answerable, created = excluded.created,
          last_activity = excluded.last_activity, compose_json = excluded.compose_json, meta_json = excluded.meta_json,
          pool_id = excluded.pool_id, project_id = excluded.project_id, assignment_id = excluded.assignment_id,
          interlocutors_json = excluded.interlocutors_json, message_count = excluded.message_count,
          last_message_json = excluded.last_message_json, in_inbox = excluded.in_inbox, in_outbox = excluded.in_outbox,
          in_notifications = excluded.in_notifications, important = excluded.important, unread = excluded.unread,
          toloker_wrote = excluded.toloker_wrote, admin_wrote = excluded.admin_wrote, toloker_messages = excluded.toloker_messages,
          fetched_at = excluded.fetched_at`),
      updateFolders: db.prepare(`UPDATE threads SET in_inbox = @in_inbox, in_outbox = @in_outbox,
          in_notifications = @in_notifications, important = @important, unread = @unread WHERE id = @id`),
      deleteMessages: db.prepare("DELETE FROM messages WHERE thread_id = ?"),
      insertMessage: db.prepare("INSERT INTO messages (thread_id, seq, from_id, from_role, myself, created, text_json) VALUES (?, ?, ?, ?, ?, ?, ?)"),
      messages: db.prepare("SELECT * FROM messages WHERE thread_id = ? ORDER BY seq"),
      deleteTolokers: db.prepare("DELETE FROM thread_tolokers WHERE thread_id = ?"),
      insertToloker: db.prepare("INSERT OR IGNORE INTO thread_tolokers (toloker_id, thread_id) VALUES (?, ?)"),
      deleteFts: db.prepare("DELETE FROM threads_fts WHERE rowid = ?"),
      insertFts: db.prepare("INSERT INTO threads_fts (rowid, topic, body) VALUES (?, ?, ?)"),
      deleteThread: db.prepare("DELETE FROM threads WHERE id = ?"),
      count: db.prepare("SELECT COUNT(*) AS n FROM threads"),
      tolokerMessages: db.prepare("SELECT toloker_messages FROM threads WHERE id = ?").pluck(),
      maxId: db.prepare("SELECT MAX(id) AS id FROM threads"),
      allIds: db.prepare("SELECT id FROM threads ORDER BY id").pluck(),
      unreadIds: db.prepare("SELECT id FROM threads WHERE unread = 1 ORDER BY id").pluck(),
      importantIds: db.prepare("SELECT id FROM threads WHERE important = 1 ORDER BY id").pluck(),
      unreadCounts: db.prepare(`SELECT COUNT(*) AS all_, SUM(in_inbox) AS inbox, SUM(in_outbox) AS sent,
          SUM(toloker_wrote) AS users, SUM(admin_wrote) AS administrator, SUM(in_notifications) AS notifications,
          SUM(important) AS important FROM threads t WHERE ${UNREAD_FOR_US}`),
    };
  }

  upsertMany(threads: MirrorThread[]): number {
    let changed = 0;
    const tx = this.db.transaction((list: MirrorThread[]) => {
      for (const t of list) if (this.upsertOne(t)) changed++;
    });
    tx(threads);
    return changed;
  }

  private activityKeyFor(lastActivity: string): number {
    const base = Date.parse(lastActivity) * 1024;
    const row = this.stmts.keyInRange.get(base, base + 1024) as { k: number | null };
    // Threads whose last activity falls in the same millisecond get consecutive keys.
    return row.k === null ? base : row.k + 1;
  }

  private upsertOne(t: MirrorThread): boolean {
    const existing = this.stmts.getState.get(t.id) as ThreadRowDb | undefined;
    const messages = t.messages;
    const last = messages[messages.length - 1];
    const lastActivity = last && last.created > t.created ? last.created : t.created;
    const folderCols = {
      in_inbox: t.folders.includes("INBOX") ? 1 : 0,
      in_outbox: t.folders.includes("OUTBOX") ? 1 : 0,
      in_notifications: t.folders.includes("AUTOMATIC_NOTIFICATION") ? 1 : 0,
      important: t.folders.includes("IMPORTANT") ? 1 : 0,
      unread: t.folders.includes("UNREAD") ? 1 : 0,
    };
    const topicJson = JSON.stringify(t.topic);
    const contentSame =
      existing !== undefined &&
      existing.message_count === messages.length &&
      existing.last_activity === lastActivity &&
      existing.topic_json === topicJson &&
      existing.answerable === (t.answerable ? 1 : 0);
    if (contentSame) {
      const same =
        existing.in_inbox === folderCols.in_inbox &&
        existing.in_outbox === folderCols.in_outbox &&
        existing.in_notifications === folderCols.in_notifications &&
        existing.important === folderCols.important &&
        existing.unread === folderCols.unread;
      if (same) return false;
      this.stmts.updateFolders.run({ id: t.id, ...folderCols });
      return true;
    }

    const activityKey = existing && existing.last_activity === lastActivity ? existing.activity_key : this.activityKeyFor(lastActivity);
    if (existing) this.stmts.deleteFts.run(existing.activity_key);
    this.stmts.insert.run({
      id: t.id,
      activity_key: activityKey,
      parent_id: t.parentId ?? null,
      topic_json: topicJson,
      answerable: t.answerable ? 1 : 0,
      created: t.created,
      last_activity: lastActivity,
      compose_json: t.composeDetails ? JSON.stringify(t.composeDetails) : null,
      meta_json: t.meta && Object.keys(t.meta).length ? JSON.stringify(t.meta) : null,
      pool_id: t.meta?.pool_id ?? null,
      project_id: t.meta?.project_id ?? null,
      assignment_id: t.meta?.assignment_id ?? null,
      interlocutors_json: JSON.stringify(t.interlocutors),
      message_count: messages.length,
      last_message_json: last ? JSON.stringify(last) : null,
      ...folderCols,
      toloker_wrote: messages.some((m) => m.fromRole === "USER") ? 1 : 0,
      admin_wrote: messages.some((m) => m.fromRole === "ADMINISTRATOR") ? 1 : 0,
      toloker_messages: messages.filter((m) => m.fromRole === "USER").length,
      fetched_at: new Date().toISOString(),
    });
    this.stmts.deleteMessages.run(t.id);
    messages.forEach((m, seq) => {
      this.stmts.insertMessage.run(t.id, seq, m.fromId, m.fromRole, m.myself ? 1 : 0, m.created, JSON.stringify(m.text));
    });
    this.stmts.deleteTolokers.run(t.id);
    const tolokers = new Set<string>();
    for (const i of t.interlocutors) if (i.role === "USER") tolokers.add(i.id);
    for (const m of messages) if (m.fromRole === "USER") tolokers.add(m.fromId);
    for (const id of t.composeDetails?.recipients_ids ?? []) tolokers.add(id);
    for (const id of tolokers) this.stmts.insertToloker.run(id, t.id);
    const topicText = cleanForIndex(Object.values(t.topic).join("\n"));
    const body = cleanForIndex(messages.flatMap((m) => Object.values(m.text)).join("\n"));
    this.stmts.insertFts.run(activityKey, topicText, body);
    return true;
  }

  get(id: string): MirrorThread | null {
    const r = this.stmts.getRow.get(id) as ThreadRowDb | undefined;
    if (!r) return null;
    const rows = this.stmts.messages.all(id) as Array<{
      from_id: string;
      from_role: MirrorMessage["fromRole"];
      myself: number;
      created: string;
      text_json: string;
    }>;
    const row = toListRow(r);
    return {
      id: row.id,
      parentId: row.parentId,
      topic: row.topic,
      answerable: row.answerable,
      created: row.created,
      composeDetails: row.composeDetails,
      meta: row.meta,
      interlocutors: row.interlocutors,
      folders: row.folders,
      messages: rows.map((m) => ({
        fromId: m.from_id,
        fromRole: m.from_role,
        myself: m.myself === 1,
        created: m.created,
        text: JSON.parse(m.text_json),
      })),
    };
  }

  setFolders(id: string, folders: Folder[]): boolean {
    const res = this.stmts.updateFolders.run({
      id,
      in_inbox: folders.includes("INBOX") ? 1 : 0,
      in_outbox: folders.includes("OUTBOX") ? 1 : 0,
      in_notifications: folders.includes("AUTOMATIC_NOTIFICATION") ? 1 : 0,
      important: folders.includes("IMPORTANT") ? 1 : 0,
      unread: folders.includes("UNREAD") ? 1 : 0,
    });
    return res.changes > 0;
  }

  list(q: ListQuery): Page<ThreadListRow> {
    const before = decodeCursor(q.cursor);
    const rows = this.prepared(
      `SELECT ${WF_SELECT} FROM threads t ${WF_JOIN} WHERE ${SCOPE_WHERE[q.scope]} ${before ? "AND t.activity_key < @before" : ""}
         ORDER BY t.activity_key DESC LIMIT @limit`,
    ).all({ ...viewerParams(q.viewer), before, limit: q.limit + 1 }) as ThreadRowDb[];
    return this.page(rows, q.limit);
  }

  search(q: SearchQuery): Page<ThreadListRow> {
    const built = buildSearch(q);
    if (!built) return { items: [] };
    const before = decodeCursor(q.cursor);
    const { params, where, fts } = built;
    Object.assign(params, { before, limit: q.limit + 1 });
    if (before) where.push(fts ? "f.rowid < @before" : "t.activity_key < @before");
    // With words, walk the index by rowid (= activity key) newest first, so one page costs one page of matches.
    const sql = fts
      ? `SELECT ${WF_SELECT}, snippet(threads_fts, 1, '${MARK_START}', '${MARK_END}', '…', ${SNIPPET_TOKENS}) AS snippet,
            highlight(threads_fts, 0, '${MARK_START}', '${MARK_END}') AS topic_marks
          FROM threads_fts f JOIN threads t ON t.activity_key = f.rowid ${WF_JOIN}
          WHERE ${where.join(" AND ")} ORDER BY f.rowid DESC LIMIT @limit`
      : `SELECT ${WF_SELECT} FROM threads t ${WF_JOIN} WHERE ${where.join(" AND ")} ORDER BY t.activity_key DESC LIMIT @limit`;
    const rows = this.prepared(sql).all(params) as ThreadRowDb[];
    return this.page(rows, q.limit);
  }

  countSearch(q: Omit<SearchQuery, "limit" | "cursor">, cap: number): number {
    const built = buildSearch(q);
    if (!built) return 0;
    const { params, where, fts } = built;
    params.cap = cap + 1;
    const from = fts ? "threads_fts f JOIN threads t ON t.activity_key = f.rowid" : "threads t";
    const row = this.prepared(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where.join(" AND ")} LIMIT @cap)`).get(params) as { n: number };
    return row.n;
  }

  private page(rows: ThreadRowDb[], limit: number): Page<ThreadListRow> {
    const hasMore = rows.length > limit;
    const items = rows.slice(0, limit);
    return {
      items: items.map(toListRow),
      nextCursor: hasMore ? encodeCursor(items[items.length - 1].activity_key) : undefined,
    };
  }

  unreadCounts(): Record<FolderScope, number> {
    const r = this.stmts.unreadCounts.get() as Record<string, number | null>;
    const out = {} as Record<FolderScope, number>;
    for (const s of FOLDER_SCOPES) out[s] = (s === "all" ? r.all_ : r[s]) ?? 0;
    return out;
  }

  viewCounts(viewer: Viewer): Record<TeamView, number> {
    const out = {} as Record<TeamView, number>;
    for (const v of TEAM_VIEWS) {
      out[v] = this.prepared(`SELECT COUNT(*) FROM threads t WHERE ${SCOPE_WHERE[v]}`).pluck().get(viewerParams(viewer)) as number;
    }
    return out;
  }

  unreadIds(scope: Scope, viewer?: Viewer): string[] {
    return this.prepared(`SELECT t.id FROM threads t WHERE ${UNREAD_FOR_US} AND ${SCOPE_WHERE[scope]} ORDER BY t.activity_key DESC`)
      .pluck()
      .all(viewerParams(viewer)) as string[];
  }

  tolokerMessageCount(id: string): number | null {
    return (this.stmts.tolokerMessages.get(id) as number | undefined) ?? null;
  }

  count(): number {
    return (this.stmts.count.get() as { n: number }).n;
  }

  maxId(): string | null {
    return (this.stmts.maxId.get() as { id: string | null }).id;
  }

  allIds(): string[] {
    return this.stmts.allIds.all() as string[];
  }

  idsInFolder(folder: "UNREAD" | "IMPORTANT"): string[] {
    return (folder === "UNREAD" ? this.stmts.unreadIds : this.stmts.importantIds).all() as string[];
  }

  deleteMany(ids: string[]): number {
    let n = 0;
    this.db.transaction(() => {
      for (const id of ids) {
        const r = this.stmts.getRow.get(id) as ThreadRowDb | undefined;
        if (!r) continue;
        this.stmts.deleteFts.run(r.activity_key);
        this.stmts.deleteThread.run(id);
        n++;
      }
    })();
    return n;
  }
}
