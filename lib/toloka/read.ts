import {
  FOLDERS,
  RECIPIENTS_SELECT_TYPES,
  type ComposeDetails,
  type Folder,
  type Interlocutor,
  type LocalizedText,
  type ThreadMeta,
  type WireMessage,
  type WireSkill,
  type WireSkillPage,
  type WireThread,
} from "./wire";

/*
 * Reading Toloka leniently (toloka-api.md §3 and §7). What we send is checked strictly (wire.ts); what we read
 * is taken as Toloka's SDK takes it: every field of a thread optional, `null` as absent, ids that arrive as
 * numbers as strings, dates with 0 to 9 fractional digits with or without a zone (or a bare date), enum values
 * we do not know kept rather than refused. A thread is unreadable only when what the app cannot do without is
 * missing or malformed (its id; some date to place it in time); then it is set aside with the reason, and its
 * page's other threads still count.
 */

/** A thread Toloka sent that could not be read: what it said, and why it was set aside. */
export interface UnreadableThread {
  /** Its id, when even that much could be read. */
  id?: string;
  reason: string;
  /** As it came, for an admin to look at (cut to a sane size). */
  raw: string;
}

export type ThreadReading = { ok: true; thread: WireThread } | { ok: false; unreadable: UnreadableThread };

/** The most of an unreadable thread's JSON that is kept to show an admin. */
const UNREADABLE_RAW_MAX = 8_000;

/** Thrown by the readers below for a value that cannot be read; caught where one item is set aside. */
export class Unreadable extends Error {}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A string, or a number given where Toloka means an id or a code; null and absence are undefined. */
export function str(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  throw new Unreadable(`${what} is ${kindOf(v)}, not a string`);
}

export function bool(v: unknown, what: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  throw new Unreadable(`${what} is ${kindOf(v)}, not true or false`);
}

export function kindOf(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (v === null) return "null";
  return typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A Toloka date in any form it may come (`2017-01-31T09:38:01`, `.51`, `.99999`, 9 digits, `Z`, `+03:00`, a bare
 * `2017-01-31`), as the app writes Toloka dates: UTC, `YYYY-MM-DDThh:mm:ss.sss`, no zone. A time without a zone
 * is UTC (Toloka's dates are). Precision past the millisecond is dropped; an impossible date is refused.
 */
export function normalizeTolokaDate(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new Unreadable(`date is ${kindOf(v)}`);
  const m = DATE_RE.exec(v.trim());
  if (!m) throw new Unreadable(`date "${v.slice(0, 40)}" is not a date`);
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone] = m;
  const ms = Number(`${frac}000`.slice(0, 3));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(t);
  if (Number.isNaN(t) || check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
    throw new Unreadable(`date "${v.slice(0, 40)}" is not a date`);
  }
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0")) * 60_000;
  }
  return new Date(t).toISOString().slice(0, 23);
}

function date(v: unknown, what: string): string | undefined {
  try {
    return normalizeTolokaDate(v);
  } catch (e) {
    throw new Unreadable(`${what}: ${(e as Error).message}`);
  }
}

/** `{LANG: text}`, lenient: entries whose text is not a string (null, say) are left out. */
export function localized(v: unknown, what: string): LocalizedText | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return { EN: v };
  if (!isObject(v)) throw new Unreadable(`${what} is ${kindOf(v)}`);
  const out: LocalizedText = {};
  for (const [lang, text] of Object.entries(v)) if (typeof text === "string") out[lang] = text;
  return out;
}

function interlocutor(v: unknown, what: string): Interlocutor {
  if (!isObject(v)) throw new Unreadable(`${what} is ${kindOf(v)}`);
  const id = str(v.id, `${what}.id`);
  if (id === undefined) throw new Unreadable(`${what} has no id`);
  // A role Toloka added since (or none) is kept as sent: the thread still shows where its other facts put it.
  const role = str(v.role, `${what}.role`) ?? "UNKNOWN";
  const myself = bool(v.myself, `${what}.myself`);
  return { id, role, ...(myself === undefined ? {} : { myself }) };
}

function message(v: unknown, what: string): WireMessage {
  if (!isObject(v)) throw new Unreadable(`${what} is ${kindOf(v)}`);
  const created = date(v.created, `${what}.created`);
  // A message without a time cannot be placed in the conversation. Leaving it out would show the thread as if
  // complete; setting the thread aside says so.
  if (created === undefined) throw new Unreadable(`${what} has no created date`);
  const from = v.from === undefined || v.from === null ? { id: "", role: "UNKNOWN" } : interlocutor(v.from, `${what}.from`);
  return { text: localized(v.text, `${what}.text`) ?? {}, from, created };
}

function list<T>(v: unknown, what: string, item: (x: unknown, what: string) => T | null): T[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new Unreadable(`${what} is ${kindOf(v)}, not a list`);
  return v.map((x, i) => item(x, `${what}[${i}]`)).filter((x): x is T => x !== null);
}

function composeDetails(v: unknown): ComposeDetails | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw new Unreadable(`compose_details is ${kindOf(v)}`);
  const type = str(v.recipients_select_type, "compose_details.recipients_select_type");
  // An unknown select type says nothing the app can use about who received it: as if no details were given.
  if (!type || !(RECIPIENTS_SELECT_TYPES as readonly string[]).includes(type)) return undefined;
  const ids = list(v.recipients_ids, "compose_details.recipients_ids", (x, w) => str(x, w) ?? null);
  const filter = v.recipients_filter;
  return {
    recipients_select_type: type as ComposeDetails["recipients_select_type"],
    ...(ids ? { recipients_ids: ids } : {}),
    ...(isObject(filter) ? { recipients_filter: filter } : {}),
  };
}

function meta(v: unknown): ThreadMeta | undefined {
  if (v === undefined || v === null || !isObject(v)) return undefined;
  const out: ThreadMeta = {};
  for (const key of ["pool_id", "project_id", "assignment_id"] as const) {
    const value = str(v[key], `meta.${key}`);
    if (value !== undefined) out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The creation time of an ObjectId-like id (its first 4 bytes are seconds since 1970), as a Toloka date. */
function dateOfObjectId(id: string): string | undefined {
  if (!/^[0-9a-f]{24}$/i.test(id)) return undefined;
  return new Date(parseInt(id.slice(0, 8), 16) * 1000).toISOString().slice(0, 23);
}

/** One thread as Toloka sent it, read leniently; or the reason it cannot be. */
export function readThread(raw: unknown): ThreadReading {
  let id: string | undefined;
  try {
    if (!isObject(raw)) throw new Unreadable(`the thread is ${kindOf(raw)}`);
    id = str(raw.id, "id");
    if (!id) throw new Unreadable("the thread has no id");
    const known: Folder[] = [];
    const other: string[] = [];
    for (const f of list(raw.folders, "folders", (x, w) => str(x, w) ?? null) ?? []) {
      if ((FOLDERS as readonly string[]).includes(f)) {
        if (!known.includes(f as Folder)) known.push(f as Folder);
      } else if (!other.includes(f)) other.push(f);
    }
    const messages = list(raw.messages, "messages", message);
    const interlocutors = list(raw.interlocutors, "interlocutors", (x, w) => interlocutor(x, w));
    const messagesInlined = bool(raw.messages_inlined, "messages_inlined");
    const interlocutorsInlined = bool(raw.interlocutors_inlined, "interlocutors_inlined");
    // Newest first, as Toloka lists them: the oldest is the last.
    const given = date(raw.created, "created");
    // A listing that left the messages out may leave the date out too: "" then, for a reader holding the thread
    // to fill in (one that holds nothing sets it aside). With its messages there, no date at all is unreadable.
    const created = given ?? messages?.at(-1)?.created ?? dateOfObjectId(id) ?? (messages === undefined ? "" : undefined);
    if (created === undefined) throw new Unreadable("the thread has no date: no created, no messages, and its id tells none");
    const parentId = str(raw.parent_id, "parent_id");
    const answerable = bool(raw.answerable, "answerable");
    const details = composeDetails(raw.compose_details);
    const threadMeta = meta(raw.meta);
    const thread: WireThread = {
      id,
      ...(parentId ? { parent_id: parentId } : {}),
      topic: localized(raw.topic, "topic") ?? {},
      // Left out (or said not inlined) means "not sent here", never "none": the reader of the thread keeps what it had.
      ...(interlocutorsInlined !== undefined ? { interlocutors_inlined: interlocutorsInlined } : {}),
      ...(interlocutors && interlocutorsInlined !== false ? { interlocutors } : {}),
      ...(messagesInlined !== undefined ? { messages_inlined: messagesInlined } : {}),
      ...(messages && messagesInlined !== false ? { messages } : {}),
      ...(details ? { compose_details: details } : {}),
      ...(threadMeta ? { meta: threadMeta } : {}),
      // Toloka's documented default.
      answerable: answerable ?? true,
      ...(raw.folders === undefined || raw.folders === null ? {} : { folders: known }),
      ...(other.length ? { other_folders: other } : {}),
      created,
      // Not given: its first message's time, or its id's second, which a reader holding a better one keeps.
      ...(given === undefined ? { created_inferred: true } : {}),
    };
    return { ok: true, thread };
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error;
    let text: string;
    try {
      text = JSON.stringify(raw) ?? String(raw);
    } catch {
      text = String(raw);
    }
    return { ok: false, unreadable: { ...(id ? { id } : {}), reason: error.message, raw: text.slice(0, UNREADABLE_RAW_MAX) } };
  }
}

/** A page of threads: the readable ones, the ones set aside, and whether Toloka has more. */
export interface ThreadPageReading {
  items: WireThread[];
  unreadable: UnreadableThread[];
  /** Toloka's has_more; when it is absent, a full page is taken to mean there may be more. */
  has_more: boolean;
  /** The id to page on from: the last item's, readable or not, so a thread set aside is not fetched forever. */
  lastId?: string;
}

/** A page of GET /message-threads, read thread by thread. Only a body that is no page at all is refused. */
export function readThreadPage(raw: unknown, limit: number): ThreadPageReading | { problem: string } {
  if (!isObject(raw)) return { problem: `the page is ${kindOf(raw)}` };
  const rawItems = raw.items ?? [];
  if (!Array.isArray(rawItems)) return { problem: `items is ${kindOf(rawItems)}, not a list` };
  const items: WireThread[] = [];
  const unreadable: UnreadableThread[] = [];
  let lastId: string | undefined;
  for (const x of rawItems) {
    const r = readThread(x);
    if (r.ok) {
      items.push(r.thread);
      lastId = r.thread.id;
    } else {
      unreadable.push(r.unreadable);
      if (r.unreadable.id) lastId = r.unreadable.id;
    }
  }
  const hasMore = typeof raw.has_more === "boolean" ? raw.has_more : rawItems.length >= limit;
  return { items, unreadable, has_more: hasMore, lastId };
}

/*
 * Skills (GET /skills), read the same way. The app needs a skill's id (a filter names it) and something to call
 * it by; everything else is optional, and a field that is malformed is left out rather than costing the skill:
 * the picker can still offer it. Only a skill with no id is set aside.
 */

/** A skill Toloka sent that could not be read, and why. */
type UnreadableSkill = UnreadableThread;

export type SkillReading = { ok: true; skill: WireSkill } | { ok: false; unreadable: UnreadableSkill };

/** The value of `read`, or undefined when it is malformed (for fields the app can do without). */
export function optional<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}

/** A whole number, or one written as a string (`"36600"`); anything else is no number. */
function integer(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n === "number" && Number.isSafeInteger(n)) return n;
  throw new Unreadable(`${what} is ${kindOf(v)}, not a whole number`);
}

function owner(v: unknown): WireSkill["owner"] {
  if (!isObject(v)) return undefined;
  const id = optional(() => str(v.id, "owner.id"));
  const myself = optional(() => bool(v.myself, "owner.myself"));
  const companyId = optional(() => str(v.company_id, "owner.company_id"));
  const out = { ...(id ? { id } : {}), ...(myself === undefined ? {} : { myself }), ...(companyId ? { company_id: companyId } : {}) };
  return Object.keys(out).length ? out : undefined;
}

function raw(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.slice(0, UNREADABLE_RAW_MAX);
}

/** One skill as Toloka sent it, read leniently; or, when it has no id, the reason it cannot be. */
export function readSkill(input: unknown): SkillReading {
  try {
    if (!isObject(input)) throw new Unreadable(`the skill is ${kindOf(input)}`);
    const id = str(input.id, "id");
    if (!id) throw new Unreadable("the skill has no id");
    const publicName = optional(() => localized(input.public_name, "public_name"));
    const description = optional(() => localized(input.public_requester_description, "public_requester_description"));
    // The SDK's models make even the name optional: a skill without one is called by its public name, or its id.
    const name = optional(() => str(input.name, "name")) || publicName?.EN || Object.values(publicName ?? {})[0] || `Skill ${id}`;
    const fields = {
      private_comment: optional(() => str(input.private_comment, "private_comment")),
      hidden: optional(() => bool(input.hidden, "hidden")),
      deprecated: optional(() => bool(input.deprecated, "deprecated")),
      training: optional(() => bool(input.training, "training")),
      skill_ttl_hours: optional(() => integer(input.skill_ttl_hours, "skill_ttl_hours")),
      owner: owner(input.owner),
      created: optional(() => normalizeTolokaDate(input.created)),
      global: optional(() => bool(input.global, "global")),
    };
    const skill: WireSkill = {
      id,
      name,
      ...(publicName && Object.keys(publicName).length ? { public_name: publicName } : {}),
      ...(description && Object.keys(description).length ? { public_requester_description: description } : {}),
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    };
    return { ok: true, skill };
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error;
    return { ok: false, unreadable: { reason: error.message, raw: raw(input) } };
  }
}

/** A page of skills: the readable ones, the ones set aside, and whether Toloka has more. */
export interface SkillPageReading extends WireSkillPage {
  unreadable: UnreadableSkill[];
  /** The last readable skill's id, to page on from. */
  lastId?: string;
}

/**
 * A page of GET /skills, read skill by skill. Only a body that is no page at all is refused. Without has_more,
 * a full page (`limit`, Toloka's default of 50 when none was asked for) is taken to mean there may be more.
 */
export function readSkillPage(input: unknown, limit = 50): SkillPageReading | { problem: string } {
  if (!isObject(input)) return { problem: `the page is ${kindOf(input)}` };
  const rawItems = input.items ?? [];
  if (!Array.isArray(rawItems)) return { problem: `items is ${kindOf(rawItems)}, not a list` };
  const items: WireSkill[] = [];
  const unreadable: UnreadableSkill[] = [];
  for (const x of rawItems) {
    const r = readSkill(x);
    if (r.ok) items.push(r.skill);
    else unreadable.push(r.unreadable);
  }
  const hasMore = typeof input.has_more === "boolean" ? input.has_more : rawItems.length >= limit;
  return { items, unreadable, has_more: hasMore, ...(items.length ? { lastId: items[items.length - 1].id } : {}) };
}
