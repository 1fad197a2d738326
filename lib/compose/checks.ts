/*
 * Checks before sending: things a requester may mean but usually does not, shown as warnings they read and
 * may override. Pure and client-safe: the form runs them as the requester types, and the send route runs them
 * again, so a send never skips a warning nobody acknowledged.
 *
 * What is looked for, and why:
 * - contact details (email addresses, phone numbers, messenger handles and links): Toloka's rules forbid asking
 *   Tolokers to move off the platform; a message that does is a common reason for a complaint;
 * - a link copied from the requester's own interface (`…/requester/project/123`): Tolokers cannot open it; the
 *   Toloker-facing `…/tasks?projectId=123` is offered instead when the project is known;
 * - HTML beyond links and basic formatting: Toloka strips or shows it raw, so the Toloker sees something else;
 * - more than 1,000 recipients: Toloka's own page fails above that, so a send this big is worth a second look;
 * - a send to all when one already went out today: Toloka allows one a day and refuses the second;
 * - subject and text covering different languages: a Toloker would get a subject in one language and a text in
 *   another, or nothing at all.
 */

import type { WarningCode } from "@/lib/schemas/compose";
import { hrefScheme, isAllowedHref, MESSAGE_ATTRIBUTES, MESSAGE_TAGS } from "@/lib/schemas/message-html";

/** Above this many recipients a send gets a warning (Toloka's own page fails above about 1,000). */
const MANY_RECIPIENTS = 1_000;

/** Tags and attributes a message may hold: the ones the app's display keeps (lib/schemas/message-html.ts). */
const ALLOWED_TAGS: ReadonlySet<string> = new Set(MESSAGE_TAGS);
const ALLOWED_ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries(MESSAGE_ATTRIBUTES).map(([tag, names]) => [tag, new Set(names)]),
);

/** A replacement the form can apply with one click. */
export interface TextFix {
  lang: string;
  field: "topic" | "text";
  from: string;
  to: string;
}

export interface ComposeWarning {
  code: WarningCode;
  /** One line, for the warning's heading. */
  title: string;
  /** What is wrong and what to do, in a sentence or two. */
  message: string;
  /** What was found, as it appears in the message (at most a few). */
  findings: string[];
  fixes?: TextFix[];
}

type CheckRecipients = { type: "DIRECT"; count: number } | { type: "FILTER" } | { type: "ALL" };

export interface CheckInput {
  /** Subject per language (blank ones count as absent). */
  topic: Readonly<Record<string, string>>;
  /** Text per language (blank ones count as absent). */
  text: Readonly<Record<string, string>>;
  recipients: CheckRecipients;
  /** A send to all that already went out today (UTC), as the server knows it; null or absent when none. */
  allSentToday?: { at: string } | null;
  /**
   * The skills a filter send names, as Toloka marks them (from the skill list the form holds). The server does not
   * ask Toloka for them at send time, so this warning is the form's only: a deprecated skill is a reason to look
   * again, not a rule of Toloka's.
   */
  filterSkills?: ReadonlyArray<{ id: string; name: string; deprecated?: boolean }>;
}

const MAX_FINDINGS = 5;

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

// ---------------------------------------------------------------------------------------------------------------
// Contact details

const EMAIL_RE = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
const MESSENGER_LINK_RE =
  /\b(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog|wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|discord\.gg|discord\.com\/invite|m\.me|vk\.me|viber\.click)\/[^\s<>"']*/gi;
const MESSENGER_SCHEME_RE = /\b(?:skype|viber|tg|whatsapp|signal):[^\s<>"']+/gi;
/** `@name` not glued to a word (so not part of an email address), 4 to 32 characters. */
const HANDLE_RE = /(^|[^\w@./:-])(@[A-Za-z][A-Za-z0-9_]{3,31})(?![\w@])/g;
/** A run of digits with the separators phone numbers are written with. */
const PHONE_RE = /(?<![\w.+])(\+?\(?\d[\d\s().-]{5,}\d)(?![\w])/g;
const DATE_RE = /^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})$/;

/** HTML tags out, entities for spaces and ampersands in: what a reader sees, roughly. */
function visibleText(s: string): string {
  return s
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/&amp;/gi, "&");
}

export interface ContactFinding {
  kind: "email" | "phone" | "messenger";
  match: string;
}

/** Email addresses, phone numbers and messenger handles or links in a text (HTML or plain). */
export function findContacts(input: string): ContactFinding[] {
  const found: ContactFinding[] = [];
  // mailto: links count; other hrefs are links, which are allowed.
  for (const m of input.matchAll(/href\s*=\s*["']?mailto:([^"'\s>]+)/gi)) found.push({ kind: "email", match: m[1] });
  for (const m of input.matchAll(/href\s*=\s*["']?((?:https?:\/\/)?[^"'\s>]+)/gi)) {
    for (const l of m[1].matchAll(MESSENGER_LINK_RE)) found.push({ kind: "messenger", match: l[0] });
  }
  let rest = visibleText(input);
  for (const m of rest.matchAll(MESSENGER_LINK_RE)) found.push({ kind: "messenger", match: m[0] });
  rest = rest.replace(MESSENGER_LINK_RE, " ");
  for (const m of rest.matchAll(MESSENGER_SCHEME_RE)) found.push({ kind: "messenger", match: m[0] });
  rest = rest.replace(MESSENGER_SCHEME_RE, " ");
  for (const m of rest.matchAll(EMAIL_RE)) found.push({ kind: "email", match: m[0] });
  rest = rest.replace(EMAIL_RE, " ");
  // Digits inside links (ids, dates in paths) are not phone numbers.
  rest = rest.replace(URL_RE, " ");
  for (const m of rest.matchAll(HANDLE_RE)) found.push({ kind: "messenger", match: m[2] });
  for (const m of rest.matchAll(PHONE_RE)) {
    const candidate = m[1].trim();
    if (DATE_RE.test(candidate)) continue;
    const digits = candidate.replace(/\D/g, "").length;
    if (digits > 15) continue;
    // A bare run of digits is a phone number only at the lengths national numbers have (89123456789); longer
    // ones are ids and timestamps. Written with a + or separators, 7 to 15 digits.
    const bare = /^\d+$/.test(candidate);
    if (bare ? digits === 10 || digits === 11 : (candidate.startsWith("+") && digits >= 7) || digits >= 9) found.push({ kind: "phone", match: candidate });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Links from the requester's interface

const REQUESTER_LINK_RE = /(?:https?:\/\/)?((?:[a-z0-9-]+\.)*toloka\.(?:ai|dev|yandex\.(?:com|ru)))\/requester\/[^\s<>"')\]]*/gi;

export interface RequesterLink {
  match: string;
  projectId?: string;
  poolId?: string;
  /** The Toloker-facing link, when the project is known. */
  suggestion?: string;
}

/** Links to the requester's interface (projects, pools), with the Toloker-facing link where one can be made. */
export function findRequesterLinks(input: string): RequesterLink[] {
  const out: RequesterLink[] = [];
  for (const m of input.matchAll(REQUESTER_LINK_RE)) {
    const match = m[0].replace(/[.,;:!?]+$/, "");
    const host = m[1].toLowerCase();
    const path = match.slice(match.toLowerCase().indexOf("/requester/"));
    const project = /\/requester\/project\/(\d+)/.exec(path)?.[1];
    const pool = /\/pool\/(\d+)/.exec(path)?.[1];
    const tasksHost = host.startsWith("sandbox.") ? "sandbox.toloka.ai" : host.includes("yandex") ? host : "toloka.ai";
    out.push({
      match,
      projectId: project,
      poolId: pool,
      suggestion: project ? `https://${tasksHost}/tasks?projectId=${project}` : undefined,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

/** What in a text is HTML beyond links and basic formatting: `<div>`, `style on <p>`, `javascript: link`... */
export function findDisallowedHtml(input: string): string[] {
  const found: string[] = [];
  if (/<!--/.test(input)) found.push("<!-- comment -->");
  for (const m of input.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const tag = m[1].toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) {
      found.push(`<${tag}>`);
      continue;
    }
    if (m[0].startsWith("</")) continue;
    const allowed = ALLOWED_ATTRIBUTES[tag] ?? new Set<string>();
    for (const a of m[2].matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g)) {
      const name = a[1].toLowerCase();
      if (name === "/") continue;
      if (!allowed.has(name)) found.push(`${name} on <${tag}>`);
      else if (name === "href") {
        const href = (a[2] ?? "").replace(/^["']|["']$/g, "");
        if (!isAllowedHref(href)) found.push(hrefScheme(href) === "//" ? "a // link (no scheme)" : `a ${hrefScheme(href)}: link`);
      }
    }
  }
  return unique(found);
}

// ---------------------------------------------------------------------------------------------------------------
// Languages

function present(map: Readonly<Record<string, string>>): string[] {
  return Object.keys(map).filter((k) => map[k].trim() !== "");
}

/** Languages that have a subject but no text, and a text but no subject. */
export function languageMismatch(topic: Readonly<Record<string, string>>, text: Readonly<Record<string, string>>): { topicOnly: string[]; textOnly: string[] } {
  const t = present(topic);
  const x = present(text);
  return { topicOnly: t.filter((l) => !x.includes(l)), textOnly: x.filter((l) => !t.includes(l)) };
}

// ---------------------------------------------------------------------------------------------------------------

/** Every field of the message, labelled for findings: `[lang, field, value]`. */
function fields(input: CheckInput): Array<[string, "topic" | "text", string]> {
  const out: Array<[string, "topic" | "text", string]> = [];
  for (const [lang, v] of Object.entries(input.topic)) out.push([lang, "topic", v]);
  for (const [lang, v] of Object.entries(input.text)) out.push([lang, "text", v]);
  return out;
}

const CONTACT_WORDS = { email: "an email address", phone: "a phone number", messenger: "a messenger handle or link" } as const;

/** Every warning for a message about to be sent, in a stable order (the order of WARNING_CODES). */
export function composeWarnings(input: CheckInput): ComposeWarning[] {
  const warnings: ComposeWarning[] = [];
  const all = fields(input);

  const contacts = all.flatMap(([, , v]) => findContacts(v));
  if (contacts.length > 0) {
    const kinds = (["email", "phone", "messenger"] as const).filter((k) => contacts.some((c) => c.kind === k)).map((k) => CONTACT_WORDS[k]);
    warnings.push({
      code: "contacts",
      title: "Contact details in the message",
      message: `The message contains ${kinds.join(", ").replace(/, ([^,]*)$/, " and $1")}. Toloka does not allow asking Tolokers to get in touch outside the platform; they can answer in this thread.`,
      findings: unique(contacts.map((c) => c.match)).slice(0, MAX_FINDINGS),
    });
  }

  const links = all.flatMap(([lang, field, v]) => findRequesterLinks(v).map((l) => ({ ...l, lang, field })));
  if (links.length > 0) {
    // One fix per replacement: a link's address and its text are often the same link, and one click mends both.
    const fixes: TextFix[] = [
      ...new Map(
        links.filter((l) => l.suggestion).map((l) => [`${l.lang}\n${l.field}\n${l.match}`, { lang: l.lang, field: l.field, from: l.match, to: l.suggestion! }]),
      ).values(),
    ];
    warnings.push({
      code: "requester-link",
      title: "A link to your requester pages",
      message:
        fixes.length > 0
          ? `Tolokers cannot open pages of the requester interface. Link to the project's tasks instead: ${unique(fixes.map((f) => f.to)).join(", ")}.`
          : "Tolokers cannot open pages of the requester interface. Link to the project's tasks instead: https://toloka.ai/tasks?projectId=<project id>.",
      findings: unique(links.map((l) => l.match)).slice(0, MAX_FINDINGS),
      ...(fixes.length > 0 ? { fixes } : {}),
    });
  }

  const html = unique(all.flatMap(([, , v]) => findDisallowedHtml(v)));
  if (html.length > 0) {
    warnings.push({
      code: "html",
      title: "HTML beyond links and basic formatting",
      message: `Only paragraphs, line breaks, bold, italics, lists and links reach Tolokers as written, in Toloka's page and its apps; ${html.slice(0, 3).join(", ")} will be removed or shown as text.`,
      findings: html.slice(0, MAX_FINDINGS),
    });
  }

  if (input.recipients.type === "DIRECT" && input.recipients.count > MANY_RECIPIENTS) {
    const n = input.recipients.count;
    warnings.push({
      code: "many-recipients",
      title: `${n.toLocaleString("en-US")} recipients`,
      message: `This goes to ${n.toLocaleString("en-US")} Tolokers, more than ${MANY_RECIPIENTS.toLocaleString("en-US")}. It is sent in ${Math.ceil(n / 100)} batches of at most 100; check the list before sending, because a message cannot be taken back.`,
      findings: [],
    });
  }

  if (input.recipients.type === "ALL" && input.allSentToday) {
    warnings.push({
      code: "all-today",
      title: "A message to all Tolokers already went out today",
      message: `One was sent at ${input.allSentToday.at.slice(11, 16)} UTC today. Toloka allows one message to all Tolokers a day (UTC), so it will most likely refuse this one.`,
      findings: [],
    });
  }

  const deprecated = input.recipients.type === "FILTER" ? (input.filterSkills ?? []).filter((k) => k.deprecated) : [];
  if (deprecated.length > 0) {
    const names = deprecated.map((k) => `"${k.name}"`);
    warnings.push({
      code: "deprecated-skill",
      title: deprecated.length === 1 ? "A deprecated skill in the filter" : "Deprecated skills in the filter",
      message: `Toloka marks ${names.join(", ").replace(/, ([^,]*)$/, " and $1")} as deprecated: ${deprecated.length === 1 ? "it is" : "they are"} no longer kept up to date, so the Tolokers who hold ${deprecated.length === 1 ? "it" : "them"} may not be the ones you mean. Check the filter before sending.`,
      findings: names,
    });
  }

  // Only once both are written: a text not typed yet is missing, not in another language.
  const { topicOnly, textOnly } = languageMismatch(input.topic, input.text);
  const bothWritten = present(input.topic).length > 0 && present(input.text).length > 0;
  if (bothWritten && (topicOnly.length > 0 || textOnly.length > 0)) {
    const parts = [
      topicOnly.length ? `${topicOnly.join(", ")} ${topicOnly.length === 1 ? "has" : "have"} a subject but no text` : "",
      textOnly.length ? `${textOnly.join(", ")} ${textOnly.length === 1 ? "has" : "have"} a text but no subject` : "",
    ].filter(Boolean);
    warnings.push({
      code: "languages-differ",
      title: "Subject and text cover different languages",
      message: `${parts.join("; ")}. Tolokers reading in those languages would get part of the message in another language.`,
      findings: [...topicOnly, ...textOnly],
    });
  }
  return warnings;
}
