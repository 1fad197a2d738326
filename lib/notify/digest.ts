import "server-only";
import type { NotifyEventKind, NotifyEventRecord } from "@/lib/db";

/**
 * What a batch of notifications says: the email's subject, plain text and HTML, and the webhook's JSON. Pure
 * functions of the rows; whether a message's text may go out is the caller's decision (`includeText`).
 */

const DAY_MS = 86_400_000;
/** The most lines an email lists; the rest are counted, with a link to the inbox. */
const EMAIL_LINES_MAX = 50;
/** The most events one webhook POST carries; `count` still says how many there were. */
const WEBHOOK_EVENTS_MAX = 200;

const KIND_ORDER: NotifyEventKind[] = ["message", "assigned", "mention", "appeal"];
const KIND_WORDS: Record<NotifyEventKind, [one: string, many: string]> = {
  message: ["new message", "new messages"],
  assigned: ["thread assigned to you", "threads assigned to you"],
  mention: ["mention", "mentions"],
  appeal: ["appeal near its deadline", "appeals near their deadline"],
};

/** Events of one kind on one thread, taken together (500 replies in one thread are one line). */
interface DigestItem {
  kind: NotifyEventKind;
  threadId: string;
  topic: string;
  /** How many events it stands for. */
  count: number;
  /** The latest event's time. */
  at: string;
  /** Who did it (assigned, mentioned), the latest first. */
  actors: string[];
  /** The latest text, only when it may be shown. */
  text?: string;
  tolokerId?: string;
  deadline?: string;
  url: string;
}

export interface DigestContext {
  /** The app's public address, without a trailing slash. */
  appUrl: string;
  includeText: boolean;
  now: number;
}

const threadUrl = (appUrl: string, threadId: string) => `${appUrl}/messages/inbox?thread=${encodeURIComponent(threadId)}`;

/**
 * The rows grouped by (kind, thread), in the order each group first appeared. A group's count is the most any one
 * member has in it: an unassigned thread's message, queued once for each member who wants it, counts once.
 */
function groupEvents(rows: NotifyEventRecord[], ctx: DigestContext): DigestItem[] {
  const groups = new Map<string, DigestItem>();
  const perMember = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.kind}\u0000${r.threadId}`;
    const s = r.summary;
    let g = groups.get(key);
    if (!g) {
      g = { kind: r.kind, threadId: r.threadId, topic: s.topic, count: 0, at: r.createdAt, actors: [], url: threadUrl(ctx.appUrl, r.threadId) };
      groups.set(key, g);
    }
    const mine = (perMember.get(`${key}\u0000${r.userId}`) ?? 0) + 1;
    perMember.set(`${key}\u0000${r.userId}`, mine);
    g.count = Math.max(g.count, mine);
    if (r.createdAt >= g.at) {
      g.at = r.createdAt;
      if (s.topic) g.topic = s.topic;
      if (ctx.includeText && s.text) g.text = s.text;
    }
    if (s.actorName && !g.actors.includes(s.actorName)) g.actors.unshift(s.actorName);
    if (s.tolokerId) g.tolokerId = s.tolokerId;
    if (s.deadline) g.deadline = s.deadline;
  }
  return [...groups.values()];
}

/** "3 new messages, 1 mention": how many events of each kind, in a fixed order. */
function countsLine(items: DigestItem[]): string {
  const n = new Map<NotifyEventKind, number>();
  for (const i of items) n.set(i.kind, (n.get(i.kind) ?? 0) + i.count);
  return KIND_ORDER.filter((k) => n.has(k))
    .map((k) => {
      const c = n.get(k)!;
      return `${c.toLocaleString("en-US")} ${KIND_WORDS[k][c === 1 ? 0 : 1]}`;
    })
    .join(", ");
}

function daysLeft(deadline: string, now: number): string {
  const days = Math.ceil((Date.parse(deadline) - now) / DAY_MS);
  if (!Number.isFinite(days)) return "close to its deadline";
  if (days <= 0) return "past its deadline";
  return days === 1 ? "1 day left" : `${days} days left`;
}

const quote = (topic: string) => `“${topic || "(no topic)"}”`;

/** One line of the digest, in words. */
function describeItem(item: DigestItem, now: number): string {
  const actor = item.actors[0] ?? "Someone";
  const others = item.actors.length > 1 ? ` and ${item.actors.length - 1} more` : "";
  switch (item.kind) {
    case "message":
      return `${item.count === 1 ? "A new message" : `${item.count.toLocaleString("en-US")} new messages`}${item.tolokerId ? ` from Toloker ${item.tolokerId}` : ""} in ${quote(item.topic)}`;
    case "assigned":
      return `${actor}${others} assigned you ${quote(item.topic)}`;
    case "mention":
      return `${actor}${others} mentioned you in ${quote(item.topic)}`;
    case "appeal":
      return `The appeal ${quote(item.topic)} has ${item.deadline ? `${daysLeft(item.deadline, now)} (deadline ${item.deadline.slice(0, 16).replace("T", " ")} UTC)` : "little time left"}`;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export interface Email {
  subject: string;
  text: string;
  html: string;
}

/** One member's digest: every event of the batch, one line per thread and kind. */
export function digestEmail(name: string, rows: NotifyEventRecord[], ctx: DigestContext): Email {
  const items = groupEvents(rows, ctx);
  const shown = items.slice(0, EMAIL_LINES_MAX);
  const more = items.length - shown.length;
  const inbox = `${ctx.appUrl}/messages/inbox`;
  const settings = `${ctx.appUrl}/settings/notifications`;
  const subject = `Toloka Messages: ${countsLine(items)}`;

  const text = [
    `Hello ${name},`,
    "",
    "Since the last email:",
    "",
    ...shown.flatMap((i) => [`- ${describeItem(i, ctx.now)}`, `  ${i.url}`, ...(i.text ? [`  > ${i.text}`] : []), ""]),
    ...(more > 0 ? [`…and ${more.toLocaleString("en-US")} more: ${inbox}`, ""] : []),
    `You get these emails because of your notification settings: ${settings}`,
  ].join("\n");

  const html = [
    `<p>Hello ${escapeHtml(name)},</p>`,
    "<p>Since the last email:</p>",
    "<ul>",
    ...shown.map(
      (i) =>
        `<li><a href="${escapeHtml(i.url)}">${escapeHtml(describeItem(i, ctx.now))}</a>${i.text ? `<blockquote>${escapeHtml(i.text)}</blockquote>` : ""}</li>`,
    ),
    "</ul>",
    ...(more > 0 ? [`<p>…and ${more.toLocaleString("en-US")} more: <a href="${escapeHtml(inbox)}">open the inbox</a>.</p>`] : []),
    `<p style="color:#52525b;font-size:12px">You get these emails because of your <a href="${escapeHtml(settings)}">notification settings</a>.</p>`,
  ].join("\n");

  return { subject, text, html };
}

/** An event as the webhook carries it. */
interface WebhookEvent {
  kind: NotifyEventKind;
  threadId: string;
  topic: string;
  url: string;
  at: string;
  /** The latest message's text, only when the admin allowed it to leave. */
  text?: string;
  /** An appeal's deadline. */
  deadline?: string;
}

export interface WebhookPayload {
  /** One line for a chat tool that shows `text` (Slack, Mattermost, Rocket.Chat): the counts, never a message's text. */
  text: string;
  /** How many events (one per kind and thread) the batch had; `events` holds the first WEBHOOK_EVENTS_MAX. */
  count: number;
  events: WebhookEvent[];
  /** Present only as `true` in "Send a test". */
  test?: true;
}

/** The whole batch in one POST: every member's events, one per (kind, thread). */
export function webhookPayload(rows: NotifyEventRecord[], ctx: DigestContext): WebhookPayload {
  const items = groupEvents(rows, ctx);
  return {
    text: `Toloka Messages: ${countsLine(items)}`,
    count: items.length,
    events: items.slice(0, WEBHOOK_EVENTS_MAX).map((i) => ({
      kind: i.kind,
      threadId: i.threadId,
      topic: i.topic,
      url: i.url,
      at: i.at,
      ...(i.text ? { text: i.text } : {}),
      ...(i.kind === "appeal" && i.deadline ? { deadline: i.deadline } : {}),
    })),
  };
}
