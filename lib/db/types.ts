import type { Locale } from "@/lib/i18n/locales";
import type { ActivityAction } from "@/lib/schemas/activity";
import type { FolderTab, Permission, TeamView, ThreadStatus } from "@/lib/schemas/plain";
import type { Role } from "@/lib/schemas/roles";
import type { Tab } from "@/lib/schemas/threads";
import type { ComposeDetails, Folder, Interlocutor, InterlocutorRole, LocalizedText, ThreadMeta } from "@/lib/toloka/wire";

/**
 * The store's records and repository interfaces. Callers see only these; the SQL behind them lives in
 * lib/db/sqlite, so another store (PostgreSQL for several app servers) can be added without touching them.
 */

/** Where a list, a search or a count looks: a tab of the inbox, or every thread. */
export type Scope = Tab | "all";

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
  /** A thread we sent that nobody answered yet (Toloka may keep it in UNREAD all the same: it is not unread). */
  awaitingAnswer: boolean;
  /** How many messages from Tolokers the thread holds (a done or snoozed thread compares against it). */
  tolokerMessages: number;
  /** The team's workflow, when anyone set it: owner and status as stored (see `effectiveStatus`). */
  workflow?: { ownerId?: string; ownerName?: string; status: ThreadStatus; snoozeUntil?: string; tolokerCount: number };
  /** Search only: the matching text with the matched words marked. */
  snippet?: SnippetPart[];
  /** Search only: the topic (every language, one a line) with the matched words marked, when any matched. */
  topicMarks?: SnippetPart[];
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
  /** Who is looking, for the team's views (Mine) and snoozes; an empty member and the present time when absent. */
  viewer?: Viewer;
}

/** The member a list is for, and the time (ISO) a snooze is measured against (the app's clock, lib/clock.ts). */
export interface Viewer {
  me: string;
  now: string;
}

/** A search: every condition given must hold (lib/search/query.ts reads them from the search box). */
export interface SearchFilters {
  /** Words and "quoted phrases"; the last word matches as a prefix unless `complete` is set. */
  text?: string;
  /** Exact Toloker id, or a prefix of at least 6 hex characters. */
  tolokerId?: string;
  complete?: boolean;
  /** Words and phrases a thread must not have. */
  exclude?: string[];
  poolId?: string;
  projectId?: string;
  assignmentId?: string;
  /** Unread as the requester means it (not a send still awaiting its first answer). */
  unread?: boolean;
  important?: boolean;
  /** Threads that cannot be answered (answerable false). */
  repliesOff?: boolean;
  /** YYYY-MM-DD: last activity before this UTC day. */
  before?: string;
  /** YYYY-MM-DD: last activity on this UTC day or later. */
  after?: string;
}

export interface SearchQuery extends ListQuery, SearchFilters {}

export interface ThreadRepository {
  /** Inserts or replaces whole threads (one transaction). Returns how many changed. */
  upsertMany(threads: MirrorThread[]): number;
  get(id: string): MirrorThread | null;
  /** Replaces a thread's folders only (a flag or read change). False when the thread is unknown. */
  setFolders(id: string, folders: Folder[]): boolean;
  list(query: ListQuery): Page<ThreadListRow>;
  search(query: SearchQuery): Page<ThreadListRow>;
  /** How many threads a search finds in its scope, counting no further than `cap` + 1. */
  countSearch(query: Omit<SearchQuery, "limit" | "cursor">, cap: number): number;
  /** Unread threads per folder (and in all). */
  unreadCounts(): Record<FolderTab | "all", number>;
  /** Threads in each of the team's views, for a member. */
  viewCounts(viewer: Viewer): Record<TeamView, number>;
  /** Ids of the threads in a scope that are unread, newest activity first. */
  unreadIds(scope: Scope, viewer?: Viewer): string[];
  /** The Toloker messages a thread holds (null for a thread not held). */
  tolokerMessageCount(id: string): number | null;
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
  /** A send whose failed batches went out again from the draft it left: the send that took them over. */
  supersededBy?: string;
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
  /** Puts failed items back to pending (retry the failed ones), less those in `except`. Returns how many. */
  requeueFailed(jobId: string, except?: readonly number[]): number;
  /** Puts one failed item back to pending with `result` as what it carries into its next run; false if it had not failed. */
  requeueItem(jobId: string, seq: number, result: unknown): boolean;
  /** Records that `by` took over this job's failed items (a send's, resent from the draft it left). */
  setSupersededBy(id: string, by: string): void;
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

/** A team member's account. Secrets are held only as hashes. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** What an admin granted beyond the role (lib/schemas/plain.ts `PERMISSIONS`); only a sender's count. */
  permissions: Permission[];
  /** scrypt hash (see lib/auth/password.ts); null for accounts that sign in only by SSO or have not set one yet. */
  passwordHash: string | null;
  /** Signed in with a temporary password: must choose their own before anything else. */
  mustChangePassword: boolean;
  /** SHA-256 of the one-time link's token, while one is outstanding. */
  inviteHash: string | null;
  inviteExpiresAt: string | null;
  /** `<issuer>|<sub>` of the single sign-on identity linked to this account. */
  oidcSubject: string | null;
  /** A demo account, or one made while they existed; removed when the app connects to a real Toloka. */
  demo: boolean;
  /** Raised to end every session of this person. */
  sessionVersion: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  lastSignInAt: string | null;
  /** The interface language they chose; null: the browser's. */
  locale: Locale | null;
}

export interface NewUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash?: string | null;
  mustChangePassword?: boolean;
  inviteHash?: string | null;
  inviteExpiresAt?: string | null;
  oidcSubject?: string | null;
  demo?: boolean;
  createdBy?: string | null;
}

export type UserPatch = Partial<
  Pick<UserRecord, "name" | "passwordHash" | "mustChangePassword" | "inviteHash" | "inviteExpiresAt" | "oidcSubject" | "lastSignInAt" | "locale">
>;

/** Why a change to the team was refused: it would leave the team without an admin. */
export type TeamChange = "ok" | "missing" | "last-admin";

export interface UserRepository {
  /** How many accounts, of a role and/or of the demo kind when asked. */
  count(filter?: { role?: Role; demo?: boolean }): number;
  /** Everyone, by email. */
  list(): UserRecord[];
  get(id: string): UserRecord | null;
  /** Case-insensitive. */
  getByEmail(email: string): UserRecord | null;
  getByInviteHash(hash: string): UserRecord | null;
  getByOidcSubject(subject: string): UserRecord | null;
  /** Null when the email is taken. */
  create(user: NewUser): UserRecord | null;
  /** Creates the account only while there is no admin but demo ones (the first admin), atomically. Null otherwise, or when the email is taken. */
  createIfNoAdmin(user: NewUser): UserRecord | null;
  update(id: string, patch: UserPatch): UserRecord | null;
  /** Sets the permissions granted beyond the role. False when the account is unknown. */
  setPermissions(id: string, permissions: Permission[]): boolean;
  /** Changes a role, refusing to demote the last admin. */
  setRole(id: string, role: Role): TeamChange;
  /** Removes an account, refusing to remove the last admin. */
  delete(id: string): TeamChange;
  /** Ends every session of the person; returns the new version, or null when unknown. */
  bumpSessionVersion(id: string): number | null;
  /** Removes every demo account (see UserRecord.demo); returns how many. */
  deleteDemo(): number;
}

/** One entry of the activity log (its actions are `ActivityAction`, lib/schemas/activity.ts). */
export interface ActivityRecord {
  id: number;
  /** ISO 8601 with Z. */
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  action: ActivityAction;
  threadId: string | null;
  jobId: string | null;
  /** What else the entry is about, e.g. the team member whose role changed. */
  target: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  requestId: string | null;
}

export type NewActivityRecord = Omit<ActivityRecord, "id" | "at"> & { at?: string };

export interface ActivityQuery {
  actorId?: string;
  /** An action, or a prefix ending in "." such as "team.". */
  action?: string;
  threadId?: string;
  jobId?: string;
  /** ISO bounds on the time, inclusive. */
  from?: string;
  to?: string;
  /** Entries older than this id (the cursor). */
  beforeId?: number;
  limit: number;
}

export interface ActivityRepository {
  append(entry: NewActivityRecord): ActivityRecord;
  /** Newest first. */
  query(q: ActivityQuery): { items: ActivityRecord[]; nextBeforeId?: number };
  /** Everyone who appears in the log, for a filter. */
  actors(): { id: string; email: string; name: string }[];
}

/** Who on the team wrote a message we sent (Toloka shows only the requester). */
export interface MessageAuthorRecord {
  threadId: string;
  /** The message's `created` as the mirror holds it, or "" for the first message of a thread we composed. */
  messageCreated: string;
  userId: string;
  userName: string;
  userEmail: string;
}

export interface MessageAuthorRepository {
  record(author: MessageAuthorRecord): void;
  forThread(threadId: string): MessageAuthorRecord[];
}

/** Sessions ended before their time (a sign-out), kept until they would have expired anyway. */
export interface RevokedSessionRepository {
  /** Ends session `sid` for good; `expiresAt` (Unix seconds) is when its token would have stopped counting. */
  revoke(sid: string, expiresAt: number): void;
  isRevoked(sid: string): boolean;
}

/** A search a team member saved, to run again from the sidebar. */
export interface SavedSearchRecord {
  id: string;
  userId: string;
  name: string;
  /** The search box's text. */
  q: string;
  scope: "tab" | "all";
  createdAt: string;
}

/** Each member's saved searches; every call names the member, so no one reads or deletes another's. */
export interface SavedSearchRepository {
  /** A member's saved searches, oldest first (the order they were saved in). */
  list(userId: string): SavedSearchRecord[];
  /** Saves a search with a fresh id; null when the member already holds `max` of them. */
  create(search: Omit<SavedSearchRecord, "id" | "createdAt">, max: number): SavedSearchRecord | null;
  /** False when the member has no saved search of that id. */
  delete(userId: string, id: string): boolean;
}

/** A part of a Toloker's panel as last read from Toloka (JSON of the part's value). */
export interface CachedPart {
  json: string;
  /** ISO 8601 with Z. */
  fetchedAt: string;
}

/** An assignment as last read: `status` NOT_FOUND when Toloka said there is none on this account. */
export interface CachedAssignment {
  id: string;
  status: string;
  json: string | null;
  fetchedAt: string;
}

/** A thread that names an assignment (its meta, or its topic), with what is known of the assignment. */
export interface AppealRow {
  threadId: string;
  assignmentId: string;
  topic: LocalizedText;
  lastActivity: string;
  unread: boolean;
  tolokerId?: string;
  assignment?: CachedAssignment;
  decision?: { kind: "accepted" | "kept"; by: string; at: string };
}

/** The Toloker panel's cache and the appeals (mirror), with the team's appeal decisions and bonus claims (app). */
export interface TolokerRepository {
  getPart(tolokerId: string, part: string): CachedPart | null;
  putPart(tolokerId: string, part: string, json: string): void;
  dropParts(tolokerId: string): void;
  getAssignment(id: string): CachedAssignment | null;
  putAssignment(a: { id: string; status: string; json: string | null }): void;
  /**
   * Records which threads name an assignment, scanning the Toloker threads changed since the last scan; `find`
   * reads a thread's assignment id from its meta or topic. Returns how many threads it looked at.
   */
  scanAppealRefs(find: (t: { assignmentId?: string; topic: LocalizedText }) => string | undefined, max: number): number;
  /** Every thread naming an assignment, with the assignment as cached and the decision, newest first. */
  appeals(): AppealRow[];
  /** The thread's appeal row, or null when the thread names no assignment. */
  appealOf(threadId: string): AppealRow | null;
  /** Open appeals: the assignment is REJECTED and the team has not decided. */
  openAppealCount(): number;
  decide(d: { assignmentId: string; threadId: string; kind: "accepted" | "kept"; userId: string; userName: string }): void;
  /** Claims a bonus found in Toloka's list for one payment; false when another payment claimed it already. */
  claimBonus(bonusId: string, jobId: string, seq: number): boolean;
  /** Whether the bonus is claimed by another payment than (jobId, seq). */
  bonusClaimedElsewhere(bonusId: string, jobId: string, seq: number): boolean;
  /** Forgets every copy (the Toloka connection changed). */
  clear(): void;
}

/** A thread's place in the team's workflow (app store): its owner and its status as set. */
export interface WorkflowRecord {
  threadId: string;
  ownerId: string | null;
  status: ThreadStatus;
  snoozeUntil: string | null;
  /** The thread's Toloker messages when the status was set: one more reopens a done or snoozed thread. */
  tolokerCount: number;
  updatedAt: string;
  updatedBy: string | null;
}

/** An entry of a thread's internal timeline: a note, an assignment or a status change. Team-only. */
export interface ThreadEventRecord {
  id: string;
  threadId: string;
  kind: "note" | "assign" | "status";
  authorId: string | null;
  authorName: string;
  /** A note's text, or JSON of what changed (`{from, to}` names, or `{status, until}`). */
  body: string;
  /** Members a note mentions (ids). */
  mentions: string[];
  createdAt: string;
}

/** Someone with a thread open, and whether they are typing a reply, as last said (ms since the epoch). */
export interface PresenceRecord {
  userId: string;
  userName: string;
  typing: boolean;
  seenAt: number;
}

/** A reply the team saved, in one language, with `{variables}` filled in from the thread when inserted. */
export interface SavedReplyRecord {
  id: string;
  title: string;
  lang: string;
  body: string;
  createdBy: string | null;
  updatedByName: string;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowRepository {
  get(threadId: string): WorkflowRecord | null;
  /** Writes a thread's owner and status (one row per thread). */
  put(w: Omit<WorkflowRecord, "updatedAt"> & { updatedAt?: string }): WorkflowRecord;
  /** The thread's timeline, oldest first. */
  events(threadId: string): ThreadEventRecord[];
  addEvent(e: Omit<ThreadEventRecord, "id" | "createdAt"> & { createdAt?: string }): ThreadEventRecord;
  /** Someone has the thread open (and is typing or not) at `at`. */
  heartbeat(threadId: string, p: PresenceRecord): void;
  /** Who said they had the thread open since `sinceMs`, but `exceptUserId`. */
  present(threadId: string, sinceMs: number, exceptUserId: string): PresenceRecord[];
  /** Someone closed the thread. */
  leave(threadId: string, userId: string): void;
  /** Forgets presence older than `beforeMs`. */
  prunePresence(beforeMs: number): number;
  listReplies(q?: { text?: string; lang?: string }): SavedReplyRecord[];
  getReply(id: string): SavedReplyRecord | null;
  createReply(r: Pick<SavedReplyRecord, "title" | "lang" | "body" | "createdBy" | "updatedByName">): SavedReplyRecord;
  updateReply(id: string, r: Pick<SavedReplyRecord, "title" | "lang" | "body" | "updatedByName">): SavedReplyRecord | null;
  deleteReply(id: string): boolean;
}

/** What a notification is about (NOTIFY_KINDS, lib/schemas/notifications.ts). */
export type NotifyEventKind = import("@/lib/schemas/notifications").NotifyKind;
/** A member's notification settings as stored (a member without a row has the defaults). */
export type NotifySettingsRecord = import("@/lib/schemas/notifications").MemberNotifySettings & { updatedAt: string };
/** One way a notification goes out. */
export type NotifyChannel = "email" | "webhook";
/** Where one way of a notification is: to send, sent, not wanted that way, or given up on. */
export type NotifyState = "pending" | "sent" | "skipped" | "failed";

/** What a notification says, kept with it (the text is a plain-text excerpt; whether it leaves is decided on sending). */
export interface NotifySummary {
  topic: string;
  actorName?: string;
  text?: string;
  tolokerId?: string;
  deadline?: string;
}

/** One event for one member in the queue, each way with its own state. Times are ISO 8601 with Z. */
export interface NotifyEventRecord {
  id: number;
  userId: string;
  kind: NotifyEventKind;
  threadId: string;
  summary: NotifySummary;
  createdAt: string;
  email: NotifyState;
  sentEmailAt: string | null;
  emailAttempts: number;
  webhook: NotifyState;
  sentWebhookAt: string | null;
  webhookAttempts: number;
  lastError: string | null;
}

export type NewNotifyEvent = Pick<NotifyEventRecord, "userId" | "kind" | "threadId" | "summary" | "createdAt"> & {
  email: "pending" | "skipped";
  webhook: "pending" | "skipped";
};

/** The notifications' settings of each member, their durable queue, and the appeals already announced. */
export interface NotificationRepository {
  settings(userId: string): NotifySettingsRecord | null;
  putSettings(userId: string, settings: NotifySettingsRecord): void;
  /** The members (existing accounts) whose stored settings ask for messages in unowned threads, or for appeals. */
  membersWanting(what: "unassigned" | "appeal"): string[];
  add(events: NewNotifyEvent[]): void;
  /**
   * Takes the rows of one way that are due at `now` (pending, and not waiting for a retry or another process's
   * lease) whose group's oldest row was created at or before `windowStart`: a group is a member for email, every
   * row for the webhook. The rows taken are leased until `leaseUntil`. Oldest first.
   */
  claim(channel: NotifyChannel, opts: { now: string; windowStart: string; leaseUntil: string; group: "member" | "all" }): NotifyEventRecord[];
  /** The rows were delivered (or need not be) that way. */
  settle(channel: NotifyChannel, ids: number[], state: "sent" | "skipped", at: string): void;
  /** Every pending row of that way, now not wanted (the way was turned off); returns how many. */
  skipPending(channel: NotifyChannel, at: string): number;
  /**
   * An attempt that way failed: counts it and keeps the rows for `retryAt`, or marks them failed once they have had
   * `maxAttempts`. Returns how many were given up on.
   */
  fail(channel: NotifyChannel, ids: number[], f: { error: string; at: string; retryAt: string; maxAttempts: number }): number;
  /** Rows with a way still pending; rows given up on since `failedSince`. */
  counts(failedSince: string): { pending: number; failed: number };
  /** Removes rows settled both ways and created before `before`; returns how many. */
  prune(before: string): number;
  /** Remembers that an appeal was announced; false when it already was. */
  markAppealNotified(assignmentId: string, threadId: string, at: string): boolean;
}
