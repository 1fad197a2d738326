import "server-only";
import { statement, type Db } from "../connection";
import type {
  NewNotifyEvent,
  NotificationRepository,
  NotifyChannel,
  NotifyEventKind,
  NotifyEventRecord,
  NotifySettingsRecord,
  NotifyState,
  NotifySummary,
} from "../types";

interface SettingsRow {
  user_id: string;
  email: number;
  webhook: number;
  on_message: number;
  on_unassigned: number;
  on_assigned: number;
  on_mention: number;
  on_appeal: number;
  updated_at: string;
}

interface EventRow {
  id: number;
  user_id: string;
  kind: NotifyEventKind;
  thread_id: string;
  summary: string;
  created_at: string;
  email: NotifyState;
  sent_email_at: string | null;
  email_attempts: number;
  email_retry_at: string | null;
  webhook: NotifyState;
  sent_webhook_at: string | null;
  webhook_attempts: number;
  webhook_retry_at: string | null;
  last_error: string | null;
}

function readSummary(json: string): NotifySummary {
  try {
    const v = JSON.parse(json) as NotifySummary;
    return v && typeof v.topic === "string" ? v : { topic: "" };
  } catch {
    return { topic: "" };
  }
}

const toEvent = (r: EventRow): NotifyEventRecord => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  threadId: r.thread_id,
  summary: readSummary(r.summary),
  createdAt: r.created_at,
  email: r.email,
  sentEmailAt: r.sent_email_at,
  emailAttempts: r.email_attempts,
  webhook: r.webhook,
  sentWebhookAt: r.sent_webhook_at,
  webhookAttempts: r.webhook_attempts,
  lastError: r.last_error,
});

/** The columns of one way: fixed names, never from input. */
const COLUMNS = {
  email: { state: "email", at: "sent_email_at", attempts: "email_attempts", retry: "email_retry_at" },
  webhook: { state: "webhook", at: "sent_webhook_at", attempts: "webhook_attempts", retry: "webhook_retry_at" },
} as const;

/** The ids of a statement as one JSON array (`id IN (SELECT value FROM json_each(?))`): one statement for any number. */
const IDS = "id IN (SELECT value FROM json_each(@ids))";

/** Notifications in app.sqlite: the members' settings, the queue of what is to be said, the appeals announced. */
export class SqliteNotificationRepository implements NotificationRepository {
  private readonly stmts;
  constructor(private readonly db: Db) {
    this.stmts = {
      settings: db.prepare("SELECT * FROM notify_settings WHERE user_id = ?"),
      putSettings: db.prepare(
        `INSERT INTO notify_settings (user_id, email, webhook, on_message, on_unassigned, on_assigned, on_mention, on_appeal, updated_at)
         VALUES (@user_id, @email, @webhook, @on_message, @on_unassigned, @on_assigned, @on_mention, @on_appeal, @updated_at)
         ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, webhook = excluded.webhook, on_message = excluded.on_message,
           on_unassigned = excluded.on_unassigned, on_assigned = excluded.on_assigned, on_mention = excluded.on_mention,
           on_appeal = excluded.on_appeal, updated_at = excluded.updated_at`,
      ),
      wantingUnassigned: db
        .prepare("SELECT s.user_id FROM notify_settings s JOIN users u ON u.id = s.user_id WHERE s.on_message = 1 AND s.on_unassigned = 1 ORDER BY s.user_id")
        .pluck(),
      wantingAppeal: db.prepare("SELECT s.user_id FROM notify_settings s JOIN users u ON u.id = s.user_id WHERE s.on_appeal = 1 ORDER BY s.user_id").pluck(),
      insert: db.prepare(
        `INSERT INTO notify_events (user_id, kind, thread_id, summary, created_at, email, webhook)
         VALUES (@user_id, @kind, @thread_id, @summary, @created_at, @email, @webhook)`,
      ),
      pending: db.prepare("SELECT COUNT(*) FROM notify_events WHERE email = 'pending' OR webhook = 'pending'").pluck(),
      failed: db.prepare("SELECT COUNT(*) FROM notify_events WHERE (email = 'failed' OR webhook = 'failed') AND created_at >= ?").pluck(),
      prune: db.prepare("DELETE FROM notify_events WHERE email != 'pending' AND webhook != 'pending' AND created_at < ?"),
      appeal: db.prepare("INSERT INTO notify_appeals (assignment_id, thread_id, notified_at) VALUES (?, ?, ?) ON CONFLICT (assignment_id) DO NOTHING"),
    };
  }

  settings(userId: string): NotifySettingsRecord | null {
    const r = this.stmts.settings.get(userId) as SettingsRow | undefined;
    if (!r) return null;
    return {
      email: r.email === 1,
      webhook: r.webhook === 1,
      message: r.on_message === 1,
      unassigned: r.on_unassigned === 1,
      assigned: r.on_assigned === 1,
      mention: r.on_mention === 1,
      appeal: r.on_appeal === 1,
      updatedAt: r.updated_at,
    };
  }

  putSettings(userId: string, s: NotifySettingsRecord): void {
    const bit = (b: boolean) => (b ? 1 : 0);
    this.stmts.putSettings.run({
      user_id: userId,
      email: bit(s.email),
      webhook: bit(s.webhook),
      on_message: bit(s.message),
      on_unassigned: bit(s.unassigned),
      on_assigned: bit(s.assigned),
      on_mention: bit(s.mention),
      on_appeal: bit(s.appeal),
      updated_at: s.updatedAt,
    });
  }

  membersWanting(what: "unassigned" | "appeal"): string[] {
    return (what === "unassigned" ? this.stmts.wantingUnassigned : this.stmts.wantingAppeal).all() as string[];
  }

  add(events: NewNotifyEvent[]): void {
    if (events.length === 0) return;
    this.db.transaction(() => {
      for (const e of events) {
        this.stmts.insert.run({
          user_id: e.userId,
          kind: e.kind,
          thread_id: e.threadId,
          summary: JSON.stringify(e.summary),
          created_at: e.createdAt,
          email: e.email,
          webhook: e.webhook,
        });
      }
    })();
  }

  claim(channel: NotifyChannel, opts: { now: string; windowStart: string; leaseUntil: string; group: "member" | "all" }): NotifyEventRecord[] {
    const c = COLUMNS[channel];
    const due = `${c.state} = 'pending' AND (${c.retry} IS NULL OR ${c.retry} <= @now)`;
    // A member's rows go when the oldest of them has waited a whole window (email); the webhook's, all together.
    const sql =
      opts.group === "member"
        ? `SELECT * FROM notify_events WHERE ${due} AND user_id IN
             (SELECT user_id FROM notify_events WHERE ${due} GROUP BY user_id HAVING MIN(created_at) <= @windowStart)
           ORDER BY user_id, id`
        : `SELECT * FROM notify_events WHERE ${due} AND (SELECT MIN(created_at) FROM notify_events WHERE ${due}) <= @windowStart ORDER BY id`;
    return this.db.transaction(() => {
      const rows = statement(this.db, sql).all({ now: opts.now, windowStart: opts.windowStart }) as EventRow[];
      if (rows.length > 0) {
        statement(this.db, `UPDATE notify_events SET ${c.retry} = @lease WHERE ${IDS}`).run({
          lease: opts.leaseUntil,
          ids: JSON.stringify(rows.map((r) => r.id)),
        });
      }
      return rows.map(toEvent);
    })();
  }

  settle(channel: NotifyChannel, ids: number[], state: "sent" | "skipped", at: string): void {
    const c = COLUMNS[channel];
    statement(this.db, `UPDATE notify_events SET ${c.state} = @state, ${c.at} = @at, ${c.retry} = NULL WHERE ${c.state} = 'pending' AND ${IDS}`).run({
      state,
      at,
      ids: JSON.stringify(ids),
    });
  }

  skipPending(channel: NotifyChannel, at: string): number {
    const c = COLUMNS[channel];
    return statement(this.db, `UPDATE notify_events SET ${c.state} = 'skipped', ${c.at} = ?, ${c.retry} = NULL WHERE ${c.state} = 'pending'`).run(at).changes;
  }

  fail(channel: NotifyChannel, ids: number[], f: { error: string; at: string; retryAt: string; maxAttempts: number }): number {
    const c = COLUMNS[channel];
    const json = JSON.stringify(ids);
    return this.db.transaction(() => {
      statement(
        this.db,
        `UPDATE notify_events SET ${c.attempts} = ${c.attempts} + 1, ${c.retry} = @retryAt, last_error = @error WHERE ${c.state} = 'pending' AND ${IDS}`,
      ).run({ retryAt: f.retryAt, error: f.error, ids: json });
      return statement(
        this.db,
        `UPDATE notify_events SET ${c.state} = 'failed', ${c.at} = @at, ${c.retry} = NULL WHERE ${c.state} = 'pending' AND ${c.attempts} >= @max AND ${IDS}`,
      ).run({ at: f.at, max: f.maxAttempts, ids: json }).changes;
    })();
  }

  counts(failedSince: string): { pending: number; failed: number } {
    return { pending: this.stmts.pending.get() as number, failed: this.stmts.failed.get(failedSince) as number };
  }

  prune(before: string): number {
    return this.stmts.prune.run(before).changes;
  }

  markAppealNotified(assignmentId: string, threadId: string, at: string): boolean {
    return this.stmts.appeal.run(assignmentId, threadId, at).changes > 0;
  }
}
