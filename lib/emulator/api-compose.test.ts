import { afterEach, describe, expect, it, vi } from "vitest";
import type { WireThread } from "../toloka/wire";
import { SlidingWindowLimiter } from "./api";
import type { SeedToloker } from "./store";
import { REQUESTER, SKILL_RELEVANCE, startTestServer, T, type TestServer } from "./test-helpers";

type ErrorBody = { code: string; message: string; payload?: Record<string, { code: string; message: string }> };

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const base = { topic: { EN: "Hello" }, text: { EN: "Welcome", DE: "Willkommen" } };

async function compose(body: unknown) {
  return s!.api<WireThread & ErrorBody>("POST", "/message-threads/compose", body);
}

async function recipientsOf(id: string): Promise<string[]> {
  const res = await s!.control<{ ids: string[] }>("GET", `/threads/${id}/recipients`);
  expect(res.status).toBe(200);
  return res.body.ids;
}

describe("POST /message-threads/compose: validation", () => {
  it("names every missing required field", async () => {
    s = await startTestServer();
    const res = await compose({});
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_ERROR");
    expect(res.body.payload).toEqual({
      topic: { code: "VALUE_REQUIRED", message: expect.any(String) },
      text: { code: "VALUE_REQUIRED", message: expect.any(String) },
      recipients_select_type: { code: "VALUE_REQUIRED", message: expect.any(String) },
    });
  });

  it("requires recipients_ids for DIRECT and recipients_filter for FILTER", async () => {
    s = await startTestServer();
    const direct = await compose({ ...base, recipients_select_type: "DIRECT" });
    expect(direct.status).toBe(400);
    expect(Object.keys(direct.body.payload!)).toEqual(["recipients_ids"]);
    expect(direct.body.payload!.recipients_ids.code).toBe("VALUE_REQUIRED");
    const filter = await compose({ ...base, recipients_select_type: "FILTER", recipients_ids: [T.deExpert] });
    expect(filter.status).toBe(400);
    expect(Object.keys(filter.body.payload!)).toEqual(["recipients_filter"]);
    expect(filter.body.payload!.recipients_filter.code).toBe("VALUE_REQUIRED");
    // Missing recipients are reported together with the other fields' problems.
    const both = await compose({ text: base.text, recipients_select_type: "DIRECT", answerable: 1 });
    expect(Object.keys(both.body.payload!).sort()).toEqual(["answerable", "recipients_ids", "topic"]);
  });

  it("maps each kind of bad value to Toloka's code", async () => {
    s = await startTestServer();
    const cases: [unknown, string, string][] = [
      [{ ...base, recipients_select_type: "EVERYONE" }, "recipients_select_type", "UNKNOWN_ENUM_VALUE"],
      [{ ...base, recipients_select_type: "direct", recipients_ids: [T.deExpert] }, "recipients_select_type", "UNKNOWN_ENUM_VALUE"],
      [{ ...base, recipients_select_type: "ALL", answerable: "yes" }, "answerable", "BOOLEAN_EXPECTED"],
      [{ ...base, text: { EN: 5 }, recipients_select_type: "ALL" }, "text.EN", "STRING_EXPECTED"],
      [{ ...base, topic: "Hello", recipients_select_type: "ALL" }, "topic", "OBJECT_EXPECTED"],
      [{ ...base, topic: {}, recipients_select_type: "ALL" }, "topic", "VALUE_REQUIRED"],
      [{ ...base, text: { english: "hi" }, recipients_select_type: "ALL" }, "text.english", "INVALID_LANGUAGE_CODE"],
      [{ ...base, recipients_select_type: "DIRECT", recipients_ids: T.deExpert }, "recipients_ids", "ARRAY_EXPECTED"],
      [{ ...base, recipients_select_type: "DIRECT", recipients_ids: [T.deExpert, 7] }, "recipients_ids.1", "STRING_EXPECTED"],
      [
        { ...base, recipients_select_type: "DIRECT", recipients_ids: Array.from({ length: 101 }, (_, i) => String(i)) },
        "recipients_ids",
        "ARRAY_SIZE_GREATER_THAN_MAX",
      ],
    ];
    for (const [body, field, code] of cases) {
      const res = await compose(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(res.body.payload?.[field]?.code, `${field} in ${JSON.stringify(res.body.payload)}`).toBe(code);
    }
  });

  it("checks recipients_filter with the filter language and reports its fields under recipients_filter", async () => {
    s = await startTestServer();
    const res = await compose({
      ...base,
      recipients_select_type: "FILTER",
      recipients_filter: { and: [{ category: "profile", key: "country", operator: "GT", value: "DE" }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_ERROR");
    const keys = Object.keys(res.body.payload!);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.startsWith("recipients_filter")).toBe(true);
    const huge = await compose({
      ...base,
      recipients_select_type: "FILTER",
      recipients_filter: { or: Array.from({ length: 200 }, () => ({ category: "profile", key: "country", operator: "EQ", value: "DE" })) },
    });
    expect(huge.status).toBe(400);
    expect(Object.keys(huge.body.payload!)[0]).toMatch(/^recipients_filter/);
  });

  it("answers 400 to malformed JSON and to a body that is not an object", async () => {
    s = await startTestServer();
    const broken = await s.api<ErrorBody>("POST", "/message-threads/compose", '{"topic": {');
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe("VALIDATION_ERROR");
    const array = await s.api<ErrorBody>("POST", "/message-threads/compose", "[1,2]");
    expect(array.status).toBe(400);
    expect(array.body.code).toBe("VALIDATION_ERROR");
  });

  it("answers 415 to a POST without a JSON content type", async () => {
    s = await startTestServer();
    const body = JSON.stringify({ ...base, recipients_select_type: "ALL" });
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const res = await s.api<ErrorBody>("POST", "/message-threads/compose", body, { "content-type": type });
      expect(res.status, type).toBe(415);
    }
    const res = await fetch(`${s.url}/message-threads/compose`, { method: "POST", headers: { authorization: "ApiKey test-token-0123456789" } });
    expect(res.status).toBe(415);
    // With a charset parameter it is still JSON.
    const ok = await s.api("POST", "/message-threads/compose", body, { "content-type": "application/json; charset=utf-8" });
    expect(ok.status).toBe(201);
  });
});

describe("POST /message-threads/compose: recipients", () => {
  it("DIRECT: a new OUTBOX thread listing the recipients, who are recorded exactly; duplicates collapse", async () => {
    s = await startTestServer();
    const res = await compose({ ...base, recipients_select_type: "DIRECT", recipients_ids: [T.usMid, T.deExpert, T.usMid] });
    expect(res.status).toBe(201);
    const t = res.body;
    expect(t.id).toMatch(/^[0-9a-f]{24}$/);
    expect(t.folders).toEqual(["OUTBOX"]);
    expect(t.answerable).toBe(true);
    expect(t.topic).toEqual(base.topic);
    expect(t.interlocutors_inlined).toBe(true);
    expect(t.messages_inlined).toBe(true);
    expect(t.interlocutors).toEqual([
      { id: T.deExpert, role: "USER" },
      { id: T.usMid, role: "USER" },
      { id: REQUESTER, role: "REQUESTER", myself: true },
    ]);
    expect(t.messages).toEqual([{ text: base.text, from: { id: REQUESTER, role: "REQUESTER", myself: true }, created: t.created }]);
    expect(t.compose_details).toEqual({ recipients_select_type: "DIRECT", recipients_ids: [T.usMid, T.deExpert] });
    expect(t.meta).toBeUndefined();
    expect(t.parent_id).toBeUndefined();
    expect(await recipientsOf(t.id)).toEqual([T.deExpert, T.usMid].sort());
    // The thread is listed in OUTBOX.
    const outbox = await s.listAll("folder=OUTBOX");
    expect(outbox.map((x) => x.id)).toContain(t.id);
  });

  it("DIRECT: an unknown id or an empty list is INCORRECT_RECIPIENTS and nothing is created", async () => {
    s = await startTestServer();
    const before = (await s.listAll()).length;
    const unknown = await compose({ ...base, recipients_select_type: "DIRECT", recipients_ids: [T.deExpert, "nobody"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe("INCORRECT_RECIPIENTS");
    const empty = await compose({ ...base, recipients_select_type: "DIRECT", recipients_ids: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe("INCORRECT_RECIPIENTS");
    expect(await s.listAll()).toHaveLength(before);
  });

  it("DIRECT: 100 recipients are accepted", async () => {
    s = await startTestServer();
    const extra: SeedToloker[] = Array.from({ length: 100 }, (_, i) => ({
      id: `2${String(i).padStart(31, "0")}`,
      profile: { languages: ["EN"] },
      computed: {},
      skills: {},
      didTask: false,
    }));
    s.emulator.store.insertTolokers(extra);
    const res = await compose({ ...base, recipients_select_type: "DIRECT", recipients_ids: extra.map((t) => t.id) });
    expect(res.status).toBe(201);
    expect(await recipientsOf(res.body.id)).toHaveLength(100);
  });

  it("FILTER: recipients are exactly the Tolokers the filter selects; the thread names only the requester", async () => {
    s = await startTestServer();
    const filter = {
      and: [
        { category: "profile", key: "languages", operator: "IN", value: "DE" },
        { category: "skill", key: SKILL_RELEVANCE, operator: "GTE", value: 80 },
      ],
    };
    const selected = await s.control<{ ids: string[] }>("POST", "/select", { filter });
    expect(selected.body.ids).toEqual([T.deExpert, T.deStrong].sort());
    const res = await compose({ ...base, recipients_select_type: "FILTER", recipients_filter: filter, answerable: false });
    expect(res.status).toBe(201);
    expect(res.body.answerable).toBe(false);
    expect(res.body.interlocutors).toEqual([{ id: REQUESTER, role: "REQUESTER", myself: true }]);
    expect(res.body.compose_details).toEqual({ recipients_select_type: "FILTER", recipients_filter: filter });
    expect(await recipientsOf(res.body.id)).toEqual(selected.body.ids);
    // A bare condition is accepted and stored as an `and` of one, as the SDK would have sent it.
    const cond = { category: "profile", key: "country", operator: "EQ", value: "US" };
    const bare = await compose({ ...base, recipients_select_type: "FILTER", recipients_filter: cond });
    expect(bare.status).toBe(201);
    expect(bare.body.compose_details!.recipients_filter).toEqual({ and: [cond] });
    expect(await recipientsOf(bare.body.id)).toEqual([T.usMid]);
  });

  it("FILTER: no match is INCORRECT_RECIPIENTS", async () => {
    s = await startTestServer();
    const res = await compose({
      ...base,
      recipients_select_type: "FILTER",
      recipients_filter: { and: [{ category: "profile", key: "country", operator: "EQ", value: "JP" }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("INCORRECT_RECIPIENTS");
  });

  it("ALL: every Toloker who did a task receives it; the control API lists every delivery", async () => {
    s = await startTestServer();
    const since = new Date(Date.now() - 1000).toISOString().slice(0, 23);
    const res = await compose({ ...base, recipients_select_type: "ALL" });
    expect(res.status).toBe(201);
    expect(res.body.compose_details).toEqual({ recipients_select_type: "ALL" });
    expect(res.body.interlocutors).toEqual([{ id: REQUESTER, role: "REQUESTER", myself: true }]);
    const didTask = [T.deExpert, T.usMid, T.deStrong, T.gbNoSkill].sort();
    expect(await recipientsOf(res.body.id)).toEqual(didTask);
    const deliveries = await s.control<{ items: { thread_id: string; toloker_id: string }[] }>("GET", `/recipients?since=${since}`);
    expect(deliveries.body.items.map((d) => [d.thread_id, d.toloker_id])).toEqual(didTask.map((id) => [res.body.id, id]));
  });

  it("is not idempotent: the same request twice makes two threads", async () => {
    s = await startTestServer();
    const body = { ...base, recipients_select_type: "DIRECT", recipients_ids: [T.usMid] };
    const a = await compose(body);
    const b = await compose(body);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id > a.body.id).toBe(true);
  });

  it("accepts bodies with non-ASCII characters escaped as \\uXXXX, as the Python SDK sends them", async () => {
    s = await startTestServer();
    const raw = `{"topic":{"RU":"\\u041f\\u0440\\u0438\\u0432\\u0435\\u0442"},"text":{"ZH-HANS":"\\u4f60\\u597d"},"recipients_select_type":"DIRECT","recipients_ids":["${T.trIdle}"]}`;
    const res = await s.api<WireThread>("POST", "/message-threads/compose", raw);
    expect(res.status).toBe(201);
    expect(res.body.topic).toEqual({ RU: "Привет" });
    expect(res.body.messages![0].text).toEqual({ "ZH-HANS": "你好" });
  });
});

describe("quotas", () => {
  it("allows one message to ALL per UTC day", async () => {
    let now = new Date("2026-11-20T23:59:00.000Z");
    s = await startTestServer({ now: () => now });
    expect((await compose({ ...base, recipients_select_type: "ALL" })).status).toBe(201);
    const again = await compose({ ...base, recipients_select_type: "ALL" });
    expect(again.status).toBe(429);
    expect(again.body.code).toBe("TOO_MANY_REQUESTS");
    expect(again.body.payload).toMatchObject({ interval: "DAY" });
    expect(again.headers.get("retry-after")).toBeNull();
    now = new Date("2026-11-21T00:00:01.000Z");
    expect((await compose({ ...base, recipients_select_type: "ALL" })).status).toBe(201);
  });

  it("counts DIRECT recipients per UTC day against the daily quota", async () => {
    let now = new Date("2026-11-20T10:00:00.000Z");
    s = await startTestServer({ now: () => now, limits: { directRecipientsPerDay: 3 } });
    const to = (ids: string[]) => compose({ ...base, recipients_select_type: "DIRECT", recipients_ids: ids });
    expect((await to([T.deExpert, T.usMid])).status).toBe(201);
    const over = await to([T.trIdle, T.deStrong]);
    expect(over.status).toBe(429);
    expect(over.body.payload).toMatchObject({ interval: "DAY" });
    expect((await to([T.trIdle])).status).toBe(201);
    expect((await to([T.trIdle])).status).toBe(429);
    // FILTER sends are not charged to the DIRECT quota.
    const filter = { and: [{ category: "profile", key: "country", operator: "EQ", value: "DE" }] };
    expect((await compose({ ...base, recipients_select_type: "FILTER", recipients_filter: filter })).status).toBe(201);
    now = new Date("2026-11-21T10:00:00.000Z");
    expect((await to([T.trIdle, T.deStrong, T.gbNoSkill])).status).toBe(201);
  });

  it("answers the request over the per-second quota with 429 (interval SECOND), then recovers", async () => {
    s = await startTestServer();
    // A small quota, so the burst fits in one second on any machine; the window itself is tested on a fake clock
    // (SlidingWindowLimiter, below).
    expect((await s.control("PUT", "/limits", { requests_per_second: 10 })).status).toBe(200);
    const statuses = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        fetch(`${s!.url}/${i % 2 ? "skills" : "message-threads"}?limit=1`, {
          headers: { authorization: "OAuth test-token-0123456789" },
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as ErrorBody })),
      ),
    );
    const limited = statuses.filter((r) => r.status === 429);
    expect(statuses.filter((r) => r.status === 200)).toHaveLength(10);
    expect(limited).toHaveLength(1);
    expect(limited[0].body.code).toBe("TOO_MANY_REQUESTS");
    expect(limited[0].body.payload).toMatchObject({ interval: "SECOND", limit: 10 });
    await new Promise((r) => setTimeout(r, 1050));
    expect((await s.api("GET", "/message-threads?limit=1")).status).toBe(200);
  });
});

describe("SlidingWindowLimiter", () => {
  afterEach(() => vi.restoreAllMocks());

  it("admits 300 in any one second, refuses the 301st until the first is a second old", () => {
    let clock = 5_000;
    vi.spyOn(performance, "now").mockImplementation(() => clock);
    const limiter = new SlidingWindowLimiter();
    for (let i = 0; i < 300; i++) {
      expect(limiter.admit(300)).toBe(true);
      clock += 1;
    }
    // 300 admitted between 5,000 and 5,299 ms.
    expect(limiter.admit(300)).toBe(false);
    clock = 5_999;
    expect(limiter.admit(300)).toBe(false);
    clock = 6_000.5;
    expect(limiter.admit(300)).toBe(true);
    expect(limiter.admit(300)).toBe(false);
    clock = 6_001.5;
    expect(limiter.admit(300)).toBe(true);
    // A refused request is not counted: with no quota (0) everything passes.
    expect(limiter.admit(0)).toBe(true);
  });
});
