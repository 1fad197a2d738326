import "server-only";
import type { Migration } from "../migrations";

/**
 * Team access (issue 6): the team's accounts, the activity log, and who on the team wrote each message we sent.
 *
 * - `users.session_version` is copied into every session token; raising it ends every session of that person
 *   ("sign out everywhere", a removed password, a reset).
 * - `users.demo` marks the demo accounts of emulator mode and every account made while they exist: all of
 *   them are removed when the app is connected to a real Toloka, so no account with a published password
 *   (or made by someone who signed in with one) can act for a real account.
 * - `audit_log` keeps the actor's email and name as they were, so entries stay readable after removal.
 * - `message_authors.message_created` is the message's time as the mirror holds it (ISO 8601), or '' for
 *   "the first message of a thread we composed" when only the thread's id is known.
 */
export const teamMigration: Migration = {
  version: 4,
  name: "team",
  sql: `
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE COLLATE NOCASE,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('viewer', 'sender', 'admin')),
      password_hash TEXT,
      must_change_password INTEGER NOT NULL DEFAULT 0,
      invite_hash TEXT UNIQUE,
      invite_expires_at TEXT,
      oidc_subject TEXT UNIQUE,
      demo INTEGER NOT NULL DEFAULT 0,
      session_version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      created_by TEXT,
      updated_at TEXT NOT NULL,
      last_sign_in_at TEXT
    );

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor_id TEXT,
      actor_email TEXT,
      actor_name TEXT,
      action TEXT NOT NULL,
      thread_id TEXT,
      job_id TEXT,
      target TEXT,
      details_json TEXT,
      ip TEXT,
      request_id TEXT
    );
    CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
    CREATE INDEX audit_log_action ON audit_log (action, id);
    CREATE INDEX audit_log_thread ON audit_log (thread_id, id) WHERE thread_id IS NOT NULL;
    CREATE INDEX audit_log_job ON audit_log (job_id, id) WHERE job_id IS NOT NULL;
    CREATE INDEX audit_log_at ON audit_log (at);

    CREATE TABLE message_authors (
      thread_id TEXT NOT NULL,
      message_created TEXT NOT NULL,
      user_id TEXT NOT NULL,
      user_name TEXT NOT NULL,
      user_email TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      PRIMARY KEY (thread_id, message_created)
    ) WITHOUT ROWID;
  `,
};
