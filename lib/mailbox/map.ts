import "server-only";
import type { MirrorThread } from "@/lib/db";
import { FOLDERS, type WireThread } from "@/lib/toloka/wire";

/** Toloka dates carry no zone but are UTC; the mirror keeps ISO 8601 with Z and 3 fractional digits. */
function isoFromToloka(date: string): string {
  const bare = date.endsWith("Z") ? date.slice(0, -1) : date;
  const [whole, frac = ""] = bare.split(".");
  const withTime = whole.includes("T") ? whole : `${whole}T00:00:00`;
  return `${withTime}.${(`${frac}000`).slice(0, 3)}Z`;
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
    // A date Toloka did not send (taken from the id of a sparse listing, say) never replaces one the mirror holds.
    created: t.created_inferred && held ? held.created : isoFromToloka(t.created),
    composeDetails: t.compose_details ?? held?.composeDetails,
    meta: t.meta && Object.keys(t.meta).length ? t.meta : held?.meta,
    // `myself` may be left out when false, or sent as false: one form in the mirror.
    interlocutors: t.interlocutors ? t.interlocutors.map((i) => ({ id: i.id, role: i.role, myself: i.myself === true })) : (held?.interlocutors ?? []),
    messages: t.messages
      ? [...t.messages].reverse().map((m) => ({
          fromId: m.from.id,
          fromRole: m.from.role,
          myself: m.from.myself ?? false,
          created: isoFromToloka(m.created),
          text: m.text,
        }))
      : (held?.messages ?? []),
    // A set, in one order however Toloka ordered it.
    folders: t.folders ? FOLDERS.filter((f) => t.folders!.includes(f)) : (held?.folders ?? []),
  };
}

/** Whether a thread came without something the mirror may hold (so the mirror's copy must fill it in). */
export function isSparse(t: WireThread): boolean {
  return t.messages === undefined || t.interlocutors === undefined || t.folders === undefined;
}

/** Threads as the mirror keeps them, filling what a sparse one left out from the mirror's copy (`held`). */
export function toMirrorThreads(items: WireThread[], held: (id: string) => MirrorThread | null): MirrorThread[] {
  return items.flatMap((t) => {
    const h = isSparse(t) || t.created === "" ? held(t.id) : null;
    // No date from Toloka nor from the mirror: nothing to place it by; it waits for a listing that says (see sync).
    return t.created === "" && !h ? [] : [toMirrorThread(t, h)];
  });
}

/** Whether a thread came without something the mirror does not hold either: worth asking Toloka again. */
export function lacksContent(t: WireThread, held: MirrorThread | null): boolean {
  if (!isSparse(t)) return false;
  return (
    (t.messages === undefined && !held?.messages.length) || (t.interlocutors === undefined && !held?.interlocutors.length) || (t.folders === undefined && !held)
  );
}

/** Whether a message in the mirror is ours (the account's requester wrote it): Toloka says `myself`, or the role. */
export function isOurs(m: Pick<MirrorThread["messages"][number], "myself" | "fromRole">): boolean {
  return m.myself || m.fromRole === "REQUESTER";
}
