import "server-only";
import type { Migration } from "../migrations";

/**
 * The Toloker panel and appeals (issue 15).
 *
 * In the app store, what only this app knows: the permissions an admin granted a member (`users.permissions`,
 * a JSON list of `Permission`), what the team decided about an appeal (`appeal_decisions`: the appeal leaves the
 * queue either way), and which bonus a payment found in Toloka's list after its answer was lost (`bonus_claims`:
 * one bonus settles one payment, never two).
 */
export const tolokersMigration: Migration = {
  version: 11,
  name: "toloker panel and appeals",
  sql: `
    ALTER TABLE users ADD COLUMN permissions TEXT NOT NULL DEFAULT '[]';

    CREATE TABLE appeal_decisions (
      assignment_id TEXT PRIMARY KEY,
      thread_id TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('accepted', 'kept')),
      user_id TEXT,
      user_name TEXT NOT NULL,
      at TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE bonus_claims (
      bonus_id TEXT PRIMARY KEY,
      job_id TEXT NOT NULL,
      seq INTEGER NOT NULL
    ) WITHOUT ROWID;
  `,
};

/**
 * In the mirror, copies of Toloka that can be read again: each part of a Toloker's panel as last read
 * (`toloker_cache`), the assignments appeals name (`assignments`), and which threads name which assignment
 * (`appeal_refs`: from the thread's meta or its topic, found by a scan that resumes from `activity_key`).
 */
export const mirrorTolokersMigration: Migration = {
  version: 4,
  name: "toloker panel cache and appeals",
  sql: `
    CREATE TABLE toloker_cache (
      toloker_id TEXT NOT NULL,
      part TEXT NOT NULL,
      json TEXT NOT NULL,
      fetched_at TEXT NOT NULL,
      PRIMARY KEY (toloker_id, part)
    ) WITHOUT ROWID;

    CREATE TABLE assignments (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      json TEXT,
      fetched_at TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE appeal_refs (
      thread_id TEXT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
      assignment_id TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX appeal_refs_assignment ON appeal_refs (assignment_id);
  `,
};
