import "server-only";
import { getStore } from "@/lib/db";
import type { ActivityAction } from "@/lib/schemas/activity";
import { getLogger } from "@/lib/log";
import type { ActivityPage, ActivityQuery } from "@/lib/schemas/activity";
import type { Person } from "@/lib/schemas/person";
import { currentRequest } from "./request-context";

/** Who did something, in the log's words: a team member. */
export type ActivityActor = Person;

/** Who did something, as the activity log names them: only these three fields of a member or session user. */
export function actorOf(u: ActivityActor): ActivityActor {
  return { id: u.id, email: u.email, name: u.name };
}

export interface ActivitySubject {
  threadId?: string;
  jobId?: string;
  /** What else it is about, e.g. the email of the team member whose role changed. */
  target?: string;
  /** Small facts worth keeping (never a secret, never a message's text). */
  details?: Record<string, unknown>;
}

/**
 * Writes an entry to the activity log, with the time, the request's id and the client's address. A failure
 * to write is logged, not thrown: what it records has already happened.
 */
export function recordActivity(action: ActivityAction, actor: ActivityActor | null, subject: ActivitySubject = {}): void {
  const ctx = currentRequest();
  try {
    getStore().activity.append({
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      actorName: actor?.name ?? null,
      action,
      threadId: subject.threadId ?? null,
      jobId: subject.jobId ?? null,
      target: subject.target ?? null,
      details: subject.details ?? null,
      ip: ctx?.ip ?? null,
      requestId: ctx?.requestId ?? null,
    });
    getLogger().info({ reqId: ctx?.requestId, action, actor: actor?.id, threadId: subject.threadId, jobId: subject.jobId, target: subject.target }, "activity");
  } catch (error) {
    getLogger().error({ reqId: ctx?.requestId, action, err: error }, "could not write to the activity log");
  }
}

/** A page of the activity log for the activity page and GET /api/activity. */
export function queryActivity(q: ActivityQuery): ActivityPage {
  const store = getStore();
  // A bare date as `to` means the whole of that day.
  const to = q.to && q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to;
  const page = store.activity.query({
    actorId: q.actor,
    action: q.action,
    threadId: q.thread,
    jobId: q.job,
    from: q.from,
    to,
    beforeId: q.before,
    limit: q.limit,
  });
  return {
    items: page.items.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actorId ? { id: e.actorId, email: e.actorEmail ?? "", name: e.actorName ?? "" } : null,
      action: e.action,
      threadId: e.threadId ?? undefined,
      jobId: e.jobId ?? undefined,
      target: e.target ?? undefined,
      details: e.details ?? undefined,
      ip: e.ip ?? undefined,
    })),
    nextBefore: page.nextBeforeId,
    actors: store.activity.actors(),
  };
}
