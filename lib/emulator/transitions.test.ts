import { afterEach, describe, expect, it } from "vitest";
import type { WireThread } from "../toloka/wire";
import { objectId } from "./ids";
import { ADMIN, FIXTURE_DATES, REQUESTER, startTestServer, SYSTEM, T, type TestServer } from "./test-helpers";

type ErrorBody = { code: string; message: string; payload?: Record<string, { code: string }> };
type Res = WireThread & ErrorBody;

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const me = { id: REQUESTER, role: "REQUESTER", myself: true };
const directOneId = objectId(FIXTURE_DATES[0], 1); // fixture: DIRECT to T.deExpert
const noticeId = objectId(FIXTURE_DATES[2], 3);

const compose = (body: object) => s!.api<Res>("POST", "/message-threads/compose", { topic: { EN: "Survey" }, text: { EN: "Please answer" }, ...body });
const tolokerReply = (body: object) => s!.control<Res>("POST", "/toloker-reply", body);
const listIds = async (query = "") => (await s!.listAll(query)).map((t) => t.id);

describe("folder transitions (toloka-api.md §2.3)", () => {
  it("a Toloker writes first: a new thread in INBOX and UNREAD", async () => {
    s = await startTestServer();
    const res = await s.control<Res>("POST", "/inbound", {
      toloker_id: T.gbNoSkill,
      topic: { EN: "Task question" },
      text: "Is image 4 a cat?",
      meta: { pool_id: "77", assignment_id: "a-1" },
    });
    expect(res.status).toBe(201);
    const t = res.body;
    expect(t.folders).toEqual(["INBOX", "UNREAD"]);
    expect(t.answerable).toBe(true);
    expect(t.interlocutors).toEqual([{ id: T.gbNoSkill, role: "USER" }, me]);
    expect(t.messages).toEqual([{ text: { EN: "Is image 4 a cat?" }, from: { id: T.gbNoSkill, role: "USER" }, created: t.created }]);
    expect(t.meta).toEqual({ pool_id: "77", assignment_id: "a-1" });
    expect(t.compose_details).toBeUndefined();
    expect(await listIds("folder=UNREAD")).toContain(t.id);
    // The requester can answer it, and it gains OUTBOX.
    const reply = await s.api<Res>("POST", `/message-threads/${t.id}/reply`, { text: { EN: "Yes" } });
    expect(reply.body.folders).toEqual(["INBOX", "OUTBOX", "UNREAD"]);
    // Without a toloker_id some Toloker writes.
    const anyone = await s.control<Res>("POST", "/inbound", { topic: "Hi", text: "Hello" });
    expect(anyone.status).toBe(201);
    expect(anyone.body.interlocutors!.find((i) => i.role === "USER")).toBeDefined();
  });

  it("a Toloker answers a thread with one recipient: the same thread gets the message, INBOX and UNREAD", async () => {
    s = await startTestServer();
    const res = await tolokerReply({ thread_id: directOneId, toloker_id: T.deExpert, text: { EN: "Thank you!" } });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(directOneId);
    expect(res.body.folders).toEqual(["INBOX", "OUTBOX", "UNREAD"]);
    expect(res.body.messages!.map((m) => m.from.id)).toEqual([T.deExpert, REQUESTER]);
    expect(res.body.parent_id).toBeUndefined();
    // Without toloker_id the only recipient answers.
    const again = await tolokerReply({ thread_id: directOneId, text: "And again" });
    expect(again.body.id).toBe(directOneId);
    expect(again.body.messages).toHaveLength(3);
    // The list reflects it.
    expect(await listIds("folder=INBOX")).toContain(directOneId);
  });

  it("a Toloker answers a thread sent to several: a child thread with parent_id; later answers continue it", async () => {
    s = await startTestServer();
    const sent = await compose({ recipients_select_type: "DIRECT", recipients_ids: [T.deExpert, T.usMid, T.trIdle] });
    const a = await tolokerReply({ thread_id: sent.body.id, toloker_id: T.usMid, text: "I have a question" });
    expect(a.status).toBe(200);
    const child = a.body;
    expect(child.id).not.toBe(sent.body.id);
    expect(child.id > sent.body.id).toBe(true);
    expect(child.parent_id).toBe(sent.body.id);
    expect(child.topic).toEqual({ EN: "Survey" });
    expect(child.folders).toEqual(["INBOX", "UNREAD"]);
    expect(child.answerable).toBe(true);
    expect(child.interlocutors).toEqual([{ id: T.usMid, role: "USER" }, me]);
    expect(child.messages).toEqual([{ text: { EN: "I have a question" }, from: { id: T.usMid, role: "USER" }, created: child.created }]);
    expect(child.compose_details).toBeUndefined();
    // The original is untouched.
    const original = (await s.control<WireThread>("GET", `/threads/${sent.body.id}`)).body;
    expect(original.folders).toEqual(["OUTBOX"]);
    expect(original.messages).toHaveLength(1);
    // Same Toloker again: same child. Another Toloker: another child.
    const a2 = await tolokerReply({ thread_id: sent.body.id, toloker_id: T.usMid, text: "Still there?" });
    expect(a2.body.id).toBe(child.id);
    expect(a2.body.messages).toHaveLength(2);
    const b = await tolokerReply({ thread_id: sent.body.id, toloker_id: T.trIdle, text: "Me too" });
    expect(b.body.id).not.toBe(child.id);
    expect(b.body.parent_id).toBe(sent.body.id);
    // The requester answers the child, which is an ordinary one-to-one thread.
    const r = await s.api<Res>("POST", `/message-threads/${child.id}/reply`, { text: { EN: "Sure" } });
    expect(r.status).toBe(200);
    expect(r.body.folders).toEqual(["INBOX", "OUTBOX", "UNREAD"]);
    // The child's Toloker answers in the child.
    const c = await tolokerReply({ thread_id: child.id, text: "Thanks" });
    expect(c.body.id).toBe(child.id);
    expect(c.body.messages).toHaveLength(4);
  });

  it("FILTER and ALL sends: a recipient's answer is a child thread", async () => {
    s = await startTestServer();
    const filter = await compose({
      recipients_select_type: "FILTER",
      recipients_filter: { and: [{ category: "profile", key: "country", operator: "EQ", value: "DE" }] },
    });
    const fromFilter = await tolokerReply({ thread_id: filter.body.id, toloker_id: T.deStrong, text: "Ok" });
    expect(fromFilter.body.parent_id).toBe(filter.body.id);
    expect(fromFilter.body.folders).toEqual(["INBOX", "UNREAD"]);
    const all = await compose({ recipients_select_type: "ALL" });
    const fromAll = await tolokerReply({ thread_id: all.body.id, toloker_id: T.gbNoSkill, text: "Ok" });
    expect(fromAll.body.parent_id).toBe(all.body.id);
    // A Toloker who did not receive the send cannot answer it.
    const outsider = await tolokerReply({ thread_id: all.body.id, toloker_id: T.trIdle, text: "Me?" });
    expect(outsider.status).toBe(409);
    expect(outsider.body.code).toBe("CONFLICT_STATE");
  });

  it("a FILTER send that reached one Toloker is answered in place, and the requester can then reply", async () => {
    s = await startTestServer();
    const sent = await compose({
      recipients_select_type: "FILTER",
      recipients_filter: { and: [{ category: "profile", key: "country", operator: "EQ", value: "US" }] },
    });
    const res = await tolokerReply({ thread_id: sent.body.id, text: "Hello" });
    expect(res.body.id).toBe(sent.body.id);
    expect(res.body.interlocutors).toEqual([{ id: T.usMid, role: "USER" }, me]);
    expect((await s.api("POST", `/message-threads/${sent.body.id}/reply`, { text: { EN: "Hi" } })).status).toBe(200);
  });

  it("only answerable threads can be answered by a Toloker", async () => {
    s = await startTestServer();
    const closed = await compose({ recipients_select_type: "DIRECT", recipients_ids: [T.deExpert], answerable: false });
    for (const id of [closed.body.id, noticeId]) {
      const res = await tolokerReply({ thread_id: id, text: "hey" });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe("CONFLICT_STATE");
      expect((await tolokerReply({ thread_id: id, toloker_id: T.deExpert, text: "hey" })).status).toBe(409);
      expect(s.emulator.store.answerersOf(id)).toEqual([]);
    }
    expect((await tolokerReply({ thread_id: "ffffffffffffffffffffffff", text: "hey" })).status).toBe(404);
  });

  it("a platform notice: AUTOMATIC_NOTIFICATION and UNREAD from SYSTEM, not answerable", async () => {
    s = await startTestServer();
    const res = await s.control<Res>("POST", "/notice", { topic: { EN: "Pool closed" }, text: { EN: "Pool 5 closed" } });
    expect(res.status).toBe(201);
    expect(res.body.folders).toEqual(["AUTOMATIC_NOTIFICATION", "UNREAD"]);
    expect(res.body.answerable).toBe(false);
    expect(res.body.interlocutors).toEqual([me, { id: SYSTEM, role: "SYSTEM" }]);
    expect(res.body.messages![0].from).toEqual({ id: SYSTEM, role: "SYSTEM" });
    expect((await s.api<Res>("POST", `/message-threads/${res.body.id}/reply`, { text: { EN: "?" } })).status).toBe(409);
    expect(await listIds("folder=AUTOMATIC_NOTIFICATION")).toContain(res.body.id);
  });

  it("an administrator's message: INBOX and UNREAD from ADMINISTRATOR", async () => {
    s = await startTestServer();
    const res = await s.control<Res>("POST", "/admin-message", { topic: "Account", text: "Please verify", answerable: false });
    expect(res.status).toBe(201);
    expect(res.body.folders).toEqual(["INBOX", "UNREAD"]);
    expect(res.body.answerable).toBe(false);
    expect(res.body.interlocutors).toEqual([me, { id: ADMIN, role: "ADMINISTRATOR" }]);
    expect((await s.api<Res>("POST", `/message-threads/${res.body.id}/reply`, { text: { EN: "?" } })).status).toBe(409);
  });
});

describe("control API", () => {
  it("shows a thread and its recipients, 404 when unknown", async () => {
    s = await startTestServer();
    expect((await s.control<WireThread>("GET", `/threads/${directOneId}`)).body.id).toBe(directOneId);
    expect((await s.control("GET", "/threads/nope")).status).toBe(404);
    expect((await s.control<{ ids: string[] }>("GET", `/threads/${directOneId}/recipients`)).body.ids).toEqual([T.deExpert]);
    expect((await s.control("GET", "/threads/nope/recipients")).status).toBe(404);
  });

  it("pages through Tolokers and validates its bodies", async () => {
    s = await startTestServer();
    const page = await s.control<{ items: { id: string; didTask: boolean }[]; total: number }>("GET", "/tolokers?limit=4&offset=2");
    expect(page.body.total).toBe(6);
    expect(page.body.items.map((t) => t.id)).toEqual(Object.values(T).sort().slice(2, 6));
    const bad = await s.control<ErrorBody>("POST", "/inbound", { text: "no topic" });
    expect(bad.status).toBe(400);
    expect(bad.body.payload!.topic.code).toBe("VALUE_REQUIRED");
    const badFilter = await s.control<ErrorBody>("POST", "/select", { filter: { and: [{ category: "x" }] } });
    expect(badFilter.status).toBe(400);
    expect((await s.control("GET", "/nothing")).status).toBe(404);
    expect((await s.control<ErrorBody>("POST", "/inbound", { toloker_id: "nobody", topic: "a", text: "b" })).status).toBe(404);
  });

  it("counts API requests per endpoint and per status until reset", async () => {
    s = await startTestServer();
    await s.control("POST", "/stats/reset");
    await s.api("GET", "/message-threads");
    await s.api("GET", "/message-threads?limit=0");
    await s.api("GET", "/skills");
    await s.api("POST", `/message-threads/${directOneId}/add-to-folders`, { folders: ["IMPORTANT"] });
    await s.api("GET", "/nowhere");
    const stats = await s.control<{ total: number; requests: Record<string, number>; statuses: Record<string, number> }>("GET", "/stats");
    expect(stats.body.total).toBe(5);
    expect(stats.body.requests).toEqual({ list: 2, skills: 1, "add-to-folders": 1, other: 1 });
    expect(stats.body.statuses).toEqual({ "200": 3, "400": 1, "404": 1 });
    const reset = await s.control<{ total: number }>("POST", "/stats/reset");
    expect(reset.body.total).toBe(0);
  });

  it("reads and changes the limits", async () => {
    s = await startTestServer();
    expect((await s.control("GET", "/limits")).body).toEqual({
      requests_per_second: 300,
      all_per_day: 1,
      direct_recipients_per_day: 100_000,
      bonus_requests_per_day: 10_000,
    });
    const changed = await s.control("PUT", "/limits", { all_per_day: 2, bonus_requests_per_day: 5 });
    expect(changed.body).toMatchObject({ all_per_day: 2, bonus_requests_per_day: 5 });
    expect((await compose({ recipients_select_type: "ALL" })).status).toBe(201);
    expect((await compose({ recipients_select_type: "ALL" })).status).toBe(201);
    expect((await compose({ recipients_select_type: "ALL" })).status).toBe(429);
  });

  it("reset wipes every thread, Toloker, quota and fault; ids keep growing afterwards", async () => {
    s = await startTestServer();
    const before = await compose({ recipients_select_type: "ALL" });
    await s.control("PUT", "/faults", [{ endpoint: "skills", kind: "500" }]);
    const res = await s.control<{ counts: { threads: number; tolokers: number } }>("POST", "/reset", { seed: false });
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ threads: 0, tolokers: 0 });
    expect((await s.control<{ rules: unknown[] }>("GET", "/faults")).body.rules).toEqual([]);
    expect((await s.api<{ items: unknown[] }>("GET", "/message-threads")).body.items).toEqual([]);
    s.emulator.store.insertTolokers([{ id: T.deExpert, profile: { languages: [] }, computed: {}, skills: {}, didTask: true }]);
    const after = await compose({ recipients_select_type: "ALL" });
    expect(after.status).toBe(201);
    expect(after.body.id > before.body.id).toBe(true);
  });
});
