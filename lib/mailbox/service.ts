import "server-only";
import { AppError, invalid } from "@/lib/errors";
import type { MirrorThread, Scope, SearchFilters, Store, Viewer } from "@/lib/db";
import { now, nowIso } from "@/lib/clock";
import { hasFilters, parseSearch } from "@/lib/search/query";
import type { TolokaClient } from "@/lib/toloka/client";
import { TolokaError } from "@/lib/toloka/errors";
import { pagesById } from "@/lib/toloka/paging";
import type { Folder, LocalizedText, WireSkill, WireThread } from "@/lib/toloka/wire";
import { type FlagsBody, TOLOKER_ID_RE, type ThreadDetail, type ThreadListQuery, type ThreadListResponse, type UnreadCounts } from "@/lib/schemas/threads";
import type { JobDto } from "@/lib/schemas/jobs";
import type { Person } from "@/lib/schemas/person";
import { SAVED_SEARCHES_MAX, type NewSavedSearch, type SavedSearch } from "@/lib/schemas/saved-searches";
import { isAwaitingAnswer } from "@/lib/db/awaiting-answer";
import { toDetail, toSummary } from "./dto";
import type { JobRunner } from "@/lib/jobs/runner";
import { isOurs, lacksContent, toMirrorThread } from "./map";
import type { Mirror } from "./mirror";
import type { MailboxSync } from "./sync";

export interface MailboxOptions {
  /** How often the incremental sync runs while someone uses the app. */
  incrementalEveryMs?: number;
  /** How often the full reconcile runs while someone uses the app. */
  fullEveryMs?: number;
  /** How long after the last request someone counts as using the app. */
  activeWindowMs?: number;
  /** Concurrency of the mark-read job's worker (the client's rate limit still applies). */
  markReadConcurrency?: number;
}

/** What the mailbox works with; the composition root (`lib/services`) builds each once. */
export interface MailboxDeps {
  store: Store;
  client: TolokaClient;
  mirror: Mirror;
  sync: MailboxSync;
  jobs: JobRunner;
}

const SKILLS_TTL_MS = 10 * 60_000;
/** A Toloker id typed in part, as the list shows it in short: at least 6 hex characters with a digit. */
const TOLOKER_PREFIX_RE = /^(?=[0-9a-f]*\d)[0-9a-f]{6,31}$/;
/** A search counts its matches up to this many, then says "more than". */
const SEARCH_COUNT_CAP = 1_000;

/**
 * The mailbox: reads from the mirror, writes through to Toloka and applies Toloka's answer to the mirror, keeps
 * the mirror in sync while the app is in use (its timer), and marks threads read in bulk as a durable job.
 */
export class Mailbox {
  readonly sync: MailboxSync;
  private readonly store: Store;
  private readonly client: TolokaClient;
  private readonly mirror: Mirror;
  private readonly jobs: JobRunner;
  private lastUse = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastImportantPass = 0;
  private skillsCache: { at: number; items: WireSkill[] } | null = null;
  private readonly opts: Required<MailboxOptions>;

  constructor(deps: MailboxDeps, opts: MailboxOptions = {}) {
    ({ store: this.store, client: this.client, mirror: this.mirror, sync: this.sync, jobs: this.jobs } = deps);
    this.opts = {
      incrementalEveryMs: opts.incrementalEveryMs ?? 5_000,
      fullEveryMs: opts.fullEveryMs ?? 10 * 60_000,
      activeWindowMs: opts.activeWindowMs ?? 2 * 60_000,
      markReadConcurrency: opts.markReadConcurrency ?? 32,
    };
    this.jobs.register<{ threadId: string }>("mark-read", {
      concurrency: this.opts.markReadConcurrency,
      run: async ({ threadId }) => {
        try {
          this.mirror.applyLatest(await this.client.removeFromFolders(threadId, ["UNREAD"]));
          return { status: "done" };
        } catch (error) {
          // Toloka said yes in a body that could not be read: done; the next sync brings the thread's state.
          if (error instanceof TolokaError && error.answeredOk) return { status: "done" };
          if (error instanceof TolokaError && error.status === 404) return { status: "failed", error: "The thread no longer exists in Toloka." };
          return { status: "failed", error: error instanceof Error ? error.message : String(error) };
        }
      },
      // An item cut off by a restart: Toloka says whether it took effect, so it is not done twice.
      settle: async ({ threadId }) => {
        const t = await this.fetchOne(threadId);
        if (!t) return { status: "failed", error: "The thread no longer exists in Toloka." };
        return (t.folders ?? []).includes("UNREAD") ? "pending" : { status: "done" };
      },
    });
    this.jobs.register<{ threadId: string }>("flags", {
      concurrency: this.opts.markReadConcurrency,
      run: async ({ threadId }, job) => {
        try {
          if (!(await this.writeFlags(threadId, (job.params as { change: FlagsBody }).change))) {
            return { status: "failed", error: "The thread no longer exists in Toloka." };
          }
          return { status: "done" };
        } catch (error) {
          if (error instanceof TolokaError && error.status === 404) return { status: "failed", error: "The thread no longer exists in Toloka." };
          return { status: "failed", error: error instanceof Error ? error.message : String(error) };
        }
      },
      // Adding or removing a folder again changes nothing: an item cut off by a restart simply runs again.
      settle: async () => "pending",
    });
  }

  /** Starts the sync timer (the composition root resumes the jobs). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.opts.incrementalEveryMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sync in flight: it must not write into a mirror about to change hands. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sync.idle();
  }

  /** Someone is using the app: keep the mirror fresh while they do (the timer does the syncing). */
  touch(): void {
    this.lastUse = Date.now();
  }

  private async tick(): Promise<void> {
    if (Date.now() - this.lastUse > this.opts.activeWindowMs) return;
    try {
      // A full sync by anyone (a Refresh, the first read) counts, so the timer never repeats one at once.
      const lastFull = Date.parse(this.sync.status().lastFullSyncAt ?? "") || 0;
      if (Date.now() - lastFull > this.opts.fullEveryMs) {
        await this.sync.full();
      } else {
        // IMPORTANT changes only by hand, and ours are written through: elsewhere-made ones can wait a minute.
        const important = Date.now() - this.lastImportantPass > 60_000;
        if (important) this.lastImportantPass = Date.now();
        await this.sync.incremental({ folders: important ? ["UNREAD", "IMPORTANT"] : ["UNREAD"] });
      }
    } catch {
      // The status carries the error for the page; the next tick tries again.
    }
  }

  /** Waits for the first full sync when the mirror has never been filled; otherwise returns at once. */
  async ensureReady(): Promise<void> {
    if (this.sync.isReady()) return;
    try {
      await this.sync.full();
    } catch (error) {
      if (error instanceof TolokaError) throw error;
      throw new AppError("UPSTREAM_FAILED", "The first sync with Toloka failed. Try again.");
    }
  }

  /** One page of a tab, or of a search in a tab or everywhere. */
  async list(q: ThreadListQuery, me = ""): Promise<ThreadListResponse> {
    this.touch();
    await this.ensureReady();
    const text = q.q?.trim();
    const scope: Scope = text && q.scope === "all" ? "all" : q.tab;
    const viewer = viewerOf(me);
    if (!text) {
      const page = this.store.threads.list({ scope, limit: q.limit, cursor: q.cursor, viewer });
      const nowMs = Date.parse(viewer.now);
      return { items: page.items.map((r) => toSummary(r, nowMs)), nextCursor: page.nextCursor };
    }
    const parsed = parseSearch(text);
    if (!parsed.ok) throw invalid({ q: parsed.error });
    const p = parsed.query;
    const lower = p.text.toLowerCase();
    // A bare Toloker id (or the start of one) on its own, as the box always took it.
    if (!hasFilters(p) && (TOLOKER_ID_RE.test(lower) || TOLOKER_PREFIX_RE.test(lower))) {
      const found = this.searchPage({ scope, viewer, tolokerId: lower }, q);
      // A short hex word may be a word after all: when no Toloker matches, search it as text.
      if (found.items.length > 0 || TOLOKER_ID_RE.test(lower) || q.cursor) return { ...found, search: { kind: "toloker", query: lower } };
    }
    const filters: SearchFilters = {
      text: p.text || undefined,
      complete: q.typing === "0" || !p.lastWordOpen,
      exclude: p.exclude,
      tolokerId: p.from,
      poolId: p.pool,
      projectId: p.project,
      assignmentId: p.assignment,
      unread: p.unread,
      important: p.important,
      repliesOff: p.repliesOff,
      before: p.before,
      after: p.after,
    };
    const kind = p.from && !p.text ? "toloker" : "text";
    return { ...this.searchPage({ scope, viewer, ...filters }, q), search: { kind, query: text } };
  }

  /** One page of a search; the first page also says how many threads it finds (up to a cap). */
  private searchPage(filters: SearchFilters & { scope: Scope; viewer: Viewer }, q: ThreadListQuery): Omit<ThreadListResponse, "search"> {
    const page = this.store.threads.search({ ...filters, limit: q.limit, cursor: q.cursor });
    const nowMs = Date.parse(filters.viewer.now);
    const items = page.items.map((r) => toSummary(r, nowMs));
    if (q.cursor) return { items, nextCursor: page.nextCursor };
    // A first page with no next one holds every match: no need to count.
    const n = page.nextCursor ? this.store.threads.countSearch(filters, SEARCH_COUNT_CAP) : items.length;
    return { items, nextCursor: page.nextCursor, total: { count: Math.min(n, SEARCH_COUNT_CAP), more: n > SEARCH_COUNT_CAP } };
  }

  /** Unread threads per folder, and the threads in each of the team's views for the member. */
  async unreadCounts(me = ""): Promise<UnreadCounts> {
    this.touch();
    await this.ensureReady();
    const c = this.store.threads.unreadCounts();
    const v = this.store.threads.viewCounts(viewerOf(me));
    return {
      inbox: c.inbox,
      sent: c.sent,
      users: c.users,
      administrator: c.administrator,
      notifications: c.notifications,
      important: c.important,
      views: v,
    };
  }

  /** One thread: the mirror's copy at once; one never seen is fetched from Toloka. */
  async thread(id: string): Promise<ThreadDetail> {
    this.touch();
    const held = this.store.threads.get(id);
    if (held) return this.detail(held);
    const fetched = await this.fetchOne(id);
    if (!fetched) throw new AppError("NOT_FOUND", "There is no such thread.");
    return this.detail(this.store.threads.get(fetched.id)!);
  }

  /** A thread for the page, with who on the team wrote each message we sent. */
  private detail(t: MirrorThread): ThreadDetail {
    const w = this.store.workflow.get(t.id);
    const owner = w?.ownerId ? this.store.users.get(w.ownerId) : null;
    const workflow = w
      ? { ownerId: w.ownerId ?? undefined, ownerName: owner?.name, status: w.status, snoozeUntil: w.snoozeUntil ?? undefined, tolokerCount: w.tolokerCount }
      : undefined;
    return toDetail(t, this.store.authors.forThread(t.id), workflow, now());
  }

  /** Toloka has no get-one-thread; a list bounded to exactly this id does the same in one request. */
  private async fetchOne(id: string, opts: { messages?: boolean } = {}): Promise<WireThread | null> {
    // A listing may leave messages or interlocutors out: asked again (twice at most) while the mirror lacks them,
    // or, with `messages`, while the messages are left out (to see whether a reply arrived, the mirror's won't do).
    for (let n = 1; ; n++) {
      const page = await this.client.listThreads({ id_gte: id, id_lte: id, limit: 1 });
      const t = page.items.find((x) => x.id === id) ?? null;
      const wanting = t && (lacksContent(t, this.store.threads.get(id)) || (opts.messages === true && t.messages === undefined));
      if (wanting && n < 3) continue;
      if (t) this.mirror.applyLatest(t);
      return t;
    }
  }

  /** Marks a thread read or unread, important or not: Toloka first, then the mirror. */
  async setFlags(id: string, flags: FlagsBody): Promise<ThreadDetail> {
    if (flags.read === undefined && flags.important === undefined) {
      throw new AppError("BAD_REQUEST", "Nothing to change.", { body: "give read, important or both" });
    }
    if (!(await this.writeFlags(id, flags))) throw new AppError("NOT_FOUND", "There is no such thread.");
    return this.detail(this.store.threads.get(id)!);
  }

  /**
   * Writes a flag change to Toloka and applies its answer; false when the thread does not exist. A change Toloka
   * answered 2xx in a body that could not be read was made: the thread is read back instead. Adding or removing a
   * folder twice changes nothing, so this is safe to repeat.
   */
  private async writeFlags(id: string, flags: FlagsBody): Promise<boolean> {
    const add: Folder[] = [];
    const remove: Folder[] = [];
    if (flags.read === true) remove.push("UNREAD");
    if (flags.read === false) add.push("UNREAD");
    if (flags.important === true) add.push("IMPORTANT");
    if (flags.important === false) remove.push("IMPORTANT");
    let last: WireThread | undefined;
    let unread = false;
    const write = async (call: () => Promise<WireThread>) => {
      try {
        last = await call();
      } catch (error) {
        if (!(error instanceof TolokaError && error.answeredOk)) throw error;
        unread = true;
      }
    };
    if (add.length) await write(() => this.client.addToFolders(id, add));
    if (remove.length) await write(() => this.client.removeFromFolders(id, remove));
    if (unread || !last) return (await this.fetchOne(id)) !== null;
    this.mirror.applyLatest(last);
    return true;
  }

  /**
   * Starts a job that changes read or important on a selection of threads, one item per thread whose state the
   * change alters (a thread already so is left alone). Marking unread leaves out the sent threads nobody answered
   * yet, as for one thread: there is nothing in them the requester has not read. Ids the mirror does not hold
   * count as skipped.
   */
  bulkFlags(ids: readonly string[], change: FlagsBody, userId: string): JobDto {
    const wanted = [...new Set(ids)];
    const items: { threadId: string }[] = [];
    let skipped = 0;
    for (const threadId of wanted) {
      const t = this.store.threads.get(threadId);
      const changes =
        t !== null &&
        ((change.read !== undefined && change.read === t.folders.includes("UNREAD") && !(change.read === false && this.awaitsAnswer(t))) ||
          (change.important !== undefined && change.important !== t.folders.includes("IMPORTANT")));
      if (changes) items.push({ threadId });
      else skipped++;
    }
    const job = this.jobs.enqueue("flags", { change, selected: wanted.length, skipped }, items, userId);
    return this.jobs.describe(job.id)!;
  }

  private awaitsAnswer(t: MirrorThread): boolean {
    return isAwaitingAnswer(
      t.folders,
      t.messages.some((m) => m.fromRole === "USER" || m.fromRole === "ADMINISTRATOR"),
    );
  }

  /**
   * Replies in a thread. A reply is never sent twice: when Toloka's answer is lost (a timeout, a 5xx,
   * a broken connection), the thread is read back to see whether the reply landed before saying anything.
   */
  async reply(id: string, text: LocalizedText, author?: Person, guard: { seenMessages?: number; confirmed?: boolean } = {}): Promise<ThreadDetail> {
    if (!this.store.threads.get(id)) await this.fetchOne(id);
    const before = this.store.threads.get(id);
    if (!before) throw new AppError("NOT_FOUND", "There is no such thread.");
    if (guard.seenMessages !== undefined && !guard.confirmed) this.refuseIfRepliedMeanwhile(before, guard.seenMessages, author);
    const sameTextBefore = countMine(before.messages, text);
    const recordAuthor = () => {
      if (!author) return;
      // Ours is the newest of our messages with this text in Toloka's answer (the thread after the reply).
      const mine = this.store.threads.get(id)?.messages.filter((m) => isOurs(m) && sameText(m.text, text)) ?? [];
      const newest = mine[mine.length - 1];
      if (newest && mine.length > sameTextBefore) this.mirror.recordAuthor(id, newest.created, author);
    };
    try {
      this.mirror.applyLatest(await this.client.reply(id, text));
      recordAuthor();
    } catch (error) {
      if (!(error instanceof TolokaError) || error.outcome !== "unknown") throw error;
      let after: WireThread | null;
      try {
        after = await this.fetchOne(id, { messages: true });
      } catch {
        // Sent for sure (2xx); the thread shows it once the next sync reads it.
        if (error.answeredOk) return this.detail(this.store.threads.get(id)!);
        throw new AppError(
          "UPSTREAM_FAILED",
          "Toloka did not confirm the reply and could not be asked whether it arrived. Reload the thread before sending it again.",
        );
      }
      // A 2xx is Toloka's yes even when its body could not be read; otherwise the thread itself must show it.
      if (!error.answeredOk && after && after.messages === undefined) {
        throw new AppError(
          "UPSTREAM_FAILED",
          "Toloka did not confirm the reply, and its listing does not show the thread's messages to tell whether it arrived. Reload the thread before sending it again.",
        );
      }
      const landed = error.answeredOk || (after ? countMine(toMirrorThread(after).messages, text) > sameTextBefore : false);
      if (!landed) throw new AppError("UPSTREAM_FAILED", `Toloka did not take the reply (${error.message}). It was not sent; try again.`);
      recordAuthor();
    }
    return this.detail(this.store.threads.get(id)!);
  }

  /**
   * A reply of ours arrived in the thread after the member began theirs (the thread now holds more messages than
   * they saw, and one of the new ones is ours): refused, naming who replied, so the Toloker is not answered twice
   * unknowingly. Sending again with `confirmed` goes through.
   */
  private refuseIfRepliedMeanwhile(t: MirrorThread, seen: number, author?: Person): void {
    const since = t.messages.slice(seen).filter(isOurs);
    if (since.length === 0) return;
    const authors = this.store.authors.forThread(t.id);
    const latest = since[since.length - 1];
    const by = authors.find((a) => a.messageCreated === latest.created);
    const who = by ? (by.userId === author?.id ? "You" : by.userName) : "Someone on the team";
    throw new AppError(
      "REPLIED_MEANWHILE",
      `${who} replied in this thread after you began your reply (${latest.created}). Read it, then send yours if it still needs saying.`,
      { confirmed: "a teammate replied meanwhile: send again with confirmed to send anyway" },
    );
  }

  /** Starts a job that marks every unread thread of a tab (or all) read. */
  markAllRead(scope: Scope, userId: string): JobDto {
    const ids = this.store.threads.unreadIds(scope, viewerOf(userId));
    const job = this.jobs.enqueue(
      "mark-read",
      { scope },
      ids.map((threadId) => ({ threadId })),
      userId,
    );
    return this.jobs.describe(job.id)!;
  }

  /** A member's saved searches, in the order they were saved. */
  savedSearches(userId: string): SavedSearch[] {
    return this.store.savedSearches.list(userId);
  }

  /** Saves a search for a member; one the search box would refuse is refused here too, and so is one past the cap. */
  saveSearch(userId: string, body: NewSavedSearch): SavedSearch {
    const parsed = parseSearch(body.q);
    if (!parsed.ok) throw invalid({ q: parsed.error });
    const saved = this.store.savedSearches.create({ userId, ...body }, SAVED_SEARCHES_MAX);
    if (!saved) throw new AppError("CONFLICT", `You can save at most ${SAVED_SEARCHES_MAX} searches. Remove one first.`);
    return saved;
  }

  /** Removes one of a member's own saved searches; another member's is "not found". */
  deleteSavedSearch(userId: string, id: string): void {
    if (!this.store.savedSearches.delete(userId, id)) throw new AppError("NOT_FOUND", "There is no such saved search.");
  }

  /** The account's skills, for the filter builder; cached for ten minutes. */
  async skills(): Promise<WireSkill[]> {
    if (this.skillsCache && Date.now() - this.skillsCache.at < SKILLS_TTL_MS) return this.skillsCache.items;
    const items: WireSkill[] = [];
    for await (const page of pagesById((idGt) => this.client.listSkills({ sort: "id", limit: 100, id_gt: idGt }))) items.push(...page.items);
    this.skillsCache = { at: Date.now(), items };
    return items;
  }
}

/** The member a list is for, at the app's clock. */
function viewerOf(me: string): Viewer {
  return { me, now: nowIso() };
}

function sameText(a: LocalizedText, b: LocalizedText): boolean {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

function countMine(messages: { myself: boolean; fromRole: string; text: LocalizedText }[], text: LocalizedText): number {
  return messages.filter((m) => isOurs(m) && sameText(m.text, text)).length;
}
