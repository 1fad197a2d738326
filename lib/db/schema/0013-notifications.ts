import "server-only";
import type { Migration } from "../migrations";

/**
 * Notifications to the team (issue 16): each member's settings (`notify_settings`; a member without a row has
 * the defaults of DEFAULT_MEMBER_NOTIFY_SETTINGS), the durable queue of what is still to be said
 * (`notify_events`, one row per event and member, each way with its own state, attempts and next try), and
 * which appeals were already announced as close to their deadline (`notify_appeals`). The admin's settings are
 * one `kv` row (`notify.settings`). Only this app knows any of it, so it is all in app.sqlite.
 *
 * A way's state is `pending` until it is `sent`, `skipped` (the member or the server does not use that way) or
 * `failed` (every attempt failed). `*_retry_at` is when a pending row may be tried next: the backoff after a
 * failure, or the lease of a process that is sending it (so two processes never send one row twice).
 */
export const notificationsMigration: Migration = {
  version: 13,
  name: "notifications",
  sql: `
    CREATE TABLE notify_settings (
      user_id TEXT PRIMARY KEY,
      email INTEGER NOT NULL,
      webhook INTEGER NOT NULL,
      on_message INTEGER NOT NULL,
      on_unassigned INTEGER NOT NULL,
      on_assigned INTEGER NOT NULL,
      on_mention INTEGER NOT NULL,
      on_appeal INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE notify_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('message', 'assigned', 'mention', 'appeal')),
      thread_id TEXT NOT NULL,
      summary TEXT NOT NULL,
      created_at TEXT NOT NULL,
      email TEXT NOT NULL CHECK (email IN ('pending', 'sent', 'skipped', 'failed')),
      sent_email_at TEXT,
      email_attempts INTEGER NOT NULL DEFAULT 0,
      email_retry_at TEXT,
      webhook TEXT NOT NULL CHECK (webhook IN ('pending', 'sent', 'skipped', 'failed')),
      sent_webhook_at TEXT,
      webhook_attempts INTEGER NOT NULL DEFAULT 0,
      webhook_retry_at TEXT,
      last_error TEXT
    );
    CREATE INDEX notify_events_email ON notify_events (user_id, id) WHERE email = 'pending';
    CREATE INDEX notify_events_webhook ON notify_events (id) WHERE webhook = 'pending';
    CREATE INDEX notify_events_created ON notify_events (created_at);

    CREATE TABLE notify_appeals (
      assignment_id TEXT PRIMARY KEY,
      thread_id TEXT NOT NULL,
      notified_at TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
