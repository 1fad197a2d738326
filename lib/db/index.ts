import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { openDatabase, type Db } from "./connection";
import { SqliteAuditRepository, SqliteMessageAuthorRepository } from "./sqlite/audit";
import { SqliteComposeRepository } from "./sqlite/compose";
import { SqliteJobRepository } from "./sqlite/jobs";
import { SqliteKeyValueRepository } from "./sqlite/kv";
import { SqliteThreadRepository } from "./sqlite/threads";
import { SqliteUserRepository } from "./sqlite/users";
import type { AuditRepository, ComposeRepository, JobRepository, KeyValueRepository, MessageAuthorRepository, ThreadRepository, UserRepository } from "./types";

export type * from "./types";

/** The app's store: every repository over one connection. */
export interface Store {
  threads: ThreadRepository;
  kv: KeyValueRepository;
  jobs: JobRepository;
  compose: ComposeRepository;
  users: UserRepository;
  audit: AuditRepository;
  authors: MessageAuthorRepository;
  close(): void;
}

/** Opens a store on a SQLite file (or ":memory:"). */
export function createSqliteStore(file: string): Store {
  const db: Db = openDatabase(file);
  return {
    threads: new SqliteThreadRepository(db),
    kv: new SqliteKeyValueRepository(db),
    jobs: new SqliteJobRepository(db),
    compose: new SqliteComposeRepository(db),
    users: new SqliteUserRepository(db),
    audit: new SqliteAuditRepository(db),
    authors: new SqliteMessageAuthorRepository(db),
    close: () => db.close(),
  };
}

const globalForStore = globalThis as unknown as { __tolokaMessagesStore?: Store };

/** The process-wide store in DATA_DIR/app.sqlite, separate from the emulator's. */
export function getStore(): Store {
  globalForStore.__tolokaMessagesStore ??= createSqliteStore(path.join(getConfig().dataDir, "app.sqlite"));
  return globalForStore.__tolokaMessagesStore;
}
