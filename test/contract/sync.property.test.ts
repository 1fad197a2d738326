import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSqliteStore } from "@/lib/db";
import { Mirror } from "@/lib/mailbox/mirror";
import { MailboxSync } from "@/lib/mailbox/sync";
import { FOLDERS, RECIPIENTS_SELECT_TYPES, ROLES } from "@/lib/toloka/wire";
import { clientFor, fakeToloka, type RawObject } from "./fake-toloka";

/*
 * A property through the whole read path: Toloka listings in every documented shape, served by a fake Toloka to a
 * real TolokaClient, mirrored by MailboxSync into a real store. Whatever the shape, the mirror must hold what
 * Toloka holds: every thread (none lost, none set aside that could be read), its messages, its known folders, its
 * topic, its dates at the same instant.
 *
 * Each generated thread keeps, beside its wire JSON, the facts it stands for (`truth`), computed when it is
 * generated: the date's instant is chosen first and then written in one of Toloka's forms, never read back.
 */

const ABSENT = Symbol("absent");
type Maybe<T> = T | null | typeof ABSENT;
/** A field absent, null or present. */
const tri = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Maybe<T>> => fc.oneof(fc.constant(ABSENT), fc.constant(null), arb);
const put = (o: RawObject, key: string, v: Maybe<unknown>) => {
  if (v !== ABSENT) o[key] = v;
};

const UNKNOWN_FOLDERS = ["ARCHIVED", "SNOOZED"];
const UNKNOWN_ROLES = ["MODERATOR", "SUPPORT"];
const LO = Date.UTC(2015, 0, 1);
const HI = Date.UTC(2030, 0, 1);

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** One of the forms Toloka may write a date in: 0-9 fractional digits or a bare date; no zone, Z, or an offset. */
const dateForm = fc.record({
  digits: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant(-1)),
  extra: fc.integer({ min: 0, max: 999_999 }),
  zone: fc.oneof(
    fc.constant(""),
    fc.constant("Z"),
    fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15)),
  ),
  colon: fc.boolean(),
  space: fc.boolean(),
});
type DateForm = typeof dateForm extends fc.Arbitrary<infer T> ? T : never;

/**
 * `ms` written in `form`, and the instant that text means: what the digits cannot say (below their precision, or
 * below a millisecond, which the app does not keep) is cut, never rounded.
 */
function renderDate(ms: number, form: DateForm): { at: number; text: string } {
  const { digits, extra, zone, colon, space } = form;
  if (digits === -1) {
    const day = ms - (ms % 86_400_000);
    return { at: day, text: new Date(day).toISOString().slice(0, 10) };
  }
  const unit = digits >= 3 ? 1 : 10 ** (3 - digits);
  const at = ms - (ms % unit);
  const offsetMin = typeof zone === "number" ? zone : 0;
  const local = new Date(at + offsetMin * 60_000);
  const frac = (pad(local.getUTCMilliseconds(), 3) + pad(extra, 6)).slice(0, digits);
  let text =
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}${space ? " " : "T"}` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${digits ? `.${frac}` : ""}`;
  if (zone === "Z") text += "Z";
  else if (typeof zone === "number") {
    const a = Math.abs(offsetMin);
    text += `${offsetMin < 0 ? "-" : "+"}${pad(Math.floor(a / 60))}${colon ? ":" : ""}${pad(a % 60)}`;
  }
  return { at, text };
}

/** `n` to `m` lowercase hex digits. */
const hex = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength, maxLength });
const text = fc.string({ minLength: 1, maxLength: 12 });
const localized = fc.record({ EN: text, RU: fc.option(text, { nil: undefined }), DE: fc.constant(null) }, { requiredKeys: ["EN"] });
const role = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ROLES) }, { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_ROLES) });
const person = fc.record({ id: fc.oneof(hex(8, 8), fc.integer({ min: 1, max: 99_999 })), role, myself: tri(fc.boolean()) });
const extras = fc.dictionary(fc.constantFrom("reactions", "labels", "x_trace", "priority"), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });

interface Truth {
  id: string;
  topic: Record<string, string>;
  /** The instant its `created` says, when it has one. */
  createdGiven?: number;
  /** Oldest first, as the mirror keeps them. */
  messages: { text: Record<string, string>; fromId: string; fromRole: string; at: number }[];
  interlocutors: { id: string; role: string; myself?: boolean }[];
  folders: string[];
  answerable: boolean;
  parentId?: string;
  meta?: Record<string, string>;
  recipientsSelectType?: string;
}

interface GenThread {
  raw: RawObject;
  truth: Truth;
  /** Whether listings after the first send it without its messages and interlocutors (`*_inlined: false`). */
  sparseWhenSeen: boolean;
}

const stringsOf = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === "string")) as Record<string, string>;
const personTruth = (p: { id: string | number; role: string; myself: Maybe<boolean> }) => ({
  id: String(p.id),
  role: p.role,
  ...(typeof p.myself === "boolean" ? { myself: p.myself } : {}),
});

/**
 * A thread's id and the instant it was created: a 24-hex ObjectId whose first 4 bytes are that instant's seconds
 * (as Toloka's are), or, now and then, an id given as a number, which says nothing of the time.
 */
const idAndTime = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.integer({ min: LO / 1000, max: HI / 1000 }), fc.integer({ min: 0, max: 999 }), hex(16, 16))
      .map(([sec, ms, rest]) => ({ id: (sec.toString(16).padStart(8, "0") + rest) as string | number, ms: sec * 1000 + ms })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: LO, max: HI })).map(([id, ms]) => ({ id: id as string | number, ms })),
  },
);

function objectIdTime(id: string): number | undefined {
  return /^[0-9a-f]{24}$/.test(id) ? parseInt(id.slice(0, 8), 16) * 1000 : undefined;
}

type Person = { id: string | number; role: string; myself: Maybe<boolean> };
type GenMessage = { text: Record<string, unknown>; from: Person; at: number; created: string; extra: RawObject };

const thread = (id: string | number, createdMs: number): fc.Arbitrary<GenThread> =>
  fc
    .record({
      topic: tri(localized),
      created: tri(dateForm),
      // After the first message (at the thread's creation), later ones; newest first on the wire.
      messages: tri(
        fc.array(fc.record({ text: localized, from: person, after: fc.integer({ min: 0, max: 30 * 86_400_000 }), form: dateForm, extra: extras }), {
          minLength: 1,
          maxLength: 3,
        }),
      ),
      messagesInlined: tri(fc.constant(true)),
      interlocutors: tri(fc.array(person, { maxLength: 3 })),
      interlocutorsInlined: tri(fc.constant(true)),
      folders: tri(fc.uniqueArray(fc.constantFrom(...FOLDERS, ...UNKNOWN_FOLDERS), { maxLength: 4 })),
      answerable: tri(fc.boolean()),
      parentId: tri(hex(24, 24)),
      meta: tri(
        fc.record({
          pool_id: tri(fc.oneof(fc.integer({ min: 1, max: 1e8 }), fc.string({ minLength: 1, maxLength: 8 }))),
          project_id: tri(fc.string({ minLength: 1, maxLength: 8 })),
        }),
      ),
      compose: tri(
        fc.oneof(
          fc.record({ recipients_select_type: fc.constant("DIRECT"), recipients_ids: fc.array(hex(4, 8), { maxLength: 3 }) }),
          fc.record({
            recipients_select_type: fc.constant("FILTER"),
            recipients_filter: fc.constant({ and: [{ category: "skill", key: "26366", operator: "EQ", value: 100 }] }),
          }),
          fc.record({ recipients_select_type: fc.constant("ALL") }),
        ),
      ),
      extra: extras,
      sparseWhenSeen: fc.boolean(),
    })
    .map((g): GenThread => {
      const sid = String(id);
      const created = g.created === ABSENT || g.created === null ? undefined : renderDate(createdMs, g.created);
      let messages: GenMessage[] | undefined;
      if (Array.isArray(g.messages)) {
        messages = g.messages
          .map((m, i) => {
            // The first message is the thread's creation, written as the thread's date is when it has one.
            const d = i === 0 && created ? created : renderDate(createdMs + (i === 0 ? 0 : m.after + 1), m.form);
            return { text: m.text, from: m.from, at: d.at, created: d.text, extra: m.extra };
          })
          .sort((a, b) => b.at - a.at);
      }
      const raw: RawObject = { ...g.extra, id };
      put(raw, "topic", g.topic);
      put(raw, "messages", messages ? messages.map(wireMessage) : (g.messages as Maybe<never>));
      put(raw, "messages_inlined", g.messagesInlined);
      put(raw, "interlocutors", Array.isArray(g.interlocutors) ? g.interlocutors.map(stripAbsent) : g.interlocutors);
      put(raw, "interlocutors_inlined", g.interlocutorsInlined);
      put(raw, "folders", g.folders);
      put(raw, "answerable", g.answerable);
      put(raw, "parent_id", g.parentId);
      put(raw, "meta", g.meta === ABSENT || g.meta === null ? g.meta : stripAbsent(g.meta));
      put(raw, "compose_details", g.compose);
      put(raw, "created", created ? created.text : (g.created as Maybe<never>));
      const meta =
        g.meta === ABSENT || g.meta === null
          ? {}
          : Object.fromEntries(Object.entries(g.meta).flatMap(([k, v]) => (v === ABSENT || v === null ? [] : [[k, String(v)]])));
      const truth: Truth = {
        id: sid,
        topic: g.topic === ABSENT || g.topic === null ? {} : stringsOf(g.topic),
        createdGiven: created?.at,
        messages: [...(messages ?? [])].reverse().map(messageTruth),
        interlocutors: Array.isArray(g.interlocutors) ? g.interlocutors.map(personTruth) : [],
        folders: Array.isArray(g.folders) ? g.folders.filter((f) => (FOLDERS as readonly string[]).includes(f)).sort() : [],
        answerable: typeof g.answerable === "boolean" ? g.answerable : true,
        ...(typeof g.parentId === "string" && g.parentId ? { parentId: g.parentId } : {}),
        ...(Object.keys(meta).length ? { meta } : {}),
        ...(g.compose !== ABSENT && g.compose !== null && (RECIPIENTS_SELECT_TYPES as readonly string[]).includes(g.compose.recipients_select_type)
          ? { recipientsSelectType: g.compose.recipients_select_type }
          : {}),
      };
      return { raw, truth, sparseWhenSeen: g.sparseWhenSeen };
    });

const wireMessage = (m: GenMessage): RawObject => ({ ...m.extra, text: m.text, from: stripAbsent(m.from), created: m.created });
const messageTruth = (m: GenMessage) => ({ text: stringsOf(m.text), fromId: String(m.from.id), fromRole: m.from.role, at: m.at });

/**
 * The instant a thread is at, as Toloka's documents define it: its `created`; without one, its first message's
 * time (`created` is that); without messages, its ObjectId's second. Undefined when nothing says: set aside.
 */
function createdAt(t: Truth): number | undefined {
  return t.createdGiven ?? t.messages[0]?.at ?? objectIdTime(t.id);
}

function stripAbsent<T extends object>(o: T): RawObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ABSENT));
}

/** What changes at Toloka between the full sync and the incremental one: flags, and new answers in old threads. */
const change = fc.record({
  unread: fc.boolean(),
  important: fc.boolean(),
  answer: fc.option(fc.record({ text: localized, from: person, after: fc.integer({ min: 1, max: 86_400_000 }), form: dateForm }), { nil: undefined, freq: 3 }),
});
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

const world = fc.uniqueArray(idAndTime, { minLength: 1, maxLength: 14, selector: (x) => String(x.id) }).chain((ids) => {
  const sorted = [...ids].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
  return fc.record({
    threads: fc.tuple(...sorted.map((x) => thread(x.id, x.ms))),
    // The threads with the greatest ids appear only before the incremental sync, as new threads do.
    later: fc.integer({ min: 0, max: Math.min(4, sorted.length - 1) }),
    changes: fc.array(change, { minLength: sorted.length, maxLength: sorted.length }),
    pageSize: fc.integer({ min: 1, max: 5 }),
  });
});

/** A fake Toloka over the generated threads, paging at most `pageSize` at a time (Toloka may send fewer than asked). */
function serve(initial: GenThread[], pageSize: number) {
  const version = new Map<string, number>();
  const servedFull = new Map<string, number>();
  let threads = initial;
  const fake = fakeToloka({
    get threads() {
      return threads.map((t) => t.raw);
    },
    render(raw) {
      const t = threads.find((x) => x.raw === raw)!;
      const id = t.truth.id;
      const v = version.get(id) ?? 0;
      // A thread already sent as it is now may come without its messages and interlocutors.
      if (t.sparseWhenSeen && servedFull.get(id) === v) {
        const { messages: _m, interlocutors: _i, ...rest } = raw;
        void _m;
        void _i;
        return { ...rest, messages_inlined: false, interlocutors_inlined: false };
      }
      servedFull.set(id, v);
      return raw;
    },
  });
  const limited = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const asked = Number(url.searchParams.get("limit") ?? "50");
    url.searchParams.set("limit", String(Math.min(asked, pageSize)));
    return fake.fetch(url, init);
  }) as typeof fetch;
  return {
    client: clientFor({ fetch: limited, requests: fake.requests }),
    setThreads(next: GenThread[], changed: string[]) {
      threads = next;
      for (const id of changed) version.set(id, (version.get(id) ?? 0) + 1);
    },
  };
}

/** Toloka after some time: flags set and cleared, answers in old threads (which then are unread, in the inbox). */
function applyChanges(threads: GenThread[], changes: Change[]) {
  const changed: string[] = [];
  const next = threads.map((t, i): GenThread => {
    const c = changes[i];
    const raw: RawObject = { ...t.raw };
    const truth: Truth = { ...t.truth, messages: [...t.truth.messages] };
    const folders = Array.isArray(raw.folders) ? [...(raw.folders as string[])] : [];
    const set = (f: string, on: boolean) => {
      const has = folders.includes(f);
      if (on && !has) folders.push(f);
      if (!on && has) folders.splice(folders.indexOf(f), 1);
    };
    let touched = false;
    if (c.answer && Array.isArray(raw.messages)) {
      const newest = truth.messages.at(-1)!.at;
      const d = renderDate(newest + c.answer.after, c.answer.form);
      // A form too coarse to put it after the newest message is written as the newest one's time.
      const when = d.at >= newest ? d : { at: newest, text: String((raw.messages as RawObject[])[0].created) };
      const m: GenMessage = { text: c.answer.text, from: c.answer.from, at: when.at, created: when.text, extra: {} };
      raw.messages = [wireMessage(m), ...(raw.messages as RawObject[])];
      truth.messages.push(messageTruth(m));
      set("UNREAD", true);
      set("INBOX", true);
      touched = true;
    } else {
      set("UNREAD", c.unread);
    }
    set("IMPORTANT", c.important);
    const before = Array.isArray(t.raw.folders) ? (t.raw.folders as string[]) : [];
    if (folders.length !== before.length || folders.some((f) => !before.includes(f))) {
      raw.folders = folders;
      touched = true;
    }
    truth.folders = folders.filter((f) => (FOLDERS as readonly string[]).includes(f)).sort();
    if (touched) changed.push(truth.id);
    return { ...t, raw, truth };
  });
  return { next, changed };
}

function expectMirror(store: ReturnType<typeof createSqliteStore>, source: GenThread[], sync: MailboxSync) {
  const readable = source.filter((t) => createdAt(t.truth) !== undefined);
  expect(store.threads.allIds().sort(), "thread ids in the mirror").toEqual(readable.map((t) => t.truth.id).sort());
  expect(sync.status().unreadable, "threads set aside").toBe(source.length - readable.length);
  for (const { truth } of readable) {
    const m = store.threads.get(truth.id)!;
    const label = `thread ${truth.id}`;
    expect(m.topic, label).toEqual(truth.topic);
    expect(Date.parse(m.created), `${label} created`).toBe(createdAt(truth));
    expect([...m.folders].sort(), `${label} folders`).toEqual(truth.folders);
    expect(m.answerable, `${label} answerable`).toBe(truth.answerable);
    expect(m.parentId, `${label} parent`).toBe(truth.parentId);
    expect(m.meta, `${label} meta`).toEqual(truth.meta);
    expect(m.composeDetails?.recipients_select_type, `${label} compose details`).toBe(truth.recipientsSelectType);
    // An interlocutor Toloka does not say is "myself" is not the requester: absent and false are the same here.
    const who = (xs: { id: string; role: string; myself?: boolean }[]) => xs.map((x) => ({ id: x.id, role: x.role, myself: x.myself ?? false }));
    expect(who(m.interlocutors), `${label} interlocutors`).toEqual(who(truth.interlocutors));
    expect(
      m.messages.map((x) => ({ text: x.text, fromId: x.fromId, fromRole: x.fromRole, at: Date.parse(x.created) })),
      `${label} messages`,
    ).toEqual(truth.messages);
  }
}

describe("MailboxSync over Toloka listings in every documented shape", () => {
  it("mirrors what Toloka holds, after a full sync and after an incremental one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tm-contract-sync-"));
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(world, async ({ threads, later, changes, pageSize }) => {
          const file = path.join(dir, `run-${run++}`, "app.sqlite");
          fs.mkdirSync(path.dirname(file));
          const store = createSqliteStore(file);
          try {
            const first = threads.slice(0, threads.length - later);
            const server = serve(first, pageSize);
            const sync = new MailboxSync(store, server.client, new Mirror(store));
            await sync.full();
            expectMirror(store, first, sync);

            // Toloka moves on: new threads, flags set and cleared, answers in old threads.
            const { next, changed } = applyChanges(threads, changes);
            server.setThreads(next, changed);
            await sync.incremental();
            expectMirror(store, next, sync);
          } finally {
            store.close();
          }
        }),
        { numRuns: 80 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a thread Toloka lists without `created`, then without its messages", () => {
  // readThread must give a sparse listing with no `created` the date its ObjectId says; the mirror keeps the first
  // message's time it already held instead (found by the property above when such threads were sent sparse).
  it("keeps the date its first message gave it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tm-contract-created-"));
    const store = createSqliteStore(path.join(dir, "app.sqlite"));
    try {
      const id = "5f0c9e4b7d2a1f88aabbccdd"; // made at 2020-07-13T17:47:55Z
      // The message's date as a bare date, one of the forms Toloka may send: before the id's second.
      const whole = {
        id,
        topic: { EN: "Hi" },
        folders: ["INBOX"],
        messages: [{ text: { EN: "Hello" }, from: { id: "u1", role: "USER" }, created: "2020-07-13" }],
      };
      let listing: RawObject = whole;
      const sync = new MailboxSync(store, clientFor(fakeToloka({ render: () => listing, threads: [whole] })), new Mirror(store));
      await sync.full();
      expect(store.threads.get(id)!.created).toBe("2020-07-13T00:00:00.000Z");
      listing = { id, topic: { EN: "Hi" }, folders: ["INBOX"], messages_inlined: false };
      await sync.full();
      expect(store.threads.get(id)!.messages).toHaveLength(1);
      expect(store.threads.get(id)!.created).toBe("2020-07-13T00:00:00.000Z");
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
