import type { ComposeDetails, Folder, Interlocutor, InterlocutorRole, LocalizedText, ThreadMeta } from "@/lib/toloka/wire";

/**
 * The store's records and repository interfaces. Callers see only these; the SQL behind them lives in
 * lib/db/sqlite, so another store (PostgreSQL for several app servers) can be added without touching them.
 */

/** Where a list or search looks: a tab of the inbox, or every thread. */
export type Scope = "inbox" | "sent" | "users" | "administrator" | "notifications" | "important" | "all";

export interface MirrorMessage {
  fromId: string;
  fromRole: InterlocutorRole;
  myself: boolean;
  /** ISO 8601 with Z. */
  created: string;
  text: LocalizedText;
}

/** A thread as the mirror keeps it: Toloka's thread, messages oldest first, dates ISO 8601 with Z. */
export interface MirrorThread {
  id: string;
  parentId?: string;
  topic: LocalizedText;
  answerable: boolean;
  created: string;
  composeDetails?: ComposeDetails;
  meta?: ThreadMeta;
  interlocutors: Interlocutor[];
  messages: MirrorMessage[];
  folders: Folder[];
}

/** A thread as a list shows it: everything but the older messages. */
export interface ThreadListRow {
  id: string;
  parentId?: string;
  topic: LocalizedText;
  answerable: boolean;
  created: string;
  lastActivity: string;
  composeDetails?: ComposeDetails;
  meta?: ThreadMeta;
  interlocutors: Interlocutor[];
  lastMessage?: MirrorMessage;
  messageCount: number;
  folders: Folder[];
  /** Search only: the matching text with the matched words marked. */
  snippet?: SnippetPart[];
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  nextCursor?: string;
}

export interface ListQuery {
  scope: Scope;
  limit: number;
  cursor?: string;
}

export interface SearchQuery extends ListQuery {
  /** Words and "quoted phrases"; the last word matches as a prefix unless `complete` is set. */
  text?: string;
  /** Exact Toloker id, or a prefix of at least 6 hex characters. */
  tolokerId?: string;
  complete?: boolean;
}

export interface ThreadRepository {
  /** Inserts or replaces whole threads (one transaction). Returns how many changed. */
  upsertMany(threads: MirrorThread[]): number;
  get(id: string): MirrorThread | null;
  /** Replaces a thread's folders only (a flag or read change). False when the thread is unknown. */
  setFolders(id: string, folders: Folder[]): boolean;
  list(query: ListQuery): Page<ThreadListRow>;
  search(query: SearchQuery): Page<ThreadListRow>;
  /** Unread threads per scope. */
  unreadCounts(): Record<Scope, number>;
  /** Ids of the threads in a scope that are unread, newest activity first. */
  unreadIds(scope: Scope): string[];
  count(): number;
  /** The greatest thread id held (ids grow with time), for incremental sync. */
  maxId(): string | null;
  /** Every id held, ascending. */
  allIds(): string[];
  /** Ids of threads holding a folder, ascending. */
  idsInFolder(folder: "UNREAD" | "IMPORTANT"): string[];
  deleteMany(ids: string[]): number;
}

/** Small named values: sync cursors and timestamps. */
export interface KeyValueRepository {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export type JobStatus = "queued" | "running" | "done" | "failed" | "cancelled";
export type JobItemStatus = "pending" | "running" | "done" | "failed";

export interface JobRecord {
  id: string;
  kind: string;
  status: JobStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  params: unknown;
  total: number;
  done: number;
  failed: number;
  error?: string;
}

export interface JobItemRecord {
  jobId: string;
  seq: number;
  payload: unknown;
  status: JobItemStatus;
  attempts: number;
  startedAt?: string;
  finishedAt?: string;
  result?: unknown;
  error?: string;
}

export interface JobRepository {
  create(job: { id: string; kind: string; createdBy: string; params: unknown }, items: unknown[]): JobRecord;
  get(id: string): JobRecord | null;
  /** Jobs not finished yet, oldest first: what a worker resumes after a restart. */
  unfinished(): JobRecord[];
  setStatus(id: string, status: JobStatus, error?: string): void;
  /** Marks up to `n` pending items running (attempts + 1) and returns them. */
  claim(jobId: string, n: number): JobItemRecord[];
  /** Items left running by a stopped process: each must be settled before it is done again. */
  interrupted(jobId: string): JobItemRecord[];
  finishItem(jobId: string, seq: number, outcome: { status: "done" | "failed"; result?: unknown; error?: string }): void;
  /** Puts failed items back to pending (retry the failed ones). Returns how many. */
  requeueFailed(jobId: string): number;
  /** Puts a running item back to pending (it was settled as not done). */
  requeue(jobId: string, seq: number): void;
  items(jobId: string, filter?: { status?: JobItemStatus; limit?: number }): JobItemRecord[];
}

/** A compose draft: what one team member's form held, saved as they typed. */
export interface DraftRecord {
  id: string;
  userId: string;
  createdAt: string;
  updatedAt: string;
  content: unknown;
  /** Kept by the server from a send that failed: the send job it came from. */
  fromJobId?: string;
}

/** Drafts, the threads send jobs have accounted for, and what the compose checks need to know. */
export interface ComposeRepository {
  /** A member's drafts, most recently changed first. */
  listDrafts(userId: string): DraftRecord[];
  getDraft(id: string): DraftRecord | null;
  createDraft(draft: { id: string; userId: string; content: unknown; fromJobId?: string }): DraftRecord;
  /** Replaces a draft's content; null when there is no such draft. */
  updateDraft(id: string, content: unknown): DraftRecord | null;
  deleteDraft(id: string): boolean;
  /** The draft kept from a failed send, if any. */
  draftFromJob(jobId: string): DraftRecord | null;
  deleteDraftsFromJob(jobId: string): number;
  /**
   * Records that a send job's item accounts for a thread. False when another item claimed it first; claiming a
   * thread again for the same item is true.
   */
  claimThread(threadId: string, jobId: string, seq: number): boolean;
  /** Which item claimed a thread, if any. */
  claimOf(threadId: string): { jobId: string; seq: number } | null;
  /**
   * The latest send to all since `sinceIso`: a thread in the mirror's OUTBOX, or a send job that sent it or is
   * still sending it. Null when none.
   */
  lastSendToAllSince(sinceIso: string): { at: string; threadId?: string } | null;
  /** Ids of a member's send jobs created since `sinceIso`, newest first. */
  recentSendJobIds(userId: string, sinceIso: string, limit: number): string[];
}
