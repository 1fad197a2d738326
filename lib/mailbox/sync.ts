import "server-only";
import type { Store } from "@/lib/db";
import type { TolokaClient } from "@/lib/toloka/client";
import { TolokaError } from "@/lib/toloka/errors";
import type { Folder, WireThread } from "@/lib/toloka/wire";
import { toMirrorThread } from "./map";
import type { SyncStatus } from "@/lib/schemas/sync";

const PAGE = 300;

export type { SyncStatus };

export interface SyncResult {
  kind: "full" | "incremental";
  requests: number;
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
export class MailboxSync {
  private running: Promise<SyncResult> | null = null;
  private runningKind: "full" | "incremental" | null = null;
  private lastError: string | null = null;
  private unauthorized = false;

  /** When each thread was last changed by a write-through here, so a page fetched before it cannot undo it. */
  private readonly localWrites = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly client: TolokaClient,
  ) {}

  /** Records that a write-through just changed a thread. */
  noteLocalWrite(id: string): void {
    this.localWrites.set(id, Date.now());
  }

  /** The threads of a page fetched at `fetchedAt`, less those a write-through changed since. */
  private fresh(items: WireThread[], fetchedAt: number): WireThread[] {
    if (this.localWrites.size === 0) return items;
    for (const [id, at] of this.localWrites) if (at < fetchedAt - 60_000) this.localWrites.delete(id);
    return items.filter((t) => (this.localWrites.get(t.id) ?? 0) < fetchedAt);
  }

  status(): SyncStatus {
    return {
      lastSyncAt: this.store.kv.get("sync.lastSyncAt"),
      lastFullSyncAt: this.store.kv.get("sync.lastFullSyncAt"),
      running: this.runningKind,
      lastError: this.lastError,
      unauthorized: this.unauthorized,
      threads: this.store.threads.count(),
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
        this.unauthorized = false;
        return result;
      } catch (error) {
        this.unauthorized = error instanceof TolokaError && (error.status === 401 || error.status === 403);
        this.lastError = this.unauthorized
          ? "Toloka rejected the app's API key."
          : error instanceof Error
            ? error.message
            : String(error);
        throw error;
      } finally {
        this.running = null;
        this.runningKind = null;
      }
    })();
    return this.running;
  }

  /** Pages through a query with `sort=id` and `id_gt`, handing each page over as it comes. */
  private async pageThrough(
    query: { folder?: Folder[]; id_gt?: string },
    onPage: (fresh: WireThread[], all: WireThread[]) => void,
  ): Promise<number> {
    let requests = 0;
    let idGt = query.id_gt;
    for (;;) {
      const fetchedAt = Date.now();
      const page = await this.client.listThreads({ folder: query.folder, sort: "id", limit: PAGE, id_gt: idGt });
      requests++;
      onPage(this.fresh(page.items, fetchedAt), page.items);
      if (!page.has_more || page.items.length === 0) return requests;
      idGt = page.items[page.items.length - 1].id;
    }
  }

  private async doFull(): Promise<SyncResult> {
    const started = Date.now();
    const startedIso = new Date(started).toISOString();
    const seen = new Set<string>();
    let fetched = 0;
    let changed = 0;
    const requests = await this.pageThrough({}, (items, all) => {
      fetched += all.length;
      for (const t of all) seen.add(t.id);
      changed += this.store.threads.upsertMany(items.map(toMirrorThread));
    });
    const gone = this.store.threads.allIds().filter((id) => !seen.has(id));
    const removed = this.store.threads.deleteMany(gone);
    this.store.kv.set("sync.lastFullSyncAt", startedIso);
    this.store.kv.set("sync.lastSyncAt", startedIso);
    return { kind: "full", requests, fetched, changed, removed, ms: Date.now() - started };
  }

  private async doIncremental(folders: ("UNREAD" | "IMPORTANT")[]): Promise<SyncResult> {
    const started = Date.now();
    const startedIso = new Date(started).toISOString();
    let fetched = 0;
    let changed = 0;
    let requests = 0;
    const maxId = this.store.threads.maxId() ?? undefined;
    requests += await this.pageThrough({ id_gt: maxId }, (items, all) => {
      fetched += all.length;
      changed += this.store.threads.upsertMany(items.map(toMirrorThread));
    });
    // A flag is held by exactly the threads Toloka lists in that folder now: drop it from the rest.
    for (const folder of folders) {
      const inFolder = new Set<string>();
      const listedFrom = Date.now();
      requests += await this.pageThrough({ folder: [folder] }, (items, all) => {
        fetched += all.length;
        for (const t of all) inFolder.add(t.id);
        changed += this.store.threads.upsertMany(items.map(toMirrorThread));
      });
      for (const id of this.store.threads.idsInFolder(folder)) {
        if (inFolder.has(id) || (this.localWrites.get(id) ?? 0) >= listedFrom) continue;
        const t = this.store.threads.get(id);
        if (t && this.store.threads.setFolders(id, t.folders.filter((f) => f !== folder))) changed++;
      }
    }
    this.store.kv.set("sync.lastSyncAt", startedIso);
    return { kind: "incremental", requests, fetched, changed, removed: 0, ms: Date.now() - started };
  }
}
