import type { Migration } from "../migrations";

/**
 * Compose: drafts per team member, and the threads each send job has accounted for.
 *
 * `sent_threads` is what makes a send exactly once: a thread found in OUTBOX while settling a batch whose outcome
 * was unknown is claimed by that batch, so no other batch (of this send or another with the same words and
 * recipients) can count it as its own. (Finding today's send to all uses the mirror's index, its migration 2.)
 */
export const composeMigration: Migration = {
  version: 3,
  name: "compose",
  sql: `
    CREATE TABLE drafts (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      content_json TEXT NOT NULL,
      from_job_id TEXT
    );
    CREATE INDEX drafts_user ON drafts (user_id, updated_at);
    CREATE INDEX drafts_from_job ON drafts (from_job_id) WHERE from_job_id IS NOT NULL;

    CREATE TABLE sent_threads (
      thread_id TEXT PRIMARY KEY,
      job_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      claimed_at TEXT NOT NULL
    );
    CREATE INDEX sent_threads_job ON sent_threads (job_id, seq);

    CREATE INDEX jobs_kind_user ON jobs (kind, created_by, created_at);
  `,
};
