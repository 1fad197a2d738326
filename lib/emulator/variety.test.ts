import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WireThread } from "../toloka/wire";
import { SPEC_FOLDERS, SPEC_ROLES, specVariety } from "./spec-schema";
import { makeThreads, REQUESTER, startTestServer, T, type TestServer } from "./test-helpers";
import { resolveVarietySeed, UNKNOWN_FOLDERS, UNKNOWN_ROLES, Variety, varietyFromEnv, type VarietyRates } from "./variety";

// Variety mode: each variation happens, and stays within what Toloka's docs allow (specVariety, checked on
// every answer by the test server's fetch helpers), and nothing a thread truly has is lost. The seed is new
// each run and printed; EMULATOR_VARIETY_SEED=<seed> repeats a run.
const SEED = process.env.EMULATOR_VARIETY_SEED ? Number(process.env.EMULATOR_VARIETY_SEED) : Math.floor(Math.random() * 2 ** 32);
beforeAll(() => console.info(`[variety.test] seed ${SEED} (EMULATOR_VARIETY_SEED=${SEED} repeats it)`));

type Json = Record<string, unknown>;
type Page = { items: Json[]; has_more: boolean } & Json;

let s: TestServer | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

const KNOWN_FOLDERS = new Set<string>(SPEC_FOLDERS);
const KNOWN_ROLES = new Set<string>(SPEC_ROLES);
const instant = (d: string) => Date.parse(d.endsWith("Z") ? d : `${d}Z`);

/** A world with dates of every precision, a child thread, meta, a notice and a FILTER send. */
async function world(seed = SEED, varietyRates?: Partial<VarietyRates>): Promise<TestServer> {
  let now = new Date("2026-11-05T09:00:00.512Z");
  const server = await startTestServer({ variety: { seed }, varietyRates, limits: { requestsPerSecond: 0 }, now: () => now });
  server.emulator.store.insertThreads(makeThreads(40, 3));
  const sent = await server.api<WireThread>("POST", "/message-threads/compose", {
    topic: { EN: "Survey" },
    text: { EN: "Please answer" },
    recipients_select_type: "FILTER",
    recipients_filter: { and: [{ category: "profile", key: "country", operator: "EQ", value: "DE" }] },
  });
  expect(sent.status).toBe(201);
  now = new Date("2026-11-05T09:10:00.000Z");
  const answer = await server.control("POST", "/toloker-reply", { thread_id: sent.body.id, toloker_id: T.deExpert, text: "Done" });
  expect(answer.status).toBe(200);
  return server;
}

/** The exact form of every thread, by id, straight from the store's cache. */
function exactById(server: TestServer): Map<string, WireThread> {
  const out = new Map<string, WireThread>();
  for (const t of server.emulator.store.listThreads({ folders: [], foldersNe: [], id: {}, created: {}, sort: [{ key: "id", desc: false }], limit: 300 })
    .items) {
    const parsed = JSON.parse(t.toString("utf8")) as WireThread;
    out.set(parsed.id, parsed);
  }
  return out;
}

/** Many listings of the whole world (one page: fewer than 300 threads). */
async function listings(server: TestServer, n: number): Promise<Page[]> {
  const out: Page[] = [];
  for (let i = 0; i < n; i++) {
    const res = await server.api<Page>("GET", "/message-threads?limit=300");
    expect(res.status).toBe(200);
    out.push(res.body);
  }
  return out;
}

/**
 * What the user would lose if variety went too far: a varied thread must say everything its exact form says,
 * in a form the docs allow (absent or null for an optional field it does not have; data left out only with
 * `*_inlined: false`; unknown values only beside the known ones).
 */
function expectSameAsExact(v: Json, exact: WireThread) {
  expect(v.id).toBe(exact.id);
  expect(typeof v.id).toBe("string");
  expect(v.topic).toEqual(exact.topic);
  expect(instant(v.created as string)).toBe(instant(exact.created));
  if (exact.parent_id) expect(v.parent_id).toBe(exact.parent_id);
  else expect(v.parent_id ?? null).toBeNull();
  if (exact.compose_details) expect(v.compose_details).toEqual(exact.compose_details);
  else expect(v.compose_details ?? null).toBeNull();
  const meta = Object.fromEntries(Object.entries((v.meta as Json | null | undefined) ?? {}).filter(([, x]) => x !== null));
  expect(meta).toEqual(exact.meta ?? {});
  expect(v.answerable ?? true).toBe(exact.answerable);
  const folders = v.folders as string[];
  expect(folders.filter((f) => KNOWN_FOLDERS.has(f)).sort()).toEqual([...exact.folders!].sort());
  for (const f of folders.filter((f) => !KNOWN_FOLDERS.has(f))) expect(UNKNOWN_FOLDERS).toContain(f);
  if (v.messages_inlined === false) expect(v.messages).toBeUndefined();
  else {
    const messages = v.messages as Json[];
    expect(messages).toHaveLength(exact.messages!.length);
    messages.forEach((m, i) => {
      const e = exact.messages![i];
      expect(m.text).toEqual(e.text);
      expect(instant(m.created as string)).toBe(instant(e.created));
      const from = m.from as Json;
      expect(from.id).toBe(e.from.id);
      expect(from.role).toBe(e.from.role);
      expect(from.myself ?? false).toBe(e.from.myself ?? false);
    });
  }
  if (v.interlocutors_inlined === false) expect(v.interlocutors).toBeUndefined();
  else {
    const people = v.interlocutors as Json[];
    const known = people.filter((p) => KNOWN_ROLES.has(p.role as string));
    expect(known.map((p) => [p.id, p.role, p.myself ?? false])).toEqual(exact.interlocutors!.map((p) => [p.id, p.role, p.myself ?? false]));
    const extra = people.filter((p) => !KNOWN_ROLES.has(p.role as string));
    if (extra.length > 0) {
      for (const p of extra) expect(UNKNOWN_ROLES).toContain(p.role);
      // Only where the documented rules settle the thread without it: a notice or a send to many.
      const roles = exact.interlocutors!.map((i) => i.role);
      const d = exact.compose_details;
      expect(roles.includes("SYSTEM") || (d !== undefined && (d.recipients_select_type !== "DIRECT" || (d.recipients_ids?.length ?? 0) > 1))).toBe(true);
      // Silent: they never wrote.
      expect(exact.messages!.some((m) => extra.some((p) => p.id === m.from.id))).toBe(false);
    }
  }
}

describe("variety mode", () => {
  it("varies every listing within the spec and loses nothing a thread has", async () => {
    s = await world();
    const exact = exactById(s);
    const pages = await listings(s, 40);
    for (const page of pages) {
      expect(specVariety.threadPage.safeParse(page).success).toBe(true);
      expect(page.items).toHaveLength(exact.size);
      for (const item of page.items) expectSameAsExact(item, exact.get(item.id as string)!);
    }
  });

  it("sends dates of 0 to 6 fractional digits, sometimes with Z, always the same instant", async () => {
    s = await world();
    const exact = exactById(s);
    const seen = new Set<string>();
    for (const page of await listings(s, 40)) {
      for (const item of page.items) {
        const dates = [item.created as string, ...((item.messages as Json[] | undefined) ?? []).map((m) => m.created as string)];
        for (const d of dates) {
          const m = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.(\d+))?(Z?)$/.exec(d)!;
          expect(m).not.toBeNull();
          seen.add(`digits ${m[1]?.length ?? 0}`);
          if (m[2]) seen.add("Z");
        }
        expect(instant(item.created as string)).toBe(instant(exact.get(item.id as string)!.created));
      }
    }
    expect([...seen].sort()).toEqual(["Z", ...[0, 1, 2, 3, 4, 5, 6].map((n) => `digits ${n}`)].sort());
  });

  it("leaves optional fields out or sends them as null, answerable out when true, myself: false said out loud", async () => {
    s = await world();
    const exact = exactById(s);
    const seen = new Set<string>();
    for (const page of await listings(s, 30)) {
      for (const item of page.items) {
        const e = exact.get(item.id as string)!;
        if (item.parent_id === null) seen.add("parent_id null");
        if (e.parent_id && item.parent_id === e.parent_id) seen.add("parent_id kept");
        if (item.meta === null) seen.add("meta null");
        if (item.meta !== undefined && item.meta !== null && Object.keys(item.meta).length === 0) seen.add("meta {}");
        if (e.meta && Object.values(item.meta as Json).includes(null)) seen.add("meta field null");
        if (item.compose_details === null) seen.add("compose_details null");
        if (!("answerable" in item)) seen.add("answerable absent");
        if (e.answerable === false) expect(item.answerable).toBe(false);
        const people = [...((item.interlocutors as Json[] | undefined) ?? []), ...((item.messages as Json[] | undefined) ?? []).map((m) => m.from as Json)];
        for (const p of people) {
          if (p.myself === false) seen.add("myself false");
          if (p.id === REQUESTER) expect(p.myself).toBe(true);
        }
        if (!("messages_inlined" in item) && Array.isArray(item.messages)) seen.add("messages_inlined absent with the messages");
      }
    }
    expect([...seen].sort()).toEqual(
      [
        "parent_id null",
        "parent_id kept",
        "meta null",
        "meta {}",
        "meta field null",
        "compose_details null",
        "answerable absent",
        "myself false",
        "messages_inlined absent with the messages",
      ].sort(),
    );
  });

  it("adds unknown fields to threads, messages, interlocutors and pages", async () => {
    s = await world();
    const seen = new Set<string>();
    const unknown = (o: Json, known: string[]) => Object.keys(o).some((k) => !known.includes(k));
    const THREAD_KEYS = [
      "id",
      "parent_id",
      "topic",
      "interlocutors_inlined",
      "interlocutors",
      "messages_inlined",
      "messages",
      "compose_details",
      "meta",
      "answerable",
      "folders",
      "created",
    ];
    for (const page of await listings(s, 30)) {
      if (unknown(page, ["items", "has_more"])) seen.add("page");
      for (const item of page.items) {
        if (unknown(item, THREAD_KEYS)) seen.add("thread");
        for (const m of (item.messages as Json[] | undefined) ?? []) {
          if (unknown(m, ["text", "from", "created"])) seen.add("message");
          if (unknown(m.from as Json, ["id", "role", "myself"])) seen.add("interlocutor");
        }
        for (const p of (item.interlocutors as Json[] | undefined) ?? []) if (unknown(p, ["id", "role", "myself"])) seen.add("interlocutor");
      }
    }
    expect([...seen].sort()).toEqual(["interlocutor", "message", "page", "thread"]);
  });

  it("adds an unknown folder beside the real ones and an unknown role only on a silent extra interlocutor of a settled thread", async () => {
    // Both are fixed per thread (a thread *is* in a folder); every settled thread gets the extra party here.
    s = await world(SEED, { unknownFolder: 0.5, unknownRole: 1 });
    const exact = exactById(s);
    let unknownFolder = 0;
    let unknownRole = 0;
    for (const page of await listings(s, 40)) {
      for (const item of page.items) {
        const e = exact.get(item.id as string)!;
        const folders = item.folders as string[];
        if (folders.some((f) => !KNOWN_FOLDERS.has(f))) {
          unknownFolder++;
          // Beside, never instead: the real folders are all there, so the thread stays in its tabs.
          expect(folders.filter((f) => KNOWN_FOLDERS.has(f)).sort()).toEqual([...e.folders!].sort());
        }
        const people = (item.interlocutors as Json[] | undefined) ?? [];
        if (people.some((p) => !KNOWN_ROLES.has(p.role as string))) {
          unknownRole++;
          expectSameAsExact(item, e);
          // Sorted by id, as the spec says.
          const ids = people.map((p) => p.id as string);
          expect([...ids].sort()).toEqual(ids);
        }
      }
    }
    expect(unknownFolder).toBeGreaterThan(0);
    expect(unknownRole).toBeGreaterThan(0);
    // What a thread has does not flicker between reads: the same threads, the same values, every time.
    const pages = await listings(s, 5);
    const extras = (p: Page) =>
      JSON.stringify(
        p.items
          .map(
            (t) =>
              [
                t.id,
                (t.folders as string[]).filter((f) => !KNOWN_FOLDERS.has(f)),
                ((t.interlocutors as Json[] | undefined) ?? []).filter((i) => !KNOWN_ROLES.has(i.role as string)),
              ] as const,
          )
          .filter(([, f, r]) => f.length > 0 || r.length > 0)
          .map(([id, f, r]) => [id, f, r.length > 0 ? r : "?"]),
      );
    const inlinedEverywhere = pages.filter((p) => p.items.every((t) => t.interlocutors_inlined !== false));
    for (const p of inlinedEverywhere.slice(1)) expect(extras(p)).toBe(extras(inlinedEverywhere[0]));
  });

  it("leaves messages or interlocutors out of some listings only, so a later read gets them inlined", async () => {
    s = await world();
    const pages = await listings(s, 40);
    const sparse = (p: Page) => p.items.some((t) => t.messages_inlined === false || t.interlocutors_inlined === false);
    const sparsePages = pages.filter(sparse);
    expect(sparsePages.length).toBeGreaterThan(0);
    expect(sparsePages.length).toBeLessThan(pages.length);
    let messagesOut = 0;
    let interlocutorsOut = 0;
    for (const page of sparsePages) {
      // Within a sparse listing, not every thread.
      expect(page.items.every((t) => t.messages_inlined === false)).toBe(false);
      for (const t of page.items) {
        if (t.messages_inlined === false) {
          messagesOut++;
          expect(t.messages).toBeUndefined();
        }
        if (t.interlocutors_inlined === false) {
          interlocutorsOut++;
          expect(t.interlocutors).toBeUndefined();
        }
      }
    }
    expect(messagesOut).toBeGreaterThan(0);
    expect(interlocutorsOut).toBeGreaterThan(0);
    // Every thread left out once was inlined in another listing.
    const outOnce = new Set(sparsePages.flatMap((p) => p.items.filter((t) => t.messages_inlined === false).map((t) => t.id)));
    const inlined = new Set(pages.flatMap((p) => p.items.filter((t) => Array.isArray(t.messages)).map((t) => t.id)));
    for (const id of outOnce) expect(inlined.has(id)).toBe(true);
  });

  it("never leaves data out of a POST answer", async () => {
    s = await world();
    for (let i = 0; i < 20; i++) {
      const res = await s.api<Json>("POST", "/message-threads/compose", {
        topic: { EN: `t${i}` },
        text: { EN: "x" },
        recipients_select_type: "DIRECT",
        recipients_ids: [T.usMid],
      });
      expect(res.status).toBe(201);
      expect(res.body.messages_inlined).not.toBe(false);
      expect(res.body.interlocutors_inlined).not.toBe(false);
      expect((res.body.messages as Json[]).length).toBe(1);
    }
  });

  it("puts a fresh compose in UNREAD as well as OUTBOX, in the store, until it is answered or read", async () => {
    s = await world();
    const sent = await s.api<Json>("POST", "/message-threads/compose", {
      topic: { EN: "Bonus" },
      text: { EN: "Thanks" },
      recipients_select_type: "DIRECT",
      recipients_ids: [T.usMid],
    });
    expect(sent.status).toBe(201);
    const id = sent.body.id as string;
    const known = (t: Json) => (t.folders as string[]).filter((f) => KNOWN_FOLDERS.has(f)).sort();
    expect(known(sent.body)).toEqual(["OUTBOX", "UNREAD"]);
    // A state, not a rendering: a listing by folder finds it.
    const unread = await s.listAll("folder=UNREAD");
    expect(unread.map((t) => t.id)).toContain(id);
    expect(s.emulator.store.getThread(id)!.folders).toEqual(["OUTBOX", "UNREAD"]);
    // The Toloker answers: the usual rules.
    await s.control("POST", "/toloker-reply", { thread_id: id, toloker_id: T.usMid, text: "Thank you" });
    expect([...s.emulator.store.getThread(id)!.folders!].sort()).toEqual(["INBOX", "OUTBOX", "UNREAD"]);
    // Marked read, it leaves UNREAD as usual.
    const read = await s.api<Json>("POST", `/message-threads/${id}/remove-from-folders`, { folders: ["UNREAD"] });
    expect([200, 201]).toContain(read.status);
    expect(known(read.body)).toEqual(["INBOX", "OUTBOX"]);
    expect((await s.listAll("folder=UNREAD")).map((t) => t.id)).not.toContain(id);
  });

  it("answers compose 201 always, reply and folder changes 200 or 201", async () => {
    s = await world();
    const statuses = new Set<string>();
    const question = s.emulator.store.listThreads({ folders: ["INBOX"], foldersNe: [], id: {}, created: {}, sort: [{ key: "id", desc: false }], limit: 300 });
    const target = (JSON.parse(question.items.find((b) => b.toString().includes(`"role":"USER"`))!.toString()) as WireThread).id;
    for (let i = 0; i < 16; i++) {
      const add = await s.api("POST", `/message-threads/${target}/add-to-folders`, { folders: ["IMPORTANT"] });
      const remove = await s.api("POST", `/message-threads/${target}/remove-from-folders`, { folders: ["IMPORTANT"] });
      statuses.add(`folders ${add.status}`).add(`folders ${remove.status}`);
      const reply = await s.api("POST", `/message-threads/${target}/reply`, { text: { EN: `r${i}` } });
      statuses.add(`reply ${reply.status}`);
    }
    expect([...statuses].sort()).toEqual(["folders 200", "folders 201", "reply 200", "reply 201"]);
  });

  it("names no undocumented interval for the per-second quota, and the quota still holds", async () => {
    s = await startTestServer({ variety: { seed: SEED }, limits: { requestsPerSecond: 5 } });
    const statuses: number[] = [];
    let payload: unknown;
    for (let i = 0; i < 8; i++) {
      const res = await s.api<{ payload?: unknown }>("GET", "/skills");
      statuses.push(res.status);
      if (res.status === 429) payload = res.body.payload;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(payload).toEqual({ limit: 5 });
    await new Promise((r) => setTimeout(r, 1050));
    expect((await s.api("GET", "/skills")).status).toBe(200);
    // An injected 429 without an interval carries no undocumented one.
    s.emulator.faults.set([{ endpoint: "list", kind: "429", count: 1 }]);
    const injected = await s.api<{ payload?: unknown }>("GET", "/message-threads");
    expect(injected.status).toBe(429);
    expect(injected.body.payload).toBeUndefined();
  });

  it("sends a thread whose JSON a control fault replaced exactly as given", async () => {
    s = await world();
    const id = [...exactById(s).keys()][0];
    const odd = JSON.stringify({ id, topic: { EN: "odd" }, folders: ["INBOX"], created: "2026-11-01T10:00:00" });
    s.emulator.store.overrideWire(id, odd);
    const res = await fetch(`${s.url}/message-threads?limit=300`, { headers: { authorization: "ApiKey test-token-0123456789" } });
    expect(await res.text()).toContain(odd);
  });

  it("is repeatable from its seed, and another seed varies differently", async () => {
    const run = async (seed: number) => {
      const server = await world(seed);
      try {
        const texts: string[] = [];
        for (let i = 0; i < 5; i++) {
          const res = await fetch(`${server.url}/message-threads?limit=300`, { headers: { authorization: "ApiKey test-token-0123456789" } });
          texts.push(await res.text());
        }
        // The world's ids and dates are the same for a seed; only the variation may differ.
        return texts;
      } finally {
        await server.close();
      }
    };
    const a = await run(SEED);
    const b = await run(SEED);
    const c = await run((SEED + 1) >>> 0);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("keeps the exact mode's byte-for-byte fast path when off", async () => {
    s = await startTestServer({ variety: false });
    expect(s.emulator.variety).toBeNull();
    const stored = s.emulator.store.listThreads({ folders: [], foldersNe: [], id: {}, created: {}, sort: [{ key: "id", desc: false }], limit: 300 });
    const res = await fetch(`${s.url}/message-threads?sort=id&limit=300`, { headers: { authorization: "ApiKey test-token-0123456789" } });
    expect(await res.text()).toBe(`{"items":[${stored.items.map((b) => b.toString()).join(",")}],"has_more":false}`);
  });
});

describe("variety switch", () => {
  it("follows EMULATOR_VARIETY when the option is omitted; false is exact mode whatever the environment", () => {
    expect(varietyFromEnv({ EMULATOR_VARIETY: "on", EMULATOR_VARIETY_SEED: "42" })).toEqual({ on: true, seed: 42 });
    expect(varietyFromEnv({})).toEqual({ on: false, seed: undefined });
    expect(() => varietyFromEnv({ EMULATOR_VARIETY: "maybe" })).toThrow(/on or off/);
    expect(() => varietyFromEnv({ EMULATOR_VARIETY: "on", EMULATOR_VARIETY_SEED: "-1" })).toThrow(/EMULATOR_VARIETY_SEED/);
    expect(resolveVarietySeed(false, { EMULATOR_VARIETY: "on" })).toBeNull();
    expect(resolveVarietySeed(undefined, { EMULATOR_VARIETY: "off" })).toBeNull();
    expect(resolveVarietySeed({ seed: 7 }, { EMULATOR_VARIETY: "off" })).toBe(7);
    expect(resolveVarietySeed(undefined, { EMULATOR_VARIETY: "on" })).not.toBeNull();
  });

  it("is on in this test run (vitest.config.ts), so emulators that do not choose are in variety mode", async () => {
    expect(varietyFromEnv().on).toBe(true);
    s = await startTestServer({ variety: undefined });
    expect(s.emulator.variety).not.toBeNull();
    expect(s.emulator.store.sentUnread).toBe(true);
  });

  it("varies a date without changing its instant, for every precision", () => {
    const v = new Variety(SEED, { date: 1, dateZ: 0.5 });
    for (const d of ["2026-01-02T03:04:05.512", "2026-01-02T03:04:05.510", "2026-01-02T03:04:05.500", "2026-01-02T03:04:05.000"]) {
      for (let i = 0; i < 50; i++) {
        const out = v.date(d);
        expect(out).toMatch(/^2026-01-02T03:04:05(\.\d{1,6})?Z?$/);
        expect(instant(out)).toBe(instant(d));
      }
    }
  });
});
