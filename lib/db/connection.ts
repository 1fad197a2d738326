import "server-only";
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { privateDir, privateFile } from "@/lib/private-files";
import { MIGRATIONS, MIRROR_MIGRATIONS, type Migration } from "./migrations";

export type Db = Database.Database;

function tune(db: Db, schema = "main"): void {
  db.pragma(`${schema}.journal_mode = WAL`);
  db.pragma(`${schema}.synchronous = NORMAL`);
  db.pragma(`${schema}.cache_size = -65536`);
}

function connect(file: string): Db {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  db.pragma("temp_store = MEMORY");
  tune(db);
  return db;
}

/**
 * Opens (creating if needed) one SQLite file with WAL (readers never wait for the sync's writes), a busy
 * timeout (two processes on the same file wait rather than fail), and the given migrations applied.
 */
function openDatabase(file: string, migrations: Migration[] = MIGRATIONS, table = "schema_migrations"): Db {
  if (file !== ":memory:") {
    privateDir(path.dirname(file));
    privateFile(file);
  }
  const db = connect(file);
  migrate(db, migrations, table);
  return db;
}

/**
 * Applies every migration the store has not recorded yet, in version order, each in its own transaction.
 * By recorded version rather than "newer than the highest": features built on branches number their
 * migrations ahead of time, so a store may hold 4 before 3 exists.
 */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS, table = "schema_migrations"): number {
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set(db.prepare(`SELECT version FROM ${table}`).pluck().all() as number[]);
  let applied = 0;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare(`INSERT INTO ${table} (version, name, applied_at) VALUES (?, ?, ?)`).run(m.version, m.name, new Date().toISOString());
    })();
    applied++;
  }
  return applied;
}

/** Whether a SQLite file opens and passes SQLite's own quick check. */
function isHealthy(file: string): boolean {
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      const result = db.pragma("quick_check", { simple: true });
      return result === "ok";
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

export interface OpenedStore {
  db: Db;
  /** Why the mirror starts empty this time, or null when an existing mirror was opened. */
  mirrorRebuilt: null | "missing" | "corrupt";
}

/**
 * Opens the app store and attaches the mirror to the same connection (schema `mirror`), so queries see both.
 * A missing mirror is created; a corrupt one is set aside (`*.corrupt-<time>`) and created anew, for a full sync
 * to fill again. The app store is never set aside: its drafts, jobs and activity log exist nowhere else.
 * With ":memory:" both live in one in-memory database.
 */
export function openStore(appFile: string, mirrorFile: string): OpenedStore {
  if (appFile === ":memory:") {
    const db = connect(":memory:");
    migrate(db, MIGRATIONS);
    migrate(db, MIRROR_MIGRATIONS, "mirror_migrations");
    return { db, mirrorRebuilt: "missing" };
  }
  privateDir(path.dirname(appFile));
  let mirrorRebuilt: OpenedStore["mirrorRebuilt"] = null;
  // An empty file (a crash between creating and first writing it) is as good as missing.
  if (!fs.existsSync(mirrorFile) || fs.statSync(mirrorFile).size === 0) mirrorRebuilt = "missing";
  else if (!isHealthy(mirrorFile)) {
    const aside = `${mirrorFile}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    for (const suffix of ["", "-wal", "-shm"]) if (fs.existsSync(mirrorFile + suffix)) fs.renameSync(mirrorFile + suffix, aside + suffix);
    mirrorRebuilt = "corrupt";
  }
  openDatabase(mirrorFile, MIRROR_MIGRATIONS, "mirror_migrations").close();

  const db = openDatabase(appFile, MIGRATIONS);
  db.prepare("ATTACH DATABASE ? AS mirror").run(mirrorFile);
  tune(db, "mirror");
  if (mirrorRebuilt) {
    // A new mirror has never been synced, whatever the app store remembers about the old one.
    db.prepare("DELETE FROM main.kv WHERE key LIKE 'sync.%' OR key = 'mirror.connection'").run();
  }
  return { db, mirrorRebuilt };
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement for this SQL on this connection, prepared once: preparing costs more than running a
 * small query, and the repositories run the same few statements on every request (the session's user, for one).
 * A statement's mode (`pluck()`) sticks, so one SQL text must always be used in the same mode.
 */
export function statement(db: Db, sql: string): Database.Statement {
  let forDb = statementCache.get(db);
  if (!forDb) {
    forDb = new Map();
    statementCache.set(db, forDb);
  }
  let stmt = forDb.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    forDb.set(sql, stmt);
  }
  return stmt;
}
