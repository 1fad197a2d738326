import "server-only";
import { composeMigration } from "./schema/0003-compose";
import { teamMigration } from "./schema/0004-team";
import { mirrorTolokersMigration, tolokersMigration } from "./schema/0011-tolokers";
import { mirrorWorkflowMigration, workflowMigration } from "./schema/0012-workflow";
import { notificationsMigration } from "./schema/0013-notifications";
import { localeMigration } from "./schema/0014-locale";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/*
 * Versioned schema changes, applied at start. Never edit a released migration; add a new one.
 *
 * Two stores, two lists. The mirror (DATA_DIR/mirror.sqlite) is a copy of Toloka that can always be made again,
 * so a corrupted one is set aside and rebuilt by a full sync; the app store (DATA_DIR/app.sqlite) holds what
 * only this app knows (drafts, jobs, the team, the activity log) and is never thrown away.
 */

/**
 * The mirror. Lists are ordered by `activity_key`: an integer unique per thread that grows with the thread's
 * last activity. The FTS table uses the same number as its rowid, so a search can walk its matches newest first
 * and stop after one page instead of sorting every match.
 */
export const MIRROR_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "mirror",
    sql: `
      CREATE TABLE threads (
        id TEXT PRIMARY KEY,
        activity_key INTEGER NOT NULL UNIQUE,
        parent_id TEXT,
        topic_json TEXT NOT NULL,
        answerable INTEGER NOT NULL,
        created TEXT NOT NULL,
        last_activity TEXT NOT NULL,
        compose_json TEXT,
        meta_json TEXT,
        interlocutors_json TEXT NOT NULL,
        message_count INTEGER NOT NULL,
        last_message_json TEXT,
        in_inbox INTEGER NOT NULL DEFAULT 0,
        in_outbox INTEGER NOT NULL DEFAULT 0,
        in_notifications INTEGER NOT NULL DEFAULT 0,
        important INTEGER NOT NULL DEFAULT 0,
        unread INTEGER NOT NULL DEFAULT 0,
        toloker_wrote INTEGER NOT NULL DEFAULT 0,
        admin_wrote INTEGER NOT NULL DEFAULT 0,
        fetched_at TEXT NOT NULL
      );
      CREATE INDEX threads_all ON threads (activity_key);
      CREATE INDEX threads_inbox ON threads (activity_key) WHERE in_inbox = 1;
      CREATE INDEX threads_outbox ON threads (activity_key) WHERE in_outbox = 1;
      CREATE INDEX threads_notifications ON threads (activity_key) WHERE in_notifications = 1;
      CREATE INDEX threads_important ON threads (activity_key) WHERE important = 1;
      CREATE INDEX threads_users ON threads (activity_key) WHERE toloker_wrote = 1;
      CREATE INDEX threads_admin ON threads (activity_key) WHERE admin_wrote = 1;
      CREATE INDEX threads_unread ON threads (unread) WHERE unread = 1;
      CREATE INDEX threads_parent ON threads (parent_id) WHERE parent_id IS NOT NULL;

      CREATE TABLE messages (
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        from_id TEXT NOT NULL,
        from_role TEXT NOT NULL,
        myself INTEGER NOT NULL,
        created TEXT NOT NULL,
        text_json TEXT NOT NULL,
        PRIMARY KEY (thread_id, seq)
      ) WITHOUT ROWID;

      CREATE TABLE thread_tolokers (
        toloker_id TEXT NOT NULL,
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        PRIMARY KEY (toloker_id, thread_id)
      ) WITHOUT ROWID;
      CREATE INDEX thread_tolokers_thread ON thread_tolokers (thread_id);

      CREATE VIRTUAL TABLE threads_fts USING fts5 (
        topic, body,
        tokenize = 'unicode61 remove_diacritics 2'
      );

    `,
  },
  {
    version: 2,
    name: "sent-to-all index",
    // Finds today's send to all (a compose check) without reading every thread.
    sql: `
      CREATE INDEX threads_sent_to_all ON threads (created)
        WHERE in_outbox = 1 AND json_extract(compose_json, '$.recipients_select_type') = 'ALL';
    `,
  },
  {
    version: 3,
    name: "pool, project and assignment columns",
    // The search box's pool:, project: and assignment: (and the row's chips) narrow by these without reading
    // every thread's JSON; filled from the meta already held, so no sync is needed. has:replies-off has its index.
    sql: `
      ALTER TABLE threads ADD COLUMN pool_id TEXT;
      ALTER TABLE threads ADD COLUMN project_id TEXT;
      ALTER TABLE threads ADD COLUMN assignment_id TEXT;
      UPDATE threads SET pool_id = json_extract(meta_json, '$.pool_id'), project_id = json_extract(meta_json, '$.project_id'),
          assignment_id = json_extract(meta_json, '$.assignment_id')
        WHERE meta_json IS NOT NULL;
      CREATE INDEX threads_pool ON threads (pool_id, activity_key) WHERE pool_id IS NOT NULL;
      CREATE INDEX threads_project ON threads (project_id, activity_key) WHERE project_id IS NOT NULL;
      CREATE INDEX threads_assignment ON threads (assignment_id, activity_key) WHERE assignment_id IS NOT NULL;
      CREATE INDEX threads_replies_off ON threads (activity_key) WHERE answerable = 0;
    `,
  },
  mirrorTolokersMigration,
  mirrorWorkflowMigration,
];

// The app store. Version 1 held the mirror before it moved to its own file (5 removes what is left of it).
// Later features keep their schema in lib/db/schema/<version>-<name>.ts and are listed at the end.
export const MIGRATIONS: Migration[] = [
  {
    version: 2,
    name: "jobs",
    sql: `
      CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        params_json TEXT NOT NULL,
        total INTEGER NOT NULL,
        done INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        error TEXT
      );
      CREATE INDEX jobs_status ON jobs (status, created_at);

      CREATE TABLE job_items (
        job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        payload_json TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        started_at TEXT,
        finished_at TEXT,
        result_json TEXT,
        error TEXT,
        PRIMARY KEY (job_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX job_items_pending ON job_items (job_id, status);
    `,
  },
  composeMigration,
  teamMigration,
  {
    version: 5,
    name: "mirror moved to its own file",
    sql: `
      DROP TABLE IF EXISTS threads_fts;
      DROP TABLE IF EXISTS thread_tolokers;
      DROP TABLE IF EXISTS messages;
      DROP TABLE IF EXISTS threads;
    `,
  },
  {
    version: 6,
    name: "sign-in limits",
    // rate-limiter-flexible's SQLite store (lib/auth/rate-limit.ts): failed sign-ins survive a restart.
    sql: `
      CREATE TABLE IF NOT EXISTS sign_in_limits (
        key TEXT PRIMARY KEY,
        points INTEGER NOT NULL DEFAULT 0,
        expire INTEGER
      );
    `,
  },
  {
    version: 7,
    name: "revoked sessions",
    // A signed-out session's id (the token's sid) until the token would have expired anyway
    // (lib/db/sqlite/sessions.ts): a copy of the cookie is refused after a plain sign-out.
    sql: `
      CREATE TABLE IF NOT EXISTS revoked_sessions (
        sid TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 8,
    name: "a send superseded by another",
    // A send whose failed batches went out again from the draft it left: the later send's id, in a column of its
    // own (it was a key-value row, send.supersededBy.<job id>, before).
    sql: `
      ALTER TABLE jobs ADD COLUMN superseded_by TEXT;
      UPDATE jobs SET superseded_by = (SELECT value FROM kv WHERE key = 'send.supersededBy.' || jobs.id)
        WHERE EXISTS (SELECT 1 FROM kv WHERE key = 'send.supersededBy.' || jobs.id);
      DELETE FROM kv WHERE key LIKE 'send.supersededBy.%';
    `,
  },
  {
    version: 9,
    name: "one word for the activity log",
    // The app calls it the activity log everywhere; its table and indexes now say so too.
    sql: `
      ALTER TABLE audit_log RENAME TO activity_log;
      DROP INDEX audit_log_actor;
      DROP INDEX audit_log_action;
      DROP INDEX audit_log_thread;
      DROP INDEX audit_log_job;
      DROP INDEX audit_log_at;
      CREATE INDEX activity_log_actor ON activity_log (actor_id, id);
      CREATE INDEX activity_log_action ON activity_log (action, id);
      CREATE INDEX activity_log_thread ON activity_log (thread_id, id) WHERE thread_id IS NOT NULL;
      CREATE INDEX activity_log_job ON activity_log (job_id, id) WHERE job_id IS NOT NULL;
      CREATE INDEX activity_log_at ON activity_log (at);
    `,
  },
  {
    version: 10,
    name: "saved searches",
    // Each member's saved searches (the sidebar's list): only this app knows them. Keyed by member like drafts.
    sql: `
      CREATE TABLE saved_searches (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        q TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('tab', 'all')),
        created_at TEXT NOT NULL
      );
      CREATE INDEX saved_searches_user ON saved_searches (user_id, created_at);
    `,
  },
  tolokersMigration,
  workflowMigration,
  notificationsMigration,
  localeMigration,
];
