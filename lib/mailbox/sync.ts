import "server-only";
import type { MirrorThread, Store } from "@/lib/db";
import type { TolokaClient } from "@/lib/toloka/client";
import { TolokaError } from "@/lib/toloka/errors";
import { pagesById } from "@/lib/toloka/paging";
import { getLogger } from "@/lib/log";
import type { UnreadableThread } from "@/lib/toloka/read";
import type { Folder, WireThread } from "@/lib/toloka/wire";
import { isSparse, lacksContent } from "./map";
import type { Mirror } from "./mirror";
import type { SyncStatus } from "@/lib/schemas/sync";
import type { ApiErrorCode } from "@/lib/schemas/error";
import { AppError } from "@/lib/errors";

const PAGE = 300;
/** Threads read one by one in a pass when Toloka lists them without what the mirror has never held. */
const FILL_IN_PER_PAGE = 20;
/** How long a thread asked for again in vain is not asked for again (the listings that follow may bring it). */
const FILL_IN_RETRY_MS = 10 * 60_000;
/**
 * How far back, in id time, the incremental sync looks again for new threads. Toloka's ids are ObjectId-like: they
 * order by the second they were made in, no finer, and a thread may be listed a moment after a later one. So new
 * threads are asked for from this long before the newest held id, not strictly after it; the full sync (every
 * ten minutes while the app is used) catches anything later still.
 */
const NEW_THREAD_OVERLAP_S = 120;

/**
 * The id bound the incremental sync asks for new threads after: the newest held id less the overlap, when it is
 * an ObjectId (its first 8 hex digits are its second); the id itself otherwise.
 */
export function newThreadsAfter(maxId: string | null, overlapS = NEW_THREAD_OVERLAP_S): string | undefined {
  if (!maxId) return undefined;
  if (!/^[0-9a-f]{24}$/.test(maxId)) return maxId;
  const second = Math.max(0, Number.parseInt(maxId.slice(0, 8), 16) - overlapS);
  return second.toString(16).padStart(8, "0") + "0".repeat(16);
}
/** Where the threads Toloka sent that could not be read are kept (app.sqlite kv, cleared with the mirror). */
const UNREADABLE_KEY = "sync.unreadable";
/** Their count alone: the sync status every open page polls reads this, not the list with its JSON. */
const UNREADABLE_COUNT_KEY = "sync.unreadableCount";
/** The most of them kept to show an admin; the count goes on past it. */
const UNREADABLE_KEPT = 200;

export type { SyncStatus };

/** Forgets what the sync knows of the mirror (when it was synced, what was set aside): for a mirror emptied. */
export function forgetSyncState(store: Store): void {
  for (const key of ["sync.lastSyncAt", "sync.lastFullSyncAt", UNREADABLE_KEY, UNREADABLE_COUNT_KEY]) store.kv.delete(key);
}

export interface SyncResult {
  kind: "full" | "incremental";
  /** Requests to Toloka in all; of them, `fillIns` asked again for what a listing left out (see fillIn). */
  requests: number;
  fillIns: number;
  fetched: number;
  changed: number;
  removed: number;
  ms: number;
}

/**
 * Keeps the mirror equal to Toloka. A full sync pages through every thread by id and drops what Toloka no
 * longer has. An incremental sync fetches threads newer than the newest held, plus the UNREAD and IMPORTANT
 * folders in full (small), which also brings replies that arrived in old threads.
 * One sync runs at a time; a second caller shares the running one.
 */
/** What kind of failure stopped a sync, as the API's error codes name them (the page words it in its language). */
function errorCodeOf(error: unknown): ApiErrorCode {
  if (error instanceof AppError) return error.code;
  if (!(error instanceof TolokaError)) return "INTERNAL";
  if (error.status === 401) return "NOT_CONFIGURED";
  if (error.status === 429 || error.isLongQuota) return "RATE_LIMITED";
  return "UPSTREAM_FAILED";
}

export class MailboxSync {
  private running: Promise<SyncResult> | null = null;
  private runningKind: "full" | "incremental" | null = null;
  private lastError: string | null = null;
  private lastErrorCode: ApiErrorCode | null = null;
  private unauthorized = false;

  constructor(
    private readonly store: Store,
    private readonly client: TolokaClient,
    private readonly mirror: Mirror,
  ) {}

  /** Threads Toloka sent that could not be read, as last seen: each with its id (if any), the reason and the JSON. */
  unreadable(): { count: number; items: (UnreadableThread & { seenAt: string })[] } {
    const raw = this.store.kv.get(UNREADABLE_KEY);
    if (!raw) return { count: 0, items: [] };
    try {
      return JSON.parse(raw) as { count: number; items: (UnreadableThread & { seenAt: string })[] };
    } catch {
      return { count: 0, items: [] };
    }
  }

  /**
   * Notes threads that could not be read. Each is logged once (by id, or by its reason when it has none); a full
   * sync starts the list over (`replace`), so a thread Toloka fixed, or one that is gone, leaves it.
   */
  private setAside(found: UnreadableThread[], replace: boolean): void {
    const before = this.unreadable();
    const key = (u: UnreadableThread) => u.id ?? `reason:${u.reason}:${u.raw.slice(0, 200)}`;
    const known = new Set(before.items.map(key));
    const kept = new Map((replace ? [] : before.items).map((u) => [key(u), u]));
    const now = new Date().toISOString();
    for (const u of found) {
      if (!known.has(key(u)) && !this.loggedUnreadable.has(key(u))) {
        this.loggedUnreadable.add(key(u));
        getLogger().warn({ threadId: u.id, reason: u.reason }, "a thread from Toloka could not be read: set aside, the sync goes on");
      }
      kept.set(key(u), { ...u, seenAt: now });
    }
    // An incremental sync meets the same set-aside threads every few seconds: only a new one is worth a write.
    if (!replace && found.every((u) => known.has(key(u)))) return;
    if (replace && found.length === 0 && before.count === 0) return;
    const items = [...kept.values()];
    this.store.kv.set(UNREADABLE_KEY, JSON.stringify({ count: items.length, items: items.slice(-UNREADABLE_KEPT) }));
    this.store.kv.set(UNREADABLE_COUNT_KEY, String(items.length));
  }

  private readonly loggedUnreadable = new Set<string>();

  status(): SyncStatus {
    return {
      lastSyncAt: this.store.kv.get("sync.lastSyncAt"),
      lastFullSyncAt: this.store.kv.get("sync.lastFullSyncAt"),
      running: this.runningKind,
      lastError: this.lastError,
      lastErrorCode: this.lastErrorCode,
      unauthorized: this.unauthorized,
      threads: this.store.threads.count(),
      unreadable: Number(this.store.kv.get(UNREADABLE_COUNT_KEY) ?? 0),
    };
  }

  /** Resolves when no sync is running or queued (whatever its outcome). */
  async idle(): Promise<void> {
    while (this.running || this.queued.full || this.queued.incremental) {
      await Promise.allSettled([this.running, this.queued.full, this.queued.incremental]);
    }
  }

  /** True once a full sync has completed: until then the mirror cannot answer for Toloka. */
  isReady(): boolean {
    return this.store.kv.get("sync.lastFullSyncAt") !== null;
  }

  /**
   * A full sync. By default it joins one already running; with `fresh`, it is one that starts after the
   * call (waiting for the running one first), for a caller who just changed something upstream.
   */
  full(opts: { fresh?: boolean } = {}): Promise<SyncResult> {
    return this.run("full", () => this.doFull(), opts.fresh ?? false);
  }

  /**
   * An incremental sync (a full one when none has completed yet); `fresh` as for {@link full}. `folders`:
   * which flag folders to re-read in full (both by default; the timer skips IMPORTANT most of the time).
   */
  incremental(opts: { fresh?: boolean; folders?: ("UNREAD" | "IMPORTANT")[] } = {}): Promise<SyncResult> {
    if (!this.isReady()) return this.full(opts);
    const folders = opts.folders ?? ["UNREAD", "IMPORTANT"];
    return this.run("incremental", () => this.doIncremental(folders), opts.fresh ?? false);
  }

  private readonly queued: Partial<Record<"full" | "incremental", Promise<SyncResult>>> = {};

  private async run(kind: "full" | "incremental", body: () => Promise<SyncResult>, fresh: boolean): Promise<SyncResult> {
    if (this.running && fresh) {
      // Every caller that arrives while a sync runs shares one queued sync of its kind.
      this.queued[kind] ??= this.running
        .catch(() => undefined)
        .then(() => {
          delete this.queued[kind];
          return this.run(kind, body, true);
        });
      return this.queued[kind];
    }
    if (this.running) return this.running;
    this.runningKind = kind;
    this.running = (async () => {
      try {
        const result = await body();
        this.lastError = null;
        this.lastErrorCode = null;
        this.unauthorized = false;
        return result;
      } catch (error) {
        this.unauthorized = error instanceof TolokaError && (error.status === 401 || error.status === 403);
        this.lastError = this.unauthorized
          ? (error as TolokaError).status === 403
            ? `Toloka refused the app's key access to the messages (${(error as TolokaError).code}).`
            : "Toloka rejected the app's API key."
          : error instanceof Error
            ? error.message
            : String(error);
        this.lastErrorCode = errorCodeOf(error);
        throw error;
      } finally {
        this.running = null;
        this.runningKind = null;
      }
    })();
    return this.running;
  }

  /**
   * Pages through a query with `sort=id` and `id_gt`, handing each page over as it comes: the threads that could
   * be read, the ids of every thread listed (readable or not), and when the page was asked for.
   */
  private async pageThrough(
    query: { folder?: Folder[]; id_gt?: string },
    onPage: (items: WireThread[], listedIds: string[], fetchedAt: number) => void,
    unreadable: UnreadableThread[],
  ): Promise<number> {
    let requests = 0;
    let q = { folder: query.folder, sort: "id" as const, limit: PAGE, id_gt: query.id_gt };
    let fetchedAt = 0;
    const list = (idGt: string | undefined) => {
      q = { ...q, id_gt: idGt };
      fetchedAt = Date.now();
      return this.client.listThreads(q);
    };
    // Paged on the last thread listed, readable or not, so one set aside is not asked for again and again.
    for await (const page of pagesById(list, query.id_gt)) {
      requests++;
      unreadable.push(...page.unreadable);
      const listed = [...page.items.map((t) => t.id), ...page.unreadable.flatMap((u) => (u.id ? [u.id] : []))];
      const filled = await this.fillIn(page.items, q);
      requests += filled.requests;
      // A thread listed with neither a date nor its messages, which the mirror has never held: nothing places it.
      for (const t of filled.items) {
        if (t.created === "" && !this.store.threads.get(t.id)) {
          unreadable.push({ id: t.id, reason: "listed with neither a date nor its messages", raw: JSON.stringify(t).slice(0, 2000) });
        }
      }
      onPage(filled.items, listed, fetchedAt);
    }
    return requests;
  }

  /**
   * A page that left out (not inlined) messages, interlocutors or folders the mirror has never held for a thread:
   * the same page is asked for again (twice at most), and what is still missing is read thread by thread, a few a
   * page. What stays missing is stored as it came, never asked for again within FILL_IN_RETRY_MS (a Toloka that
   * never inlines must not cost every pass a dozen requests), and filled in by a later listing that has it. What the
   * mirror holds is never erased.
   */
  private async fillIn(items: WireThread[], q: Parameters<TolokaClient["listThreads"]>[0]): Promise<{ items: WireThread[]; requests: number }> {
    const now = Date.now();
    // What the mirror holds of each sparse thread, read once: `needs` is asked again after every read.
    const heldCache = new Map<string, MirrorThread | null>();
    const held = (id: string) => {
      if (!heldCache.has(id)) heldCache.set(id, this.store.threads.get(id));
      return heldCache.get(id) ?? null;
    };
    const needs = (t: WireThread) => isSparse(t) && now - (this.fillTried.get(t.id) ?? 0) > FILL_IN_RETRY_MS && lacksContent(t, held(t.id));
    if (!items.some(needs)) return { items, requests: 0 };
    let requests = 0;
    const byId = new Map(items.map((t) => [t.id, t]));
    // What each read brought is kept: messages from one, interlocutors from another.
    const take = (t: WireThread) => {
      const had = byId.get(t.id);
      if (!had || !needs(had)) return;
      byId.set(t.id, {
        ...had,
        ...(had.messages === undefined && t.messages !== undefined ? { messages: t.messages, messages_inlined: t.messages_inlined } : {}),
        ...(had.interlocutors === undefined && t.interlocutors !== undefined
          ? { interlocutors: t.interlocutors, interlocutors_inlined: t.interlocutors_inlined }
          : {}),
        ...(had.folders === undefined && t.folders !== undefined ? { folders: t.folders } : {}),
        ...(had.created_inferred && !t.created_inferred ? { created: t.created, created_inferred: undefined } : {}),
      });
    };
    for (let n = 0; n < 2 && [...byId.values()].some(needs); n++) {
      const again = await this.client.listThreads(q);
      requests++;
      again.items.forEach(take);
    }
    for (const t of [...byId.values()].filter(needs).slice(0, FILL_IN_PER_PAGE)) {
      for (let n = 0; n < 2 && needs(byId.get(t.id)!); n++) {
        const one = await this.client.listThreads({ id_gte: t.id, id_lte: t.id, limit: 1 });
        requests++;
        one.items.filter((x) => x.id === t.id).forEach(take);
      }
    }
    for (const t of byId.values()) if (needs(t)) this.fillTried.set(t.id, now);
    if (this.fillTried.size > 10_000) this.fillTried.clear();
    this.fillInRequests += requests;
    return { items: items.map((t) => byId.get(t.id)!), requests };
  }

  private fillInRequests = 0;

  /** When a thread Toloka listed without what the mirror lacks was last asked for again in vain. */
  private readonly fillTried = new Map<string, number>();

  private async doFull(): Promise<SyncResult> {
    const started = Date.now();
    const startedIso = new Date(started).toISOString();
    const fillInsBefore = this.fillInRequests;
    const seen = new Set<string>();
    let fetched = 0;
    let changed = 0;
    const unreadable: UnreadableThread[] = [];
    const requests = await this.pageThrough(
      {},
      (items, listed, fetchedAt) => {
        fetched += listed.length;
        // A thread set aside is still Toloka's: what the mirror holds of it stays.
        for (const id of listed) seen.add(id);
        changed += this.mirror.applyListing(items, fetchedAt);
      },
      unreadable,
    );
    this.setAside(unreadable, true);
    const removed = this.mirror.removeAllBut(seen);
    this.store.kv.set("sync.lastFullSyncAt", startedIso);
    this.store.kv.set("sync.lastSyncAt", startedIso);
    return { kind: "full", requests, fillIns: this.fillInRequests - fillInsBefore, fetched, changed, removed, ms: Date.now() - started };
  }

  private async doIncremental(folders: ("UNREAD" | "IMPORTANT")[]): Promise<SyncResult> {
    const started = Date.now();
    const startedIso = new Date(started).toISOString();
    let fetched = 0;
    let changed = 0;
    let requests = 0;
    const fillInsBefore = this.fillInRequests;
    const unreadable: UnreadableThread[] = [];
    requests += await this.pageThrough(
      { id_gt: newThreadsAfter(this.store.threads.maxId()) },
      (items, listed, fetchedAt) => {
        fetched += listed.length;
        changed += this.mirror.applyListing(items, fetchedAt);
      },
      unreadable,
    );
    // A flag is held by exactly the threads Toloka lists in that folder now: drop it from the rest.
    for (const folder of folders) {
      const inFolder = new Set<string>();
      const listedFrom = Date.now();
      requests += await this.pageThrough(
        { folder: [folder] },
        (items, listed, fetchedAt) => {
          fetched += listed.length;
          for (const id of listed) inFolder.add(id);
          changed += this.mirror.applyListing(items, fetchedAt);
        },
        unreadable,
      );
      for (const id of this.store.threads.idsInFolder(folder)) {
        if (!inFolder.has(id) && this.mirror.dropFolder(id, folder, listedFrom)) changed++;
      }
    }
    this.setAside(unreadable, false);
    this.store.kv.set("sync.lastSyncAt", startedIso);
    return { kind: "incremental", requests, fillIns: this.fillInRequests - fillInsBefore, fetched, changed, removed: 0, ms: Date.now() - started };
  }
}
