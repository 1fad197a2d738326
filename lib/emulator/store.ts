import "server-only";
import path from "node:path";
import Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import type { Toloker } from "../filters/toloker";
import { selectTolokers, type RecipientFilter } from "../filters";
import type { ComposeDetails, Folder, Interlocutor, InterlocutorRole, LocalizedText, ThreadMeta, WireSkill, WireThread } from "../toloka/wire";
import { privateDir, privateFile } from "../private-files";
import { EmulatorApiError } from "./http";
import { objectId, tolokaDate } from "./ids";
import { TolokerRecords } from "./records";
import type { SeedData, SeedThread, SeedToloker } from "./seed";
import { SPEC_FOLDERS as FOLDERS } from "./spec-schema";
import type { ComposeInput, SkillListQuery, SortKey, ThreadListQuery } from "./validation";

/*
 * The emulator's SQLite store. The normalised tables (threads, interlocutors, messages, thread_folders,
 * recipients) are the truth; `threads.wire` caches each thread's rendered Toloka JSON, rewritten inside
 * every transaction that changes the thread, so a list page is one indexed range scan that concatenates
 * stored strings instead of joining ~1,500 message rows and serialising them (the list is benchmarked).
 * Folders live twice on purpose: `thread_folders` (folder, thread_id) lets a folder filter walk an index
 * in id or created order, and the `threads.folders` bit set makes `folder_ne` a cheap row test.
 */

// The demo data's shapes are the generator's own; the store accepts anything of that shape (tests pass fixtures).
export type { SeedData, SeedThread, SeedToloker } from "./seed";

/** Daily compose quotas (toloka-api.md §2.2); injectable so tests need not send 100,000 messages. */
export interface DailyQuotas {
  /** Sends to ALL per UTC day. */
  allPerDay: number;
  /** DIRECT recipients per UTC day. */
  directRecipientsPerDay: number;
}

/** One (thread, Toloker) delivery of a composed thread. */
export interface RecipientRow {
  thread_id: string;
  toloker_id: string;
  created: string;
}

const FOLDER_BIT: Record<Folder, number> = Object.fromEntries(FOLDERS.map((f, i) => [f, 1 << i])) as Record<Folder, number>;

function folderBits(folders: readonly Folder[]): number {
  let bits = 0;
  for (const f of folders) bits |= FOLDER_BIT[f];
  return bits;
}

function bitsToFolders(bits: number): Folder[] {
  return FOLDERS.filter((f) => (bits & FOLDER_BIT[f]) !== 0);
}

/** Parses a stored or seeded Toloka date-time (no zone means UTC) to epoch milliseconds. */
function parseWireDate(text: string): number {
  const ms = Date.parse(/[zZ]$/.test(text) ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw new Error(`Invalid date-time in seed data: ${text}`);
  return ms;
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

interface ThreadRecord {
  id: string;
  parentId?: string;
  topic: LocalizedText;
  answerable: boolean;
  folders: number;
  createdMs: number;
  composeDetails?: ComposeDetails;
  meta?: ThreadMeta;
}

interface MessageRecord {
  fromId: string;
  fromRole: InterlocutorRole;
  text: LocalizedText;
  createdMs: number;
}

interface InterlocutorRecord {
  id: string;
  role: InterlocutorRole;
}

interface ThreadRow {
  id: string;
  parent_id: string | null;
  created_ms: number;
  answerable: number;
  folders: number;
  topic: string;
  compose_details: string | null;
  meta: string | null;
}

/** Bumped whenever SCHEMA changes incompatibly; an older file is refused with a clear message. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tolokers (
  id TEXT PRIMARY KEY,
  did_task INTEGER NOT NULL,
  data TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tolokers_did_task ON tolokers (did_task, id);
CREATE TABLE IF NOT EXISTS skills (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  global INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  wire TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS skills_name ON skills (name);
CREATE INDEX IF NOT EXISTS skills_created ON skills (created_ms, id);
CREATE TABLE IF NOT EXISTS threads (
  id TEXT PRIMARY KEY,
  parent_id TEXT,
  created_ms INTEGER NOT NULL,
  answerable INTEGER NOT NULL,
  folders INTEGER NOT NULL,
  topic TEXT NOT NULL,
  compose_details TEXT,
  meta TEXT,
  wire TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS threads_created ON threads (created_ms, id);
CREATE INDEX IF NOT EXISTS threads_parent ON threads (parent_id) WHERE parent_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS thread_folders (
  folder INTEGER NOT NULL,
  thread_id TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (folder, thread_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS thread_folders_created ON thread_folders (folder, created_ms, thread_id);
CREATE TABLE IF NOT EXISTS interlocutors (
  thread_id TEXT NOT NULL,
  id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (thread_id, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY,
  thread_id TEXT NOT NULL,
  from_id TEXT NOT NULL,
  from_role TEXT NOT NULL,
  text TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_thread ON messages (thread_id, created_ms);
-- No secondary indexes: mass sends make this the biggest table (an ALL send to 1,700 Tolokers is 1,700 rows),
-- and "since" queries reach it through threads_created.
CREATE TABLE IF NOT EXISTS recipients (
  thread_id TEXT NOT NULL,
  toloker_id TEXT NOT NULL,
  PRIMARY KEY (thread_id, toloker_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quota_counters (
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, kind)
) WITHOUT ROWID;
-- The Toloker records (records.ts). A user skill's value lives in the Toloker's data (filters read it there);
-- this table gives each (Toloker, skill) its id and dates.
CREATE TABLE IF NOT EXISTS user_skills (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL,
  skill_id TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  modified_ms INTEGER NOT NULL,
  UNIQUE (user_id, skill_id)
);
CREATE TABLE IF NOT EXISTS restrictions (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  project_id TEXT,
  pool_id TEXT,
  private_comment TEXT,
  will_expire_ms INTEGER,
  created_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS restrictions_user ON restrictions (user_id, id);
CREATE TABLE IF NOT EXISTS bonuses (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL,
  mills INTEGER NOT NULL,
  public_title TEXT,
  public_message TEXT,
  without_message INTEGER NOT NULL,
  private_comment TEXT,
  assignment_id TEXT,
  operation_id TEXT,
  created_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS bonuses_user ON bonuses (user_id, id);
CREATE TABLE IF NOT EXISTS operations (id TEXT PRIMARY KEY, created_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS assignments (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reward_mills INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  submitted_ms INTEGER,
  accepted_ms INTEGER,
  rejected_ms INTEGER,
  public_comment TEXT,
  tasks TEXT NOT NULL,
  solutions TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS assignments_user ON assignments (user_id, pool_id, id);
CREATE INDEX IF NOT EXISTS assignments_pool ON assignments (pool_id, id);
`;

/** Tables `wipe()` empties; `meta` keeps the id counter so ids still grow after a reset. */
const DATA_TABLES = [
  "tolokers",
  "skills",
  "threads",
  "thread_folders",
  "interlocutors",
  "messages",
  "recipients",
  "quota_counters",
  "user_skills",
  "restrictions",
  "bonuses",
  "operations",
  "assignments",
];

function doesNotExist(id: string): EmulatorApiError {
  return new EmulatorApiError(404, "DOES_NOT_EXIST", `Message thread ${id} does not exist`);
}

function conflict(message: string): EmulatorApiError {
  return new EmulatorApiError(409, "CONFLICT_STATE", message);
}

function incorrectRecipients(message: string, payload?: unknown): EmulatorApiError {
  return new EmulatorApiError(400, "INCORRECT_RECIPIENTS", message, payload);
}

/**
 * The emulator's persistent state in one SQLite file. Every method is synchronous (better-sqlite3) and
 * every write runs in one transaction, so a thread is never seen half-written.
 */
export class EmulatorStore {
  readonly db: Database.Database;
  private readonly now: () => Date;
  /** Skills of Tolokers, restrictions, bonuses, assignments and the balance (the Toloker endpoints). */
  readonly records: TolokerRecords;
  private readonly stmts: ReturnType<EmulatorStore["prepareStatements"]>;
  private readonly listStatements = new Map<string, Statement>();
  private tolokerCache: { all: SeedToloker[]; byId: Map<string, SeedToloker> } | null = null;
  /** Threads whose JSON a control fault replaced (sent as given, even in variety mode) until a write renders them. */
  private readonly overridden = new Set<string>();
  /** Variety mode: a fresh compose is in UNREAD as well as OUTBOX until it is answered or marked read. */
  readonly sentUnread: boolean;

  /**
   * Opens (creating when needed) the store at `dbPath`; `now` stamps every new message and id. `sentUnread`
   * puts composed threads in UNREAD too, as Toloka's docs say it may (toloka-api.md §7; variety mode).
   */
  constructor(dbPath: string, opts: { now?: () => Date; sentUnread?: boolean } = {}) {
    this.sentUnread = opts.sentUnread === true;
    if (dbPath !== ":memory:") {
      privateDir(path.dirname(path.resolve(dbPath)));
      privateFile(dbPath);
    }
    this.db = new Database(dbPath);
    this.now = opts.now ?? (() => new Date());
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("cache_size = -65536");
    this.db.pragma("temp_store = MEMORY");
    const version = this.db.pragma("user_version", { simple: true }) as number;
    if (version !== 0 && version !== SCHEMA_VERSION) {
      this.db.close();
      throw new Error(
        `The emulator store ${dbPath} has schema version ${version}, this code expects ${SCHEMA_VERSION}: delete the file (it holds only demo data) or run scripts/seed.ts --reset`,
      );
    }
    this.db.exec(SCHEMA);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.stmts = this.prepareStatements();
    this.records = new TolokerRecords(this, this.now);
  }

  private prepareStatements() {
    const db = this.db;
    return {
      getMeta: db.prepare("SELECT value FROM meta WHERE key = ?").pluck(),
      setMeta: db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
      insertToloker: db.prepare(
        "INSERT INTO tolokers (id, did_task, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET did_task = excluded.did_task, data = excluded.data",
      ),
      insertSkill: db.prepare(
        "INSERT INTO skills (id, name, global, created_ms, wire) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, global = excluded.global, created_ms = excluded.created_ms, wire = excluded.wire",
      ),
      insertThread: db.prepare(
        "INSERT INTO threads (id, parent_id, created_ms, answerable, folders, topic, compose_details, meta, wire) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      insertFolder: db.prepare("INSERT OR IGNORE INTO thread_folders (folder, thread_id, created_ms) VALUES (?, ?, ?)"),
      deleteFolder: db.prepare("DELETE FROM thread_folders WHERE folder = ? AND thread_id = ?"),
      insertInterlocutor: db.prepare("INSERT OR IGNORE INTO interlocutors (thread_id, id, role) VALUES (?, ?, ?)"),
      insertMessage: db.prepare("INSERT INTO messages (thread_id, from_id, from_role, text, created_ms) VALUES (?, ?, ?, ?, ?)"),
      insertRecipient: db.prepare("INSERT OR IGNORE INTO recipients (thread_id, toloker_id) VALUES (?, ?)"),
      threadRow: db.prepare("SELECT id, parent_id, created_ms, answerable, folders, topic, compose_details, meta FROM threads WHERE id = ?"),
      threadWire: db.prepare("SELECT wire FROM threads WHERE id = ?").pluck(),
      threadInterlocutors: db.prepare("SELECT id, role FROM interlocutors WHERE thread_id = ? ORDER BY id"),
      threadMessages: db.prepare("SELECT from_id, from_role, text, created_ms FROM messages WHERE thread_id = ? ORDER BY created_ms DESC, seq DESC"),
      updateWire: db.prepare("UPDATE threads SET wire = ? WHERE id = ?"),
      updateFolders: db.prepare("UPDATE threads SET folders = ? WHERE id = ?"),
      threadRecipients: db.prepare("SELECT toloker_id FROM recipients WHERE thread_id = ? ORDER BY toloker_id").pluck(),
      childOf: db
        .prepare("SELECT t.id FROM threads t JOIN interlocutors i ON i.thread_id = t.id AND i.id = ? WHERE t.parent_id = ? ORDER BY t.id LIMIT 1")
        .pluck(),
      recipientsSince: db.prepare(
        "SELECT r.thread_id, r.toloker_id, t.created_ms FROM threads t CROSS JOIN recipients r ON r.thread_id = t.id WHERE t.created_ms >= ? ORDER BY t.created_ms, t.id, r.toloker_id",
      ),
      unknownTolokers: db.prepare("SELECT j.value FROM json_each(?) j WHERE NOT EXISTS (SELECT 1 FROM tolokers t WHERE t.id = j.value)").pluck(),
      tolokerExists: db.prepare("SELECT 1 FROM tolokers WHERE id = ?").pluck(),
      tolokersWhoDidTasks: db.prepare("SELECT id FROM tolokers WHERE did_task = 1 ORDER BY id").pluck(),
      allTolokers: db.prepare("SELECT data, did_task FROM tolokers ORDER BY id"),
      tolokerPage: db.prepare("SELECT data, did_task FROM tolokers ORDER BY id LIMIT ? OFFSET ?"),
      tolokerAt: db.prepare("SELECT id FROM tolokers WHERE did_task >= ? ORDER BY id LIMIT 1 OFFSET ?").pluck(),
      countTolokers: db.prepare("SELECT count(*) FROM tolokers WHERE did_task >= ?").pluck(),
      getQuota: db.prepare("SELECT count FROM quota_counters WHERE day = ? AND kind = ?").pluck(),
      addQuota: db.prepare(
        "INSERT INTO quota_counters (day, kind, count) VALUES (?, ?, ?) ON CONFLICT (day, kind) DO UPDATE SET count = count + excluded.count",
      ),
      maxThreadId: db.prepare("SELECT max(id) FROM threads").pluck(),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Identity and housekeeping

  private meta(key: string): string | undefined {
    return this.stmts.getMeta.get(key) as string | undefined;
  }

  /** The requester the API acts as (`myself: true`). */
  get requesterId(): string {
    return this.ensureIdentity().requesterId;
  }

  /** The administrator account that writes admin messages. */
  get administratorId(): string {
    return this.ensureIdentity().administratorId;
  }

  /** The platform account behind automatic notifications. */
  get systemId(): string {
    return this.ensureIdentity().systemId;
  }

  private identity: { requesterId: string; administratorId: string; systemId: string } | null = null;

  private ensureIdentity() {
    if (this.identity) return this.identity;
    let requesterId = this.meta("requester_id");
    let administratorId = this.meta("administrator_id");
    let systemId = this.meta("system_id");
    if (!requesterId || !administratorId || !systemId) {
      // An unseeded store still needs accounts; fixed values keep them stable across restarts and resets.
      requesterId ??= "0000000000000000000000000000000a";
      administratorId ??= "0000000000000000000000000000000b";
      systemId ??= "0000000000000000000000000000000c";
      this.setIdentity({ requesterId, administratorId, systemId });
    }
    this.identity = { requesterId, administratorId, systemId };
    return this.identity;
  }

  private setIdentity(ids: { requesterId: string; administratorId: string; systemId: string }) {
    this.stmts.setMeta.run("requester_id", ids.requesterId);
    this.stmts.setMeta.run("administrator_id", ids.administratorId);
    this.stmts.setMeta.run("system_id", ids.systemId);
    this.identity = { ...ids };
  }

  /** True when the store holds no threads and no Tolokers (a fresh file, or after `wipe`). */
  isEmpty(): boolean {
    return this.db.prepare("SELECT NOT EXISTS (SELECT 1 FROM threads) AND NOT EXISTS (SELECT 1 FROM tolokers)").pluck().get() === 1;
  }

  /** Whether demo data was seeded into this store (kept so a store the user emptied is not reseeded). */
  get seeded(): boolean {
    return this.meta("seeded") === "1";
  }

  /** Row counts, for the control endpoint and the seed script. */
  counts(): { threads: number; messages: number; tolokers: number; skills: number; recipients: number } {
    const count = (table: string) => this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return {
      threads: count("threads"),
      messages: count("messages"),
      tolokers: count("tolokers"),
      skills: count("skills"),
      recipients: count("recipients"),
    };
  }

  /** Deletes every thread, Toloker, skill and quota counter. The id counter survives, so ids keep growing. */
  wipe(): void {
    this.db.transaction(() => {
      for (const table of DATA_TABLES) this.db.exec(`DELETE FROM ${table}`);
      this.db.prepare("DELETE FROM meta WHERE key IN ('seeded', 'balance_mills')").run();
    })();
    this.tolokerCache = null;
    this.listStatements.clear();
    this.overridden.clear();
  }

  /** Closes the database; the object is unusable afterwards. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * The next thread id: the current second and a counter that never repeats. The counter and the last id
   * live in `meta`, so ids keep increasing across restarts, resets and a clock that steps back.
   */
  private nextThreadId(nowMs: number): string {
    const last = this.meta("last_thread_id") ?? "";
    const lastSeconds = last ? parseInt(last.slice(0, 8), 16) : 0;
    const lastCounter = last ? parseInt(last.slice(8), 16) : 0;
    const seconds = Math.max(Math.floor(nowMs / 1000), lastSeconds);
    const id = objectId(new Date(seconds * 1000), lastCounter + 1);
    this.stmts.setMeta.run("last_thread_id", id);
    return id;
  }

  /** Keeps `last_thread_id` at least `id` after threads were inserted with ids made elsewhere (the seed). */
  private advanceLastId(id: string) {
    const last = this.meta("last_thread_id") ?? "";
    if (id <= last) return;
    // Both parts must dominate: the seconds for ordering, the counter so it is never reused.
    const lastCounter = last ? parseInt(last.slice(8), 16) : 0;
    const counter = Math.max(lastCounter, parseInt(id.slice(8), 16));
    this.stmts.setMeta.run("last_thread_id", id.slice(0, 8) + counter.toString(16).padStart(16, "0"));
  }

  /** The counter the next thread id will carry (the seed's bulk generator continues from it). */
  nextCounter(): number {
    const last = this.meta("last_thread_id") ?? "";
    return (last ? parseInt(last.slice(8), 16) : 0) + 1;
  }

  // ---------------------------------------------------------------------------------------------
  // Seeding and bulk insertion

  /**
   * Inserts the demo world: accounts, skills, Tolokers and threads, in one transaction, and marks the store
   * as seeded. Meant for an empty store; existing Tolokers and skills with the same ids are replaced.
   */
  insertSeed(data: SeedData): void {
    this.db.transaction(() => {
      this.setIdentity({ requesterId: data.requesterId, administratorId: data.administratorId, systemId: data.systemId });
      this.insertTolokers(data.tolokers);
      for (const skill of data.skills) this.insertSkill(skill);
      this.insertThreads(data.threads);
      if (data.records) this.records.insertSeed(data.records);
      this.stmts.setMeta.run("seeded", "1");
    })();
  }

  /** Inserts or replaces Tolokers. */
  insertTolokers(tolokers: readonly SeedToloker[]): void {
    this.db.transaction(() => {
      for (const { didTask, ...toloker } of tolokers) {
        this.stmts.insertToloker.run(toloker.id, didTask ? 1 : 0, JSON.stringify(toloker));
      }
    })();
    this.tolokerCache = null;
  }

  /** Sets (a number) or removes (null) one skill level in a Toloker's data, which filters read. */
  setTolokerSkill(userId: string, skillId: string, value: number | null): void {
    const t = this.tolokers().byId.get(userId);
    if (!t) return;
    const { didTask, ...toloker } = t;
    const skills = { ...toloker.skills };
    if (value === null) delete skills[skillId];
    else skills[skillId] = value;
    this.stmts.insertToloker.run(toloker.id, didTask ? 1 : 0, JSON.stringify({ ...toloker, skills }));
    this.tolokerCache = null;
  }

  /** Whether the account has a skill with this id. */
  hasSkill(skillId: string): boolean {
    return /^\d{1,15}$/.test(skillId) && this.db.prepare("SELECT 1 FROM skills WHERE id = ?").pluck().get(Number(skillId)) === 1;
  }

  private insertSkill(skill: WireSkill) {
    const id = Number(skill.id);
    if (!Number.isInteger(id)) throw new Error(`Skill id must be numeric: ${skill.id}`);
    const createdMs = skill.created ? parseWireDate(skill.created) : 0;
    this.stmts.insertSkill.run(id, skill.name, skill.global ? 1 : 0, createdMs, JSON.stringify(skill));
  }

  /**
   * Inserts already-made threads (seed or bulk data) in one transaction: call it once per chunk of a few
   * thousand. Each thread is normalised into the tables and rendered with the same code as live threads,
   * so seeded and live JSON cannot drift apart.
   */
  insertThreads(threads: readonly SeedThread[]): void {
    if (threads.length === 0) return;
    this.db.transaction(() => {
      let maxId = "";
      for (const { thread, recipients } of threads) {
        const record: ThreadRecord = {
          id: thread.id,
          parentId: thread.parent_id,
          topic: thread.topic,
          answerable: thread.answerable ?? true,
          folders: folderBits(thread.folders ?? []),
          createdMs: parseWireDate(thread.created),
          composeDetails: thread.compose_details,
          meta: thread.meta && Object.keys(thread.meta).length > 0 ? thread.meta : undefined,
        };
        const interlocutors = (thread.interlocutors ?? []).map((i) => ({ id: i.id, role: i.role }));
        // The wire lists newest first; insert oldest first so `seq` breaks equal-time ties the same way.
        const messages: MessageRecord[] = (thread.messages ?? [])
          .map((m) => ({ fromId: m.from.id, fromRole: m.from.role, text: m.text, createdMs: parseWireDate(m.created) }))
          .reverse();
        this.writeNewThread(record, interlocutors, messages, recipients);
        if (thread.id > maxId) maxId = thread.id;
      }
      this.advanceLastId(maxId);
    })();
  }

  /** Writes a new thread's rows and its rendered JSON. `messages` oldest first. */
  private writeNewThread(
    record: ThreadRecord,
    interlocutors: readonly InterlocutorRecord[],
    messages: readonly MessageRecord[],
    recipients: readonly string[],
  ) {
    const s = this.stmts;
    const sortedInterlocutors = [...new Map(interlocutors.map((i) => [i.id, i])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // Stable sort on time, newest first; among equal times the later-inserted message comes first.
    const newestFirst = messages
      .map((m, i) => ({ m, i }))
      .sort((a, b) => b.m.createdMs - a.m.createdMs || b.i - a.i)
      .map((x) => x.m);
    const wire = this.renderWire(record, sortedInterlocutors, newestFirst);
    s.insertThread.run(
      record.id,
      record.parentId ?? null,
      record.createdMs,
      record.answerable ? 1 : 0,
      record.folders,
      JSON.stringify(record.topic),
      record.composeDetails ? JSON.stringify(record.composeDetails) : null,
      record.meta ? JSON.stringify(record.meta) : null,
      wire,
    );
    for (const f of FOLDERS) {
      if (record.folders & FOLDER_BIT[f]) s.insertFolder.run(FOLDER_BIT[f], record.id, record.createdMs);
    }
    for (const i of sortedInterlocutors) s.insertInterlocutor.run(record.id, i.id, i.role);
    for (const m of messages) {
      s.insertMessage.run(record.id, m.fromId, m.fromRole, JSON.stringify(m.text), m.createdMs);
    }
    for (const r of recipients) s.insertRecipient.run(record.id, r);
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  private renderWire(record: ThreadRecord, interlocutors: readonly InterlocutorRecord[], messagesNewestFirst: readonly MessageRecord[]): string {
    const me = this.requesterId;
    const person = (id: string, role: InterlocutorRole): Interlocutor => (id === me && role === "REQUESTER" ? { id, role, myself: true } : { id, role });
    // Key order follows Toloka's own responses, which makes captured fixtures easy to diff.
    const thread: WireThread = {
      id: record.id,
      ...(record.parentId ? { parent_id: record.parentId } : {}),
      topic: record.topic,
      interlocutors_inlined: true,
      interlocutors: interlocutors.map((i) => person(i.id, i.role)),
      messages_inlined: true,
      messages: messagesNewestFirst.map((m) => ({
        text: m.text,
        from: person(m.fromId, m.fromRole),
        created: tolokaDate(new Date(m.createdMs)),
      })),
      ...(record.composeDetails ? { compose_details: record.composeDetails } : {}),
      ...(record.meta ? { meta: record.meta } : {}),
      answerable: record.answerable,
      folders: bitsToFolders(record.folders),
      created: tolokaDate(new Date(record.createdMs)),
    };
    return JSON.stringify(thread);
  }

  private loadRecord(id: string): ThreadRecord | null {
    const row = this.stmts.threadRow.get(id) as ThreadRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      parentId: row.parent_id ?? undefined,
      topic: JSON.parse(row.topic),
      answerable: row.answerable === 1,
      folders: row.folders,
      createdMs: row.created_ms,
      composeDetails: row.compose_details ? JSON.parse(row.compose_details) : undefined,
      meta: row.meta ? JSON.parse(row.meta) : undefined,
    };
  }

  private loadInterlocutors(id: string): InterlocutorRecord[] {
    return this.stmts.threadInterlocutors.all(id) as InterlocutorRecord[];
  }

  /** Re-renders a thread's cached JSON from its rows; call inside the transaction that changed them. */
  private rerender(id: string): string {
    const record = this.loadRecord(id);
    if (!record) throw doesNotExist(id);
    const messages = (this.stmts.threadMessages.all(id) as { from_id: string; from_role: InterlocutorRole; text: string; created_ms: number }[]).map((m) => ({
      fromId: m.from_id,
      fromRole: m.from_role,
      text: JSON.parse(m.text),
      createdMs: m.created_ms,
    }));
    const wire = this.renderWire(record, this.loadInterlocutors(id), messages);
    this.stmts.updateWire.run(wire, id);
    this.overridden.delete(id);
    return wire;
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /**
   * Replaces the JSON the API sends for a thread with `json` as given (a control fault: the shapes a real Toloka
   * may send). The thread's rows stay, so it is still listed where it was; a write to it renders it anew.
   */
  overrideWire(id: string, json: string): void {
    this.stmts.updateWire.run(json, id);
    this.overridden.add(id);
  }

  /** Whether the thread's JSON was replaced by {@link overrideWire} (and not rendered since). */
  isOverridden(id: string): boolean {
    return this.overridden.size > 0 && this.overridden.has(id);
  }

  /** A thread's Toloka JSON, or null. */
  getThreadJson(id: string): string | null {
    return (this.stmts.threadWire.get(id) as string | undefined) ?? null;
  }

  /** A thread as the API returns it, or null. */
  getThread(id: string): WireThread | null {
    const json = this.getThreadJson(id);
    return json ? (JSON.parse(json) as WireThread) : null;
  }

  /**
   * One page of GET /message-threads as stored JSON, in UTF-8 bytes: read as BLOBs, the rows skip a decode to
   * JS strings and the re-encode on the socket, which together cost more than the query itself. A folder filter drives the query from the
   * (folder, id) or (folder, created) index; several folders are one index range each, merged by UNION,
   * which is exact because the first N of a union are among the first N of each part.
   */
  listThreads(q: ThreadListQuery): { items: Buffer[]; hasMore: boolean } {
    const { sql, params } = buildThreadListSql(q);
    const rows = this.listStatement(sql).all(...params) as Buffer[];
    const hasMore = rows.length > q.limit;
    return { items: hasMore ? rows.slice(0, q.limit) : rows, hasMore };
  }

  /** One page of GET /skills as stored JSON (UTF-8 bytes). */
  listSkills(q: SkillListQuery): { items: Buffer[]; hasMore: boolean } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.name !== undefined) {
      where.push("name = ?");
      params.push(q.name);
    }
    if (q.global !== undefined) {
      where.push("global = ?");
      params.push(q.global ? 1 : 0);
    }
    for (const [op, sym] of COMPARISONS) {
      const idBound = q.id[op];
      if (idBound !== undefined) {
        where.push(`id ${sym} ?`);
        params.push(idBound);
      }
      const createdBound = q.created[op];
      if (createdBound !== undefined) {
        where.push(`created_ms ${sym} ?`);
        params.push(createdBound);
      }
    }
    const order = orderBy(q.sort, { id: "id", created: "created_ms" });
    const sql = `SELECT CAST(wire AS BLOB) FROM skills${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY ${order} LIMIT ?`;
    params.push(q.limit + 1);
    const rows = this.listStatement(sql).all(...params) as Buffer[];
    const hasMore = rows.length > q.limit;
    return { items: hasMore ? rows.slice(0, q.limit) : rows, hasMore };
  }

  private listStatement(sql: string): Statement {
    let stmt = this.listStatements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql).pluck();
      this.listStatements.set(sql, stmt);
    }
    return stmt;
  }

  /** Ids of the Tolokers a composed thread went to (sorted), or null when the thread does not exist. */
  recipientsOf(threadId: string): string[] | null {
    if (!this.stmts.threadRow.get(threadId)) return null;
    return this.stmts.threadRecipients.all(threadId) as string[];
  }

  /** Every delivery since `since` (all when omitted), oldest first. */
  recipientsSince(since?: Date): RecipientRow[] {
    const rows = this.stmts.recipientsSince.all(since ? since.getTime() : -8.64e15) as {
      thread_id: string;
      toloker_id: string;
      created_ms: number;
    }[];
    return rows.map((r) => ({ thread_id: r.thread_id, toloker_id: r.toloker_id, created: tolokaDate(new Date(r.created_ms)) }));
  }

  /** Every Toloker, parsed once and cached until Tolokers change (FILTER selection runs on this). */
  tolokers(): { all: SeedToloker[]; byId: Map<string, SeedToloker> } {
    if (!this.tolokerCache) {
      const rows = this.stmts.allTolokers.all() as { data: string; did_task: number }[];
      const all = rows.map((r) => ({ ...(JSON.parse(r.data) as Toloker), didTask: r.did_task === 1 }));
      this.tolokerCache = { all, byId: new Map(all.map((t) => [t.id, t])) };
    }
    return this.tolokerCache;
  }

  /** Ids of the Tolokers `filter` selects, sorted. */
  selectByFilter(filter: RecipientFilter): string[] {
    return selectTolokers(filter, this.tolokers().all)
      .map((t) => t.id)
      .sort();
  }

  /** A page of Tolokers (with `didTask`), in id order. */
  listTolokers(limit: number, offset: number): { items: SeedToloker[]; total: number } {
    const rows = this.stmts.tolokerPage.all(limit, offset) as { data: string; did_task: number }[];
    return {
      items: rows.map((r) => ({ ...(JSON.parse(r.data) as Toloker), didTask: r.did_task === 1 })),
      total: this.stmts.countTolokers.get(0) as number,
    };
  }

  /** A uniformly chosen Toloker id (only those who did a task when `didTask`), or null when there is none. */
  randomTolokerId(random: () => number, didTask = false): string | null {
    const floor = didTask ? 1 : 0;
    const total = this.stmts.countTolokers.get(floor) as number;
    if (total === 0) return null;
    return this.stmts.tolokerAt.get(floor, Math.floor(random() * total)) as string;
  }

  /**
   * Who may answer a thread as a Toloker: nobody when it is not answerable; else the recipients of a thread
   * the requester composed, otherwise its USER interlocutors (a Toloker's own thread, or a child thread).
   * Notices and administrator threads have none.
   */
  answerersOf(threadId: string): string[] {
    const record = this.loadRecord(threadId);
    if (!record) throw doesNotExist(threadId);
    if (!record.answerable) return [];
    if (record.composeDetails) return this.stmts.threadRecipients.all(threadId) as string[];
    return this.loadInterlocutors(threadId)
      .filter((i) => i.role === "USER")
      .map((i) => i.id);
  }

  // ---------------------------------------------------------------------------------------------
  // Writes through the API

  /**
   * POST /message-threads/compose: resolves the recipients (400 INCORRECT_RECIPIENTS when an id is
   * unknown or nobody matches), charges the daily quota (429 when over), and creates the thread in OUTBOX
   * (and UNREAD with `sentUnread`).
   * DIRECT threads list the recipients as interlocutors; FILTER and ALL threads list only the requester,
   * as Toloka's own mass mailings do not name their audience.
   */
  compose(input: ComposeInput, quotas: DailyQuotas): WireThread {
    return this.db.transaction(() => {
      const nowMs = this.now().getTime();
      let recipients: string[];
      let details: ComposeDetails;
      switch (input.type) {
        case "DIRECT": {
          const unknown = this.stmts.unknownTolokers.all(JSON.stringify(input.ids)) as string[];
          if (unknown.length > 0) {
            throw incorrectRecipients(`Unknown Toloker ids: ${unknown.join(", ")}`, { recipients_ids: unknown });
          }
          if (input.ids.length === 0) throw incorrectRecipients("No recipients: recipients_ids is empty");
          recipients = input.ids;
          details = { recipients_select_type: "DIRECT", recipients_ids: input.ids };
          break;
        }
        case "FILTER":
          recipients = this.selectByFilter(input.filter);
          if (recipients.length === 0) throw incorrectRecipients("No Toloker matches recipients_filter");
          details = { recipients_select_type: "FILTER", recipients_filter: input.filter };
          break;
        case "ALL":
          recipients = this.stmts.tolokersWhoDidTasks.all() as string[];
          if (recipients.length === 0) throw incorrectRecipients("No Toloker has done your tasks yet");
          details = { recipients_select_type: "ALL" };
          break;
      }
      this.chargeQuota(input.type, recipients.length, nowMs, quotas);
      const me = this.requesterId;
      const record: ThreadRecord = {
        id: this.nextThreadId(nowMs),
        topic: input.topic,
        answerable: input.answerable,
        folders: FOLDER_BIT.OUTBOX | (this.sentUnread ? FOLDER_BIT.UNREAD : 0),
        createdMs: nowMs,
        composeDetails: details,
      };
      const interlocutors: InterlocutorRecord[] = [{ id: me, role: "REQUESTER" }];
      if (input.type === "DIRECT") for (const id of recipients) interlocutors.push({ id, role: "USER" });
      const message: MessageRecord = { fromId: me, fromRole: "REQUESTER", text: input.text, createdMs: nowMs };
      this.writeNewThread(record, interlocutors, [message], recipients);
      return this.getThread(record.id)!;
    })();
  }

  private chargeQuota(type: ComposeInput["type"], recipientCount: number, nowMs: number, quotas: DailyQuotas) {
    const day = utcDay(nowMs);
    if (type === "ALL") {
      const used = (this.stmts.getQuota.get(day, "ALL") as number | undefined) ?? 0;
      if (used >= quotas.allPerDay) {
        throw new EmulatorApiError(429, "TOO_MANY_REQUESTS", `Too many messages to all Tolokers: at most ${quotas.allPerDay} a day`, {
          interval: "DAY",
          limit: quotas.allPerDay,
          quota: "ALL",
        });
      }
      this.stmts.addQuota.run(day, "ALL", 1);
    } else if (type === "DIRECT") {
      const used = (this.stmts.getQuota.get(day, "DIRECT") as number | undefined) ?? 0;
      if (used + recipientCount > quotas.directRecipientsPerDay) {
        throw new EmulatorApiError(
          429,
          "TOO_MANY_REQUESTS",
          `Too many messages to specific Tolokers: at most ${quotas.directRecipientsPerDay} a day (${used} used)`,
          { interval: "DAY", limit: quotas.directRecipientsPerDay, quota: "DIRECT" },
        );
      }
      this.stmts.addQuota.run(day, "DIRECT", recipientCount);
    }
  }

  /**
   * POST /message-threads/{id}/reply. Toloka does not say when a reply is refused; the emulator allows it
   * only on an answerable thread with exactly one other interlocutor who is a Toloker or an administrator.
   */
  reply(threadId: string, text: LocalizedText): WireThread {
    return this.db.transaction(() => {
      const record = this.loadRecord(threadId);
      if (!record) throw doesNotExist(threadId);
      const me = this.requesterId;
      const others = this.loadInterlocutors(threadId).filter((i) => i.id !== me);
      if (!record.answerable) throw conflict("This thread is not answerable");
      if (others.length !== 1) {
        throw conflict(
          others.length === 0
            ? "This thread was sent to many Tolokers; answer the thread a Toloker starts by replying"
            : "This thread has several recipients; a reply can go to one interlocutor only",
        );
      }
      if (others[0].role !== "USER" && others[0].role !== "ADMINISTRATOR") {
        throw conflict(`Replies to ${others[0].role} messages are not possible`);
      }
      const nowMs = this.now().getTime();
      this.stmts.insertMessage.run(threadId, me, "REQUESTER", JSON.stringify(text), nowMs);
      this.setFolderBits(record, record.folders | FOLDER_BIT.OUTBOX);
      return JSON.parse(this.rerender(threadId)) as WireThread;
    })();
  }

  /** add-to-folders / remove-from-folders; unchanged folders are no-ops. The caller has checked which folders. */
  changeFolders(threadId: string, folders: readonly Folder[], add: boolean): WireThread {
    return this.db.transaction(() => {
      const record = this.loadRecord(threadId);
      if (!record) throw doesNotExist(threadId);
      const mask = folderBits(folders);
      const next = add ? record.folders | mask : record.folders & ~mask;
      if (next === record.folders) return this.getThread(threadId)!;
      this.setFolderBits(record, next);
      return JSON.parse(this.rerender(threadId)) as WireThread;
    })();
  }

  private setFolderBits(record: ThreadRecord, next: number) {
    for (const f of FOLDERS) {
      const bit = FOLDER_BIT[f];
      if (next & bit && !(record.folders & bit)) this.stmts.insertFolder.run(bit, record.id, record.createdMs);
      if (!(next & bit) && record.folders & bit) this.stmts.deleteFolder.run(bit, record.id);
    }
    this.stmts.updateFolders.run(next, record.id);
    record.folders = next;
  }

  // ---------------------------------------------------------------------------------------------
  // What Tolokers, administrators and the platform do (toloka-api.md §2.3)

  private newIncomingThread(
    from: InterlocutorRecord,
    opts: { topic: LocalizedText; text: LocalizedText; folders: Folder[]; answerable: boolean; meta?: ThreadMeta; parentId?: string },
  ): WireThread {
    const nowMs = this.now().getTime();
    const record: ThreadRecord = {
      id: this.nextThreadId(nowMs),
      parentId: opts.parentId,
      topic: opts.topic,
      answerable: opts.answerable,
      folders: folderBits(opts.folders),
      createdMs: nowMs,
      meta: opts.meta && Object.keys(opts.meta).length > 0 ? opts.meta : undefined,
    };
    const interlocutors = [{ id: this.requesterId, role: "REQUESTER" as const }, from];
    this.writeNewThread(record, interlocutors, [{ fromId: from.id, fromRole: from.role, text: opts.text, createdMs: nowMs }], []);
    return this.getThread(record.id)!;
  }

  /** A Toloker writes first: a new thread in INBOX and UNREAD. */
  tolokerWritesFirst(input: { tolokerId: string; topic: LocalizedText; text: LocalizedText; meta?: ThreadMeta }): WireThread {
    return this.db.transaction(() => {
      if (!this.stmts.tolokerExists.get(input.tolokerId)) {
        throw new EmulatorApiError(404, "DOES_NOT_EXIST", `Toloker ${input.tolokerId} does not exist`);
      }
      // An appeal names its assignment: Toloka holds it, REJECTED (made here when nothing seeded it).
      if (input.meta?.assignment_id) this.records.appealAssignment({ tolokerId: input.tolokerId, meta: input.meta });
      return this.newIncomingThread(
        { id: input.tolokerId, role: "USER" },
        { topic: input.topic, text: input.text, folders: ["INBOX", "UNREAD"], answerable: true, meta: input.meta },
      );
    })();
  }

  /**
   * A Toloker answers a thread. With one possible answerer the same thread gets the message, INBOX and UNREAD;
   * an answer to a thread sent to many starts a child thread (`parent_id`), and later answers from the same
   * Toloker continue that child. Only an answerer of an answerable thread may answer (409 otherwise).
   */
  tolokerReply(input: { threadId: string; tolokerId: string; text: LocalizedText }): WireThread {
    return this.db.transaction(() => {
      const record = this.loadRecord(input.threadId);
      if (!record) throw doesNotExist(input.threadId);
      if (!record.answerable) throw conflict("This thread is not answerable");
      const answerers = this.answerersOf(input.threadId);
      if (!answerers.includes(input.tolokerId)) {
        throw conflict(`Toloker ${input.tolokerId} did not receive this thread and cannot answer it`);
      }
      const nowMs = this.now().getTime();
      if (answerers.length === 1) {
        this.stmts.insertInterlocutor.run(record.id, input.tolokerId, "USER");
        this.stmts.insertMessage.run(record.id, input.tolokerId, "USER", JSON.stringify(input.text), nowMs);
        this.setFolderBits(record, record.folders | FOLDER_BIT.INBOX | FOLDER_BIT.UNREAD);
        return JSON.parse(this.rerender(record.id)) as WireThread;
      }
      const childId = this.stmts.childOf.get(input.tolokerId, record.id) as string | undefined;
      if (childId) {
        const child = this.loadRecord(childId)!;
        this.stmts.insertMessage.run(childId, input.tolokerId, "USER", JSON.stringify(input.text), nowMs);
        this.setFolderBits(child, child.folders | FOLDER_BIT.INBOX | FOLDER_BIT.UNREAD);
        return JSON.parse(this.rerender(childId)) as WireThread;
      }
      return this.newIncomingThread(
        { id: input.tolokerId, role: "USER" },
        {
          topic: record.topic,
          text: input.text,
          folders: ["INBOX", "UNREAD"],
          answerable: true,
          meta: record.meta,
          parentId: record.id,
        },
      );
    })();
  }

  /** A platform notice: AUTOMATIC_NOTIFICATION and UNREAD, from SYSTEM, not answerable. */
  notice(input: { topic: LocalizedText; text: LocalizedText; meta?: ThreadMeta }): WireThread {
    return this.db.transaction(() =>
      this.newIncomingThread(
        { id: this.systemId, role: "SYSTEM" },
        {
          topic: input.topic,
          text: input.text,
          folders: ["AUTOMATIC_NOTIFICATION", "UNREAD"],
          answerable: false,
          meta: input.meta,
        },
      ),
    )();
  }

  /** A message from Toloka's administrator: INBOX and UNREAD, role ADMINISTRATOR. */
  adminMessage(input: { topic: LocalizedText; text: LocalizedText; answerable: boolean }): WireThread {
    return this.db.transaction(() =>
      this.newIncomingThread(
        { id: this.administratorId, role: "ADMINISTRATOR" },
        { topic: input.topic, text: input.text, folders: ["INBOX", "UNREAD"], answerable: input.answerable },
      ),
    )();
  }
}

const COMPARISONS = [
  ["gt", ">"],
  ["gte", ">="],
  ["lt", "<"],
  ["lte", "<="],
] as const;

/**
 * ORDER BY for a sort list. When id is not in it, id is appended as the tiebreaker so pages never overlap,
 * in the direction of the first key so one (created, id) index serves `-created` too.
 */
function orderBy(sort: readonly SortKey[], columns: { id: string; created: string }): string {
  const keys = [...sort];
  if (!keys.some((k) => k.key === "id")) keys.push({ key: "id", desc: keys[0]?.desc ?? false });
  return keys.map((k) => `${columns[k.key]} ${k.desc ? "DESC" : "ASC"}`).join(", ");
}

/**
 * Builds the SQL of a thread list page (limit + 1 rows, to learn `has_more`). The SQL text depends on which parameters are present, never on their values, so statements are cached.
 */
function buildThreadListSql(q: ThreadListQuery): { sql: string; params: unknown[] } {
  const n = q.limit + 1;
  const neMask = folderBits(q.foldersNe);
  const conditions = (idCol: string, createdCol: string, foldersCol: string) => {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [op, sym] of COMPARISONS) {
      const idBound = q.id[op];
      if (idBound !== undefined) {
        where.push(`${idCol} ${sym} ?`);
        params.push(idBound);
      }
      const createdBound = q.created[op];
      if (createdBound !== undefined) {
        where.push(`${createdCol} ${sym} ?`);
        params.push(createdBound);
      }
    }
    if (neMask) {
      where.push(`(${foldersCol} & ?) = 0`);
      params.push(neMask);
    }
    return { where, params };
  };

  if (q.folders.length === 0) {
    const { where, params } = conditions("t.id", "t.created_ms", "t.folders");
    const sql = `SELECT CAST(t.wire AS BLOB) FROM threads t${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY ${orderBy(q.sort, { id: "t.id", created: "t.created_ms" })} LIMIT ?`;
    return { sql, params: [...params, n] };
  }

  // One index range per folder: thread_folders carries created_ms so the range can also be walked by date.
  // CROSS JOIN pins the join order, so SQLite walks the folder index and looks threads up by id.
  if (q.folders.length === 1) {
    const { where, params } = conditions("f.thread_id", "f.created_ms", "t.folders");
    const sql = `SELECT CAST(t.wire AS BLOB) FROM thread_folders f CROSS JOIN threads t ON t.id = f.thread_id WHERE ${["f.folder = ?", ...where].join(" AND ")} ORDER BY ${orderBy(q.sort, { id: "f.thread_id", created: "f.created_ms" })} LIMIT ?`;
    return { sql, params: [FOLDER_BIT[q.folders[0]], ...params, n] };
  }
  const join = neMask ? " CROSS JOIN threads t ON t.id = f.thread_id" : "";
  const part = () => {
    const { where, params } = conditions("f.thread_id", "f.created_ms", "t.folders");
    const sql = `SELECT f.thread_id AS id, f.created_ms AS created_ms FROM thread_folders f${join} WHERE ${["f.folder = ?", ...where].join(" AND ")} ORDER BY ${orderBy(q.sort, { id: "f.thread_id", created: "f.created_ms" })} LIMIT ?`;
    return { sql, params };
  };
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const folder of q.folders) {
    const p = part();
    parts.push(`SELECT * FROM (${p.sql})`);
    params.push(FOLDER_BIT[folder], ...p.params, n);
  }
  const sql = `SELECT CAST(t.wire AS BLOB) FROM (${parts.join(" UNION ")}) u CROSS JOIN threads t ON t.id = u.id ORDER BY ${orderBy(q.sort, { id: "u.id", created: "u.created_ms" })} LIMIT ?`;
  return { sql, params: [...params, n] };
}
