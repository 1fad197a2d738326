import "server-only";
import type { Migration } from "../migrations";

/**
 * The team's workflow (issue 16). None of it exists in Toloka, so it lives in the app store and never leaves it:
 * who owns a thread and its status (`thread_workflow`), the thread's internal timeline of notes, assignments and
 * status changes (`thread_events`), who has a thread open and who is typing (`presence`: in the store, not in a
 * process's memory, so several app servers see each other's members), and the team's saved replies.
 *
 * A thread marked done or snoozed keeps the number of Toloker messages it had then (`toloker_count`); once the
 * mirror holds more, the thread is open again. Nothing has to run for that to happen: the views compare the two.
 */
export const workflowMigration: Migration = {
  version: 12,
  name: "team workflow",
  sql: `
    CREATE TABLE thread_workflow (
      thread_id TEXT PRIMARY KEY,
      owner_id TEXT,
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'snoozed')),
      snooze_until TEXT,
      toloker_count INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL,
      updated_by TEXT
    ) WITHOUT ROWID;
    CREATE INDEX thread_workflow_owner ON thread_workflow (owner_id) WHERE owner_id IS NOT NULL;
    CREATE INDEX thread_workflow_status ON thread_workflow (status) WHERE status != 'open';

    CREATE TABLE thread_events (
      id TEXT PRIMARY KEY,
      thread_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('note', 'assign', 'status')),
      author_id TEXT,
      author_name TEXT NOT NULL,
      body TEXT NOT NULL,
      mentions TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL
    );
    CREATE INDEX thread_events_thread ON thread_events (thread_id, created_at);

    CREATE TABLE presence (
      thread_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      user_name TEXT NOT NULL,
      typing INTEGER NOT NULL DEFAULT 0,
      seen_at INTEGER NOT NULL,
      PRIMARY KEY (thread_id, user_id)
    ) WITHOUT ROWID;

    CREATE TABLE saved_replies (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      lang TEXT NOT NULL,
      body TEXT NOT NULL,
      created_by TEXT,
      updated_by_name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX saved_replies_lang ON saved_replies (lang, title);
  `,
};

/** The mirror counts each thread's Toloker messages, which a done or snoozed thread compares against. */
export const mirrorWorkflowMigration: Migration = {
  version: 5,
  name: "toloker message count",
  sql: `
    ALTER TABLE threads ADD COLUMN toloker_messages INTEGER NOT NULL DEFAULT 0;
    UPDATE threads SET toloker_messages = (SELECT COUNT(*) FROM messages m WHERE m.thread_id = threads.id AND m.from_role = 'USER');
  `,
};
