import "server-only";
import type { MessageAuthorRecord, MirrorThread, SnippetPart, ThreadListRow } from "@/lib/db";
import type { InterlocutorRole, KnownRole } from "@/lib/toloka/wire";
import { effectiveStatus, type ReplyBlocked } from "@/lib/schemas/plain";
import { pickLanguage, type Workflow, type OtherParty, type PartyRole, type ThreadDetail, type ThreadSummary } from "@/lib/schemas/threads";
import { isAwaitingAnswer } from "@/lib/db/awaiting-answer";
import { isOurs } from "./map";
import { plainText, sanitizeMessageHtml, type BodyFormat } from "./sanitize";

const ROLE: Record<KnownRole, PartyRole> = {
  USER: "toloker",
  REQUESTER: "requester",
  ADMINISTRATOR: "administrator",
  SYSTEM: "system",
};

/** A Toloka role in the app's words; one Toloka added since is `other` (the thread view names it as sent). */
function partyRole(role: InterlocutorRole): PartyRole {
  return Object.hasOwn(ROLE, role) ? ROLE[role as KnownRole] : "other";
}

/** Tolokers write plain text; everyone else may write HTML (see sanitize.ts). */
function formatOf(role: InterlocutorRole | undefined): BodyFormat {
  return role === "USER" ? "text" : "html";
}

type ThreadLike = Pick<ThreadListRow, "interlocutors" | "composeDetails" | "answerable" | "parentId">;

/** Who the requester talks with, from the thread's interlocutors and compose details. */
function otherPartyOf(t: ThreadLike): OtherParty {
  const others = t.interlocutors.filter((i) => !i.myself && i.role !== "REQUESTER");
  if (others.some((i) => i.role === "SYSTEM")) return { kind: "system" };
  if (others.some((i) => i.role === "ADMINISTRATOR")) return { kind: "administrator" };
  const d = t.composeDetails;
  if (d && (d.recipients_select_type !== "DIRECT" || (d.recipients_ids?.length ?? 0) !== 1)) {
    return { kind: "recipients", selectType: d.recipients_select_type, count: d.recipients_ids?.length, filter: d.recipients_filter };
  }
  const toloker = others.find((i) => i.role === "USER") ?? (d?.recipients_ids?.[0] ? { id: d.recipients_ids[0] } : undefined);
  if (toloker) return { kind: "toloker", id: toloker.id };
  return { kind: "recipients", selectType: d?.recipients_select_type ?? "DIRECT", count: d?.recipients_ids?.length };
}

type Replies = ThreadSummary["replies"];

/**
 * Who can answer in a thread, and why the requester may not reply here when they may not. Replies go to one
 * person: a thread sent to many is answered in the child threads its recipients start (unless it was sent with
 * replies turned off), and notices cannot be answered.
 */
function repliesOf(t: ThreadLike): { replies: Replies; code?: ReplyBlocked; reason?: string } {
  const others = t.interlocutors.filter((i) => !i.myself && i.role !== "REQUESTER");
  if (others.some((i) => i.role === "SYSTEM")) return { replies: "closed", code: "notification", reason: "Notifications from Toloka cannot be answered." };
  const d = t.composeDetails;
  const many = d && (d.recipients_select_type !== "DIRECT" || (d.recipients_ids?.length ?? 0) > 1);
  // Sent with "Allows replies" off: nobody can answer it, so no answers will arrive anywhere.
  if (!t.answerable && d) {
    return {
      replies: "off",
      code: many ? "offMany" : "off",
      reason: many
        ? "This message went to many Tolokers with replies turned off: they cannot answer it."
        : "This message was sent with replies turned off: the Toloker cannot answer it, and you cannot add to it.",
    };
  }
  if (many)
    return { replies: "apart", code: "apart", reason: "This message went to many Tolokers; their answers arrive as separate threads you can reply in." };
  if (!t.answerable) return { replies: "closed", code: "closed", reason: "This thread does not allow replies." };
  // One Toloker or administrator to answer; someone in a role Toloka added since does not make a second, unless
  // they are all there is (Toloka itself then says whether they can be answered).
  const people = others.filter((i) => i.role === "USER" || i.role === "ADMINISTRATOR");
  if (people.length !== 1 && !(people.length === 0 && others.length === 1))
    return { replies: "closed", code: "noOne", reason: "This thread has no single person to answer." };
  return { replies: "here" };
}

function replyFields(t: ThreadLike): Pick<ThreadSummary, "canReply" | "replies"> {
  const { replies } = repliesOf(t);
  return { canReply: replies === "here", replies };
}

function metaOf(t: Pick<ThreadListRow, "meta">): ThreadSummary["meta"] {
  return { poolId: t.meta?.pool_id, projectId: t.meta?.project_id, assignmentId: t.meta?.assignment_id };
}

/**
 * The shown topic's marks: the index holds every language of the topic, one a line, in the order they are kept,
 * so the line of the language shown is taken; dropped when it does not spell the topic exactly.
 */
function topicHighlight(row: ThreadListRow): Pick<ThreadSummary, "topicHighlight"> {
  if (!row.topicMarks) return {};
  const lines: SnippetPart[][] = [[]];
  for (const part of row.topicMarks) {
    part.text.split("\n").forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece) lines[lines.length - 1].push({ text: piece, match: part.match });
    });
  }
  const langs = Object.keys(row.topic);
  const shown = pickLanguage(row.topic);
  const line = lines[Math.max(0, langs.indexOf("EN"))];
  if (!line || lines.length !== langs.length || line.map((p) => p.text).join("") !== shown || !line.some((p) => p.match)) return {};
  return { topicHighlight: line };
}

/** The workflow as the page shows it: the status in force at `nowMs` (a Toloker's new message reopens a thread). */
function workflowOf(row: Pick<ThreadListRow, "workflow" | "tolokerMessages">, nowMs: number): Workflow {
  const w = row.workflow;
  if (!w) return { status: "open" };
  const status = effectiveStatus(w, row.tolokerMessages, nowMs);
  return {
    ...(w.ownerId ? { owner: { id: w.ownerId, name: w.ownerName ?? "A former member" } } : {}),
    status,
    ...(status === "snoozed" && w.snoozeUntil ? { snoozeUntil: w.snoozeUntil } : {}),
  };
}

/** A mirror row as a row of the thread list; `nowMs` is the app's clock, for snoozes. */
export function toSummary(row: ThreadListRow, nowMs = Date.now()): ThreadSummary {
  return {
    id: row.id,
    parentId: row.parentId,
    topic: pickLanguage(row.topic),
    snippet: plainText(pickLanguage(row.lastMessage?.text), formatOf(row.lastMessage?.fromRole)).slice(0, 240),
    highlight: row.snippet,
    ...topicHighlight(row),
    otherParty: otherPartyOf(row),
    lastActivity: row.lastActivity,
    lastFrom: row.lastMessage ? partyRole(row.lastMessage.fromRole) : undefined,
    created: row.created,
    // A thread we sent that awaits its first answer may sit in UNREAD (Toloka's docs say so): not unread for us.
    unread: row.folders.includes("UNREAD") && !row.awaitingAnswer,
    ...(row.awaitingAnswer ? { awaitingAnswer: true } : {}),
    important: row.folders.includes("IMPORTANT"),
    ...replyFields(row),
    meta: metaOf(row),
    messageCount: row.messageCount,
    workflow: workflowOf(row, nowMs),
  };
}

/**
 * A whole mirror thread for the thread view, every body sanitised; with `authors`, each message we sent through
 * the app says which team member wrote it (an author recorded without a time is the first message's: a compose).
 */
export function toDetail(t: MirrorThread, authors: MessageAuthorRecord[] = [], workflow?: ThreadListRow["workflow"], nowMs = Date.now()): ThreadDetail {
  const byCreated = new Map(authors.map((a) => [a.messageCreated, a]));
  const firstMine = t.messages.findIndex(isOurs);
  const last = t.messages[t.messages.length - 1];
  const row: ThreadListRow = {
    ...t,
    lastActivity: last && last.created > t.created ? last.created : t.created,
    lastMessage: last,
    messageCount: t.messages.length,
    tolokerMessages: t.messages.filter((m) => m.fromRole === "USER").length,
    workflow,
    awaitingAnswer: isAwaitingAnswer(
      t.folders,
      t.messages.some((m) => m.fromRole === "USER" || m.fromRole === "ADMINISTRATOR"),
    ),
  };
  const d = t.composeDetails;
  return {
    ...toSummary(row, nowMs),
    topics: t.topic,
    messages: t.messages.map((m, i) => {
      const author = isOurs(m) ? (byCreated.get(m.created) ?? (i === firstMine ? byCreated.get("") : undefined)) : undefined;
      return {
        from: { role: partyRole(m.fromRole), ...(partyRole(m.fromRole) === "other" ? { roleName: m.fromRole } : {}), id: m.fromId, myself: m.myself },
        created: m.created,
        html: Object.fromEntries(Object.entries(m.text).map(([lang, text]) => [lang, sanitizeMessageHtml(text, formatOf(m.fromRole))])),
        ...(author ? { sentBy: { id: author.userId, name: author.userName, email: author.userEmail } } : {}),
      };
    }),
    replyBlockedReason: repliesOf(t).reason,
    replyBlocked: repliesOf(t).code,
    compose: d ? { selectType: d.recipients_select_type, recipientIds: d.recipients_ids, filter: d.recipients_filter } : undefined,
  };
}
