import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { openStore, type Db } from "./connection";
import { SqliteActivityRepository } from "./sqlite/activity";
import { SqliteMessageAuthorRepository } from "./sqlite/authors";
import { SqliteNotificationRepository } from "./sqlite/notifications";
import { SqliteComposeRepository } from "./sqlite/compose";
import { SqliteJobRepository } from "./sqlite/jobs";
import { SqliteKeyValueRepository } from "./sqlite/kv";
import { SqliteSavedSearchRepository } from "./sqlite/saved-searches";
import { SqliteRevokedSessionRepository } from "./sqlite/sessions";
import { SqliteThreadRepository } from "./sqlite/threads";
import { SqliteTolokerRepository } from "./sqlite/tolokers";
import { SqliteUserRepository } from "./sqlite/users";
import { SqliteWorkflowRepository } from "./sqlite/workflow";
import { processSlot } from "@/lib/process-slot";
import type {
  ActivityRepository,
  ComposeRepository,
  JobRepository,
  KeyValueRepository,
  MessageAuthorRepository,
  NotificationRepository,
  RevokedSessionRepository,
  SavedSearchRepository,
  TolokerRepository,
  ThreadRepository,
  UserRepository,
  WorkflowRepository,
} from "./types";

export type * from "./types";
export type { Db } from "./connection";

/** The app's store: every repository over one connection. */
export interface Store {
  threads: ThreadRepository;
  kv: KeyValueRepository;
  jobs: JobRepository;
  compose: ComposeRepository;
  users: UserRepository;
  activity: ActivityRepository;
  authors: MessageAuthorRepository;
  revokedSessions: RevokedSessionRepository;
  savedSearches: SavedSearchRepository;
  tolokers: TolokerRepository;
  /** The team's workflow: owners, statuses, the internal timeline, presence, saved replies. */
  workflow: WorkflowRepository;
  /** Notifications to the team: each member's settings, the queue of what is to be said, the appeals announced. */
  notifications: NotificationRepository;
  /** Why the mirror started empty when this store was opened (missing or corrupt), or null. */
  mirrorRebuilt: null | "missing" | "corrupt";
  /** The connection itself, for a library that keeps its own table in app.sqlite (the sign-in limiter). */
  connection: Db;
  close(): void;
}

/**
 * Opens the store: the app's own data in `file`, the mirror of Toloka beside it in `mirror.sqlite` (or both in
 * memory for ":memory:").
 */
export function createSqliteStore(file: string): Store {
  const mirrorFile = file === ":memory:" ? ":memory:" : path.join(path.dirname(file), "mirror.sqlite");
  const { db, mirrorRebuilt } = openStore(file, mirrorFile);
  return {
    mirrorRebuilt,
    connection: db,
    threads: new SqliteThreadRepository(db),
    kv: new SqliteKeyValueRepository(db),
    jobs: new SqliteJobRepository(db),
    compose: new SqliteComposeRepository(db),
    users: new SqliteUserRepository(db),
    activity: new SqliteActivityRepository(db),
    authors: new SqliteMessageAuthorRepository(db),
    revokedSessions: new SqliteRevokedSessionRepository(db),
    savedSearches: new SqliteSavedSearchRepository(db),
    tolokers: new SqliteTolokerRepository(db),
    workflow: new SqliteWorkflowRepository(db),
    notifications: new SqliteNotificationRepository(db),
    close: () => db.close(),
  };
}

const storeSlot = processSlot<Store>("store");

/** The process-wide store in DATA_DIR (app.sqlite and mirror.sqlite), separate from the emulator's. */
export function getStore(): Store {
  return storeSlot.get() ?? storeSlot.set(createSqliteStore(path.join(getConfig().dataDir, "app.sqlite")));
}
