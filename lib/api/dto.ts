import "server-only";
import type { LocalizedText, WireThread } from "@/lib/toloka/wire";
import type { OtherParty, ThreadSummary } from "@/lib/schemas/threads";

/** The language shown when a text has several: English if present, else the first one given. */
export function pickLanguage(text: LocalizedText | undefined): string {
  if (!text) return "";
  return text.EN ?? Object.values(text)[0] ?? "";
}

/** Toloka dates carry no zone but are UTC; the app speaks ISO 8601 with `Z`. */
export function isoFromToloka(date: string): string {
  return date.endsWith("Z") ? date : `${date}Z`;
}

function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Who the requester talks with, from the thread's interlocutors and compose details. */
export function otherPartyOf(thread: WireThread): OtherParty {
  const others = (thread.interlocutors ?? []).filter((i) => !i.myself && i.role !== "REQUESTER");
  if (others.some((i) => i.role === "SYSTEM")) return { kind: "system" };
  if (others.some((i) => i.role === "ADMINISTRATOR")) return { kind: "administrator" };
  const details = thread.compose_details;
  if (details && (details.recipients_select_type !== "DIRECT" || (details.recipients_ids?.length ?? 0) !== 1)) {
    return { kind: "recipients", selectType: details.recipients_select_type, count: details.recipients_ids?.length };
  }
  const toloker = others.find((i) => i.role === "USER");
  if (toloker) return { kind: "toloker", id: toloker.id };
  return { kind: "recipients", selectType: details?.recipients_select_type ?? "DIRECT", count: details?.recipients_ids?.length };
}

/** A Toloka thread as a row of the thread list. */
export function toThreadSummary(thread: WireThread): ThreadSummary {
  const messages = thread.messages ?? [];
  const newest = messages[0];
  const folders = thread.folders ?? [];
  return {
    id: thread.id,
    topic: pickLanguage(thread.topic),
    snippet: plainText(pickLanguage(newest?.text)).slice(0, 200),
    otherParty: otherPartyOf(thread),
    lastActivity: isoFromToloka(newest?.created ?? thread.created),
    created: isoFromToloka(thread.created),
    unread: folders.includes("UNREAD"),
    important: folders.includes("IMPORTANT"),
    answerable: thread.answerable ?? false,
    messageCount: messages.length,
  };
}
