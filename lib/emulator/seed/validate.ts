import type { WireThread } from "@/lib/toloka/wire";
import { spec, specLangCodeSchema as langCodeSchema } from "../spec-schema";
import { objectIdTime } from "@/lib/emulator/ids";
import type { SeedThread, ThreadKind } from "./drafts";
import type { SeedToloker } from "./tolokers";
import { recipientFilterSchema, selectTolokers } from "@/lib/filters";

/**
 * Checks generated threads against toloka-api.md (§2.3 folders, §3 the Thread object) and against
 * the population they were generated for. Returns problems as sentences instead of throwing, so a
 * test shows every violation at once and the emulator can vet imported data the same way.
 */

/** What a thread is, read back from its wire form alone. */
export function classifyThread(t: WireThread): ThreadKind {
  const roles = new Set((t.interlocutors ?? []).map((i) => i.role));
  if (roles.has("SYSTEM")) return "notice";
  if (roles.has("ADMINISTRATOR")) return "admin";
  if (t.parent_id !== undefined) return "reply";
  const c = t.compose_details;
  if (c) {
    if (c.recipients_select_type === "FILTER") return "mass-filter";
    if (c.recipients_select_type === "ALL") return "mass-all";
    return (c.recipients_ids?.length ?? 0) > 1 ? "mass-direct" : "direct";
  }
  return (t.messages ?? []).some((m) => m.from.role === "REQUESTER") ? "answered" : "question";
}

/** Context of {@link validateSeedThreads}. */
export interface ValidateContext {
  requesterId: string;
  tolokers: readonly SeedToloker[];
  /** Nothing may be dated after it. */
  now: Date;
}

const ID_RE = /^[0-9a-f]{24}$/;
const ASSIGNMENT_RE = /^[0-9a-f]{10}--[0-9a-f]{24}$/;
const DIGITS_RE = /^\d+$/;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return s.size === a.length && b.every((x) => s.has(x));
}

/** Every problem found in `threads` (empty when they are valid). */
export function validateSeedThreads(threads: readonly SeedThread[], ctx: ValidateContext): string[] {
  const problems: string[] = [];
  const byId = new Map<string, SeedThread>();
  const tolokers = new Map(ctx.tolokers.map((t) => [t.id, t]));
  const didTask = ctx.tolokers.filter((t) => t.didTask).map((t) => t.id);
  const nowIso = ctx.now.toISOString().slice(0, 23);
  let previous: WireThread | undefined;

  for (const s of threads) {
    const t = s.thread;
    const say = (msg: string) => problems.push(`${t.id}: ${msg}`);
    const parsed = spec.thread.safeParse(t);
    if (!parsed.success) say(`does not parse: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    if (!ID_RE.test(t.id)) say("id is not 24 lowercase hex");
    if (byId.has(t.id)) say("duplicate id");
    byId.set(t.id, s);
    if (Math.floor(Date.parse(`${t.created}Z`) / 1000) !== objectIdTime(t.id).getTime() / 1000) say("id time differs from created");
    if (previous && previous.id < t.id !== previous.created <= t.created) say(`id order and created order disagree with ${previous.id}`);
    previous = t;
    if (t.created > nowIso) say("created after now");

    if (t.interlocutors_inlined !== true || t.messages_inlined !== true) say("not inlined");
    const interlocutors = t.interlocutors ?? [];
    const ids = interlocutors.map((i) => i.id);
    if (ids.some((id, i) => i > 0 && ids[i - 1] >= id)) say("interlocutors not sorted by id or not unique");
    const me = interlocutors.filter((i) => i.role === "REQUESTER");
    if (me.length !== 1 || me[0].id !== ctx.requesterId || me[0].myself !== true) say("requester interlocutor missing or not myself");
    if (interlocutors.some((i) => i.role !== "REQUESTER" && i.myself !== undefined)) say("myself set on someone else");
    for (const i of interlocutors) if (i.role === "USER" && !tolokers.has(i.id)) say(`unknown Toloker ${i.id}`);

    const messages = t.messages ?? [];
    if (messages.length === 0) say("no messages");
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      if (i > 0 && messages[i - 1].created < m.created) say("messages not newest first");
      if (m.created < t.created) say("message older than the thread");
      if (m.created > nowIso) say("message after now");
      if (!ids.includes(m.from.id)) say("message from someone not among the interlocutors");
      if ((m.from.role === "REQUESTER") !== (m.from.myself === true)) say("message myself flag wrong");
      if (Object.keys(m.text).length === 0) say("empty text");
      for (const lang of Object.keys(m.text)) if (!langCodeSchema.safeParse(lang).success) say(`bad language ${lang}`);
    }
    const oldest = messages[messages.length - 1];
    if (oldest && oldest.created !== t.created) say("created is not the first message's time");
    for (const lang of Object.keys(t.topic)) if (!langCodeSchema.safeParse(lang).success) say(`bad topic language ${lang}`);

    const folders = t.folders ?? [];
    if (new Set(folders).size !== folders.length) say("folders not unique");
    const has = (f: string) => folders.includes(f as never);
    const fromMe = messages.some((m) => m.from.role === "REQUESTER");
    const inbound = messages.some((m) => m.from.role !== "REQUESTER");
    const system = interlocutors.some((i) => i.role === "SYSTEM");
    if (has("AUTOMATIC_NOTIFICATION") !== system) say("AUTOMATIC_NOTIFICATION iff a SYSTEM interlocutor");
    if (system && (t.answerable !== false || fromMe || has("INBOX"))) say("a notice must be unanswerable, unanswered and outside INBOX");
    if (has("OUTBOX") !== fromMe) say("OUTBOX iff the requester wrote");
    if (!system && has("INBOX") !== inbound) say("INBOX iff someone else wrote");
    if (has("UNREAD") && messages[0]?.from.role === "REQUESTER") say("UNREAD although the requester wrote last");
    if (typeof t.answerable !== "boolean") say("answerable missing");

    const startedByMe = oldest?.from.role === "REQUESTER";
    const c = t.compose_details;
    if (startedByMe !== (c !== undefined)) say("compose_details iff the requester started the thread");
    if (c && t.parent_id !== undefined) say("a child thread has compose_details");
    if (c?.recipients_select_type === "DIRECT") {
      if (!c.recipients_ids || c.recipients_ids.length === 0 || c.recipients_ids.length > 100) say("DIRECT needs 1-100 ids");
      if (!sameSet(s.recipients, c.recipients_ids ?? [])) say("DIRECT recipients differ from recipients_ids");
      for (const id of c.recipients_ids ?? []) {
        if (!tolokers.has(id)) say(`DIRECT to unknown Toloker ${id}`);
        if (!ids.includes(id)) say("a DIRECT recipient is not an interlocutor");
      }
    } else if (c?.recipients_select_type === "ALL") {
      if (!sameSet(s.recipients, didTask)) say("ALL recipients are not the Tolokers who did a task");
    } else if (c?.recipients_select_type === "FILTER") {
      if (!c.recipients_filter) say("FILTER without recipients_filter");
      else {
        // lib/filters' evaluator trusts its input to be parsed, so a malformed filter is reported here, not thrown.
        const parsed = recipientFilterSchema.safeParse(c.recipients_filter);
        if (!parsed.success) say("recipients_filter is not a valid filter");
        else {
          const expected = selectTolokers(parsed.data, ctx.tolokers).map((x) => x.id);
          if (expected.length === 0) say("FILTER matches nobody");
          if (!sameSet(s.recipients, expected)) say("FILTER recipients differ from the filter's matches");
        }
      }
    } else if (s.recipients.length > 0) say("recipients on a thread the requester did not start");

    for (const [key, value] of Object.entries(t.meta ?? {})) {
      if (typeof value !== "string") say(`meta.${key} is not a string`);
      else if (key === "assignment_id" ? !ASSIGNMENT_RE.test(value) : !DIGITS_RE.test(value)) say(`meta.${key} malformed`);
    }
  }

  for (const s of threads) {
    const t = s.thread;
    if (t.parent_id === undefined) continue;
    const say = (msg: string) => problems.push(`${t.id}: ${msg}`);
    const parent = byId.get(t.parent_id);
    if (!parent) {
      say("parent does not exist");
      continue;
    }
    const pc = parent.thread.compose_details;
    const many = pc && (pc.recipients_select_type !== "DIRECT" || (pc.recipients_ids?.length ?? 0) > 1);
    if (!many) say("parent is not a compose to many");
    if (parent.thread.created >= t.created) say("parent is not older");
    if (parent.thread.answerable === false) say("parent is not answerable");
    const author = (t.messages ?? [])[(t.messages ?? []).length - 1]?.from;
    if (author?.role !== "USER" || !parent.recipients.includes(author.id)) say("child not started by one of the parent's recipients");
  }
  return problems;
}
