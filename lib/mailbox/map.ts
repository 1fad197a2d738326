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

/** A thread as Toloka sends it, as the mirror keeps it (messages oldest first). */
export function toMirrorThread(t: WireThread): MirrorThread {
  return {
    id: t.id,
    parentId: t.parent_id,
    topic: t.topic,
    answerable: t.answerable ?? false,
    created: isoFromToloka(t.created),
    composeDetails: t.compose_details,
    meta: t.meta && Object.keys(t.meta).length ? t.meta : undefined,
    interlocutors: t.interlocutors ?? [],
    messages: [...(t.messages ?? [])].reverse().map((m) => ({
      fromId: m.from.id,
      fromRole: m.from.role,
      myself: m.from.myself ?? false,
      created: isoFromToloka(m.created),
      text: m.text,
    })),
    folders: [...new Set(t.folders ?? [])],
  };
}
