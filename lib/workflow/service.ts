import "server-only";
import { now, nowIso } from "@/lib/clock";
import type { Store, ThreadEventRecord, WorkflowRecord } from "@/lib/db";
import { AppError, invalid } from "@/lib/errors";
import { effectiveStatus, hasRole } from "@/lib/schemas/plain";
import type { Person } from "@/lib/schemas/person";
import type { Presence, SavedReply, SavedReplyBody, TeamMembers, ThreadEvent, ThreadTeam, Workflow, WorkflowPatch } from "@/lib/schemas/workflow";

/** How long a member counts as having a thread open after their last heartbeat (the page sends one a second). */
const PRESENCE_TTL_MS = 4_000;

/** Someone the team's workflow tells about a change: the notification service, when there is one. */
export interface WorkflowNotifier {
  record(event: { kind: "assigned" | "mention"; threadId: string; recipients: string[]; actorName?: string; topic: string; text?: string }): void;
}

export interface WorkflowDeps {
  store: Store;
  notifier?: WorkflowNotifier;
}

/**
 * The team's workflow on top of the mirror: who owns a thread, its status (open, done, snoozed), the internal
 * timeline (notes with @mentions, assignments, status changes), who has a thread open and is typing, and the saved
 * replies. All of it is the team's alone: it lives in the app store and nothing here calls Toloka.
 */
export class WorkflowService {
  private readonly store: Store;
  private readonly notifier?: WorkflowNotifier;

  constructor(deps: WorkflowDeps) {
    this.store = deps.store;
    this.notifier = deps.notifier;
  }

  /** Everyone on the team, by name: who a thread can be assigned to (senders and admins) and who can be mentioned. */
  members(): TeamMembers["items"] {
    return this.store.users
      .list()
      .map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The thread's workflow and timeline. */
  team(threadId: string): ThreadTeam {
    this.requireThread(threadId);
    const names = this.memberNames();
    return {
      workflow: this.workflowDto(threadId),
      events: this.store.workflow.events(threadId).map((e) => toEventDto(e, names)),
    };
  }

  /** Assigns, unassigns, or sets the status of one thread; each change goes into its timeline. */
  update(threadId: string, patch: WorkflowPatch, actor: Person): Workflow {
    this.requireThread(threadId);
    this.apply(threadId, patch, actor);
    return this.workflowDto(threadId);
  }

  /** The same change on a selection; threads the mirror does not hold, or already so, are skipped. */
  bulk(ids: readonly string[], patch: WorkflowPatch, actor: Person): { changed: number; skipped: number } {
    if (patch.ownerId) this.requireOwner(patch.ownerId);
    let changed = 0;
    for (const id of new Set(ids)) {
      if (this.store.threads.get(id) && this.apply(id, patch, actor)) changed++;
    }
    return { changed, skipped: new Set(ids).size - changed };
  }

  private apply(threadId: string, patch: WorkflowPatch, actor: Person): boolean {
    const held = this.store.workflow.get(threadId);
    const count = this.store.threads.tolokerMessageCount(threadId) ?? 0;
    const current: WorkflowRecord = held ?? {
      threadId,
      ownerId: null,
      status: "open",
      snoozeUntil: null,
      tolokerCount: count,
      updatedAt: "",
      updatedBy: null,
    };
    const inForce = effectiveStatus(current, count, now());
    const next = { ...current, status: inForce, updatedBy: actor.id };
    let changed = false;
    if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) {
      if (patch.ownerId) this.requireOwner(patch.ownerId);
      const names = this.memberNames();
      this.store.workflow.addEvent({
        threadId,
        kind: "assign",
        authorId: actor.id,
        authorName: actor.name,
        body: JSON.stringify({ from: current.ownerId ?? undefined, to: patch.ownerId ?? undefined }),
        mentions: [],
      });
      next.ownerId = patch.ownerId;
      changed = true;
      if (patch.ownerId && patch.ownerId !== actor.id) {
        this.notifier?.record({
          kind: "assigned",
          threadId,
          recipients: [patch.ownerId],
          actorName: names.get(actor.id) ?? actor.name,
          topic: this.topicOf(threadId),
        });
      }
    }
    if (patch.status !== undefined && (patch.status !== inForce || (patch.status === "snoozed" && patch.snoozeUntil !== current.snoozeUntil))) {
      if (patch.status === "snoozed" && !(Date.parse(patch.snoozeUntil ?? "") > now())) throw invalid({ snoozeUntil: "must be in the future" });
      next.status = patch.status;
      next.snoozeUntil = patch.status === "snoozed" ? (patch.snoozeUntil ?? null) : null;
      // What the thread holds now: a Toloker message after this reopens it.
      next.tolokerCount = count;
      this.store.workflow.addEvent({
        threadId,
        kind: "status",
        authorId: actor.id,
        authorName: actor.name,
        body: JSON.stringify({ status: patch.status, until: next.snoozeUntil ?? undefined }),
        mentions: [],
      });
      changed = true;
    }
    if (changed) this.store.workflow.put({ ...next, updatedAt: nowIso() });
    return changed;
  }

  /** Adds an internal note; every teammate named `@Name` (or `@email`) in it is told. Never sent to Toloka. */
  addNote(threadId: string, text: string, actor: Person): ThreadEvent {
    this.requireThread(threadId);
    const members = this.store.users.list();
    const lower = text.toLowerCase();
    const mentioned = members.filter((m) => {
      const handles = [m.name, m.email, m.email.split("@")[0]].filter((h) => h.length > 0).map((h) => `@${h.toLowerCase()}`);
      return handles.some((h) => {
        const at = lower.indexOf(h);
        // The handle ends where the mention does: "@Ana" is not a mention of "Anatoly".
        return at >= 0 && !/[\p{L}\p{N}_]/u.test(lower.charAt(at + h.length));
      });
    });
    const e = this.store.workflow.addEvent({
      threadId,
      kind: "note",
      authorId: actor.id,
      authorName: actor.name,
      body: text,
      mentions: mentioned.map((m) => m.id),
    });
    const others = mentioned.filter((m) => m.id !== actor.id).map((m) => m.id);
    if (others.length) this.notifier?.record({ kind: "mention", threadId, recipients: others, actorName: actor.name, topic: this.topicOf(threadId), text });
    return toEventDto(e, new Map(members.map((m) => [m.id, m.name])));
  }

  /**
   * A member's thread view says it is open (every second), and whether they are typing; answers who else has it
   * open and how many messages it holds now. `leaving` says the view closed.
   */
  presence(threadId: string, actor: Person, state: { typing: boolean; leaving?: boolean }): Presence {
    const at = Date.now();
    if (state.leaving) this.store.workflow.leave(threadId, actor.id);
    else this.store.workflow.heartbeat(threadId, { userId: actor.id, userName: actor.name, typing: state.typing, seenAt: at });
    if (Math.random() < 0.01) this.store.workflow.prunePresence(at - 60_000);
    const others = this.store.workflow.present(threadId, at - PRESENCE_TTL_MS, actor.id).map((p) => ({ id: p.userId, name: p.userName, typing: p.typing }));
    const t = this.store.threads.get(threadId);
    return { others, messageCount: t?.messages.length ?? 0 };
  }

  savedReplies(q: { q?: string; lang?: string }): SavedReply[] {
    return this.store.workflow.listReplies({ text: q.q, lang: q.lang }).map(toReplyDto);
  }

  createReply(body: SavedReplyBody, actor: Person): SavedReply {
    return toReplyDto(this.store.workflow.createReply({ ...body, createdBy: actor.id, updatedByName: actor.name }));
  }

  updateReply(id: string, body: SavedReplyBody, actor: Person): SavedReply {
    const r = this.store.workflow.updateReply(id, { ...body, updatedByName: actor.name });
    if (!r) throw new AppError("NOT_FOUND", "There is no such saved reply.");
    return toReplyDto(r);
  }

  deleteReply(id: string): void {
    if (!this.store.workflow.deleteReply(id)) throw new AppError("NOT_FOUND", "There is no such saved reply.");
  }

  private workflowDto(threadId: string): Workflow {
    const w = this.store.workflow.get(threadId);
    if (!w) return { status: "open" };
    const status = effectiveStatus(w, this.store.threads.tolokerMessageCount(threadId) ?? 0, now());
    const owner = w.ownerId ? this.store.users.get(w.ownerId) : null;
    return {
      ...(w.ownerId ? { owner: { id: w.ownerId, name: owner?.name ?? "A former member" } } : {}),
      status,
      ...(status === "snoozed" && w.snoozeUntil ? { snoozeUntil: w.snoozeUntil } : {}),
    };
  }

  private requireThread(threadId: string): void {
    if (!this.store.threads.get(threadId)) throw new AppError("NOT_FOUND", "There is no such thread.");
  }

  /** An owner answers Tolokers: a sender or an admin of this team. */
  private requireOwner(id: string): void {
    const u = this.store.users.get(id);
    if (!u) throw invalid({ ownerId: "is not a member of the team" });
    if (!hasRole(u.role, "sender")) throw invalid({ ownerId: `${u.name} is a viewer and cannot reply; make them a sender first` });
  }

  private memberNames(): Map<string, string> {
    return new Map(this.store.users.list().map((u) => [u.id, u.name]));
  }

  private topicOf(threadId: string): string {
    const t = this.store.threads.get(threadId);
    return t ? (t.topic.EN ?? Object.values(t.topic)[0] ?? "") : "";
  }
}

function toEventDto(e: ThreadEventRecord, names: Map<string, string>): ThreadEvent {
  const author = { ...(e.authorId ? { id: e.authorId } : {}), name: e.authorName };
  if (e.kind === "note") {
    return {
      kind: "note",
      id: e.id,
      at: e.createdAt,
      author,
      text: e.body,
      mentions: e.mentions.map((id) => ({ id, name: names.get(id) ?? "A former member" })),
    };
  }
  const body = JSON.parse(e.body) as { from?: string; to?: string; status?: Workflow["status"]; until?: string };
  if (e.kind === "assign") {
    const name = (id?: string) => (id ? (names.get(id) ?? "A former member") : undefined);
    return { kind: "assign", id: e.id, at: e.createdAt, author, from: name(body.from), to: name(body.to) };
  }
  return { kind: "status", id: e.id, at: e.createdAt, author, status: body.status ?? "open", ...(body.until ? { until: body.until } : {}) };
}

function toReplyDto(r: { id: string; title: string; lang: string; body: string; updatedByName: string; updatedAt: string }): SavedReply {
  return { id: r.id, title: r.title, lang: r.lang, body: r.body, updatedBy: r.updatedByName, updatedAt: r.updatedAt };
}
