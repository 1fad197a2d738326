import "server-only";
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS } from "./migrations";

export type Db = Database.Database;

/**
 * Opens (creating if needed) the app's SQLite store: WAL so readers never wait for the sync's writes,
 * a busy timeout so two processes on the same file wait rather than fail, and the migrations applied.
 */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  db.pragma("cache_size = -65536");
  db.pragma("temp_store = MEMORY");
  migrate(db);
  return db;
}

/**
 * Applies every migration the store has not recorded yet, in version order, each in its own transaction.
 * By recorded version rather than "newer than the highest": features built on branches number their
 * migrations ahead of time, so a store may hold 4 before 3 exists.
 */
export function migrate(db: Db): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const done = new Set(db.prepare("SELECT version FROM schema_migrations").pluck().all() as number[]);
  let applied = 0;
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, new Date().toISOString());
    })();
    applied++;
  }
  return applied;
}
