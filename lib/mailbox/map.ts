import "server-only";
import type { MirrorThread } from "@/lib/db";
import type { WireThread } from "@/lib/toloka/wire";

/** Toloka dates carry no zone but are UTC; the mirror keeps ISO 8601 with Z and 3 fractional digits. */
export function isoFromToloka(date: string): string {
  const bare = date.endsWith("Z") ? date.slice(0, -1) : date;
  const [whole, frac = ""] = bare.split(".");
  const withTime = whole.includes("T") ? whole : `${whole}T00:00:00`;
  return `${withTime}.${(frac + "000").slice(0, 3)}Z`;
}

/**
 * A thread as Toloka sends it, as the mirror keeps it (messages oldest first). What the listing left out
 * (messages or interlocutors not inlined, no folders) is taken from `held`, the mirror's copy: a sparse listing
 * never erases what the mirror knows.
 */
export function toMirrorThread(t: WireThread, held?: MirrorThread | null): MirrorThread {
  return {
    id: t.id,
    parentId: t.parent_id,
    topic: t.topic,
    // Toloka's documented default.
    answerable: t.answerable ?? true,
    created: isoFromToloka(t.created),
    composeDetails: t.compose_details ?? held?.composeDetails,
    meta: t.meta && Object.keys(t.meta).length ? t.meta : held?.meta,
    interlocutors: t.interlocutors ?? held?.interlocutors ?? [],
    messages: t.messages
      ? [...t.messages].reverse().map((m) => ({
          fromId: m.from.id,
          fromRole: m.from.role,
          myself: m.from.myself ?? false,
          created: isoFromToloka(m.created),
          text: m.text,
        }))
      : (held?.messages ?? []),
    folders: t.folders ? [...new Set(t.folders)] : (held?.folders ?? []),
  };
}

/** Whether a thread came without something the mirror may hold (so the mirror's copy must fill it in). */
export function isSparse(t: WireThread): boolean {
  return t.messages === undefined || t.interlocutors === undefined || t.folders === undefined;
}

/** Threads as the mirror keeps them, filling what a sparse one left out from the mirror's copy (`held`). */
export function toMirrorThreads(items: WireThread[], held: (id: string) => MirrorThread | null): MirrorThread[] {
  return items.map((t) => toMirrorThread(t, isSparse(t) ? held(t.id) : null));
}
