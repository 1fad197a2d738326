import "server-only";
import type { Store } from "@/lib/db";
import type { Person } from "@/lib/schemas/person";
import type { Folder, WireThread } from "@/lib/toloka/wire";
import { toMirrorThreads } from "./map";

/** A thread that gained a message from a Toloker in a write to the mirror: its newest one. */
export interface TolokerNews {
  threadId: string;
  /** The mirror did not hold the thread before. */
  isNew: boolean;
  tolokerId: string;
  topic: string;
  text: string;
}

/** How long a write-through is remembered: longer than any listing takes to page through. */
const LOCAL_WRITE_MEMORY_MS = 60_000;

/**
 * The one writer of the mirror (the local copy of the account's threads) and of who on the team wrote our
 * messages. The sync, the mailbox and compose read the store as they like, but change the mirror only here, so
 * the rule that keeps it right is in one place: a thread Toloka just answered for (after one of our writes, or
 * read on its own) is newer than any listing fetched before it, which therefore cannot undo it.
 */
export class Mirror {
  /** When each thread was last taken from an answer of its own, so a listing fetched before it cannot undo it. */
  private readonly latest = new Map<string, number>();
  private readonly tolokerListeners: ((news: TolokerNews[]) => void)[] = [];

  /**
   * Calls `listener` after each write with the threads that gained messages from Tolokers (a new thread counts,
   * with `isNew`): the team's notifications start here.
   */
  onTolokerMessages(listener: (news: TolokerNews[]) => void): void {
    this.tolokerListeners.push(listener);
  }

  constructor(private readonly store: Store) {}

  /** A thread as Toloka gave it just now, on its own: the answer to a write, or a read of that one thread. */
  applyLatest(t: WireThread): void {
    this.latest.set(t.id, Date.now());
    this.upsert([t]);
  }

  /**
   * Threads of a listing asked for at `fetchedAt`, less those taken from an answer of their own since (the listing
   * may predate a write); returns how many changed.
   */
  applyListing(items: WireThread[], fetchedAt: number): number {
    if (this.latest.size > 0) {
      for (const [id, at] of this.latest) if (at < fetchedAt - LOCAL_WRITE_MEMORY_MS) this.latest.delete(id);
      items = items.filter((t) => (this.latest.get(t.id) ?? 0) < fetchedAt);
    }
    return items.length === 0 ? 0 : this.upsert(items);
  }

  /**
   * Removes a flag folder from a thread that a listing of that folder, begun at `listedFrom`, no longer had,
   * unless the thread was taken from an answer of its own since; true when it changed.
   */
  dropFolder(id: string, folder: Folder, listedFrom: number): boolean {
    if ((this.latest.get(id) ?? 0) >= listedFrom) return false;
    const t = this.store.threads.get(id);
    return t
      ? this.store.threads.setFolders(
          id,
          t.folders.filter((f) => f !== folder),
        )
      : false;
  }

  /** After a full listing: removes every thread it did not list; returns how many. */
  removeAllBut(listed: ReadonlySet<string>): number {
    return this.store.threads.deleteMany(this.store.threads.allIds().filter((id) => !listed.has(id)));
  }

  /** Removes every thread (the mirror belonged to another account); returns how many. */
  empty(): number {
    this.latest.clear();
    // What was read about Tolokers and assignments belongs to the account whose mirror this was.
    this.store.tolokers.clear();
    return this.store.threads.deleteMany(this.store.threads.allIds());
  }

  /**
   * Records which team member wrote a message we sent: `messageCreated` as the mirror holds it, or "" for the
   * first message of a thread just composed (compose knows the new thread's id, not yet its message's time).
   */
  recordAuthor(threadId: string, messageCreated: string, author: Person): void {
    this.store.authors.record({ threadId, messageCreated, userId: author.id, userName: author.name, userEmail: author.email });
  }

  private upsert(items: WireThread[]): number {
    const threads = toMirrorThreads(items, (id) => this.store.threads.get(id));
    if (this.tolokerListeners.length === 0) return this.store.threads.upsertMany(threads);
    const before = new Map(threads.map((t) => [t.id, this.store.threads.tolokerMessageCount(t.id) ?? -1]));
    const changed = this.store.threads.upsertMany(threads);
    const news: TolokerNews[] = [];
    for (const t of threads) {
      const was = before.get(t.id) ?? -1;
      const fromTolokers = t.messages.filter((m) => m.fromRole === "USER");
      if (fromTolokers.length > Math.max(was, 0)) {
        const last = fromTolokers[fromTolokers.length - 1];
        news.push({
          threadId: t.id,
          isNew: was === -1,
          tolokerId: last.fromId,
          topic: t.topic.EN ?? Object.values(t.topic)[0] ?? "",
          text: last.text.EN ?? Object.values(last.text)[0] ?? "",
        });
      }
    }
    if (news.length) for (const l of this.tolokerListeners) l(news);
    return changed;
  }
}
