import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireThread } from "../toloka/wire";
import { objectId } from "./ids";
import { ADMIN, FIXTURE_DATES, REQUESTER, startTestServer, SYSTEM, T, TOKEN, type TestServer } from "./test-helpers";

type ErrorBody = { request_id: string; code: string; message: string; payload?: Record<string, { code: string }> };
type Res = WireThread & ErrorBody;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

// The fixture's threads: a DIRECT send to one Toloker, a Toloker's question, a platform notice.
const directId = objectId(FIXTURE_DATES[0], 1);
const questionId = objectId(FIXTURE_DATES[1], 2);
const noticeId = objectId(FIXTURE_DATES[2], 3);

const reply = (id: string, body: unknown = { text: { EN: "Thanks!" } }) => s.api<Res>("POST", `/message-threads/${id}/reply`, body);
const add = (id: string, folders: unknown) => s.api<Res>("POST", `/message-threads/${id}/add-to-folders`, { folders });
const remove = (id: string, folders: unknown) => s.api<Res>("POST", `/message-threads/${id}/remove-from-folders`, { folders });
const compose = (body: object) => s.api<Res>("POST", "/message-threads/compose", { topic: { EN: "T" }, text: { EN: "x" }, ...body });

describe("auth", () => {
  const raw = (headers: Record<string, string>) => fetch(`${s.url}/message-threads`, { headers });

  it("refuses a missing or unknown credential with 401 AUTHENTICATION_ERROR", async () => {
    const cases: Record<string, string>[] = [
      {},
      { authorization: "ApiKey wrong-token" },
      { authorization: `Bearer ${TOKEN}` },
      { authorization: TOKEN },
      { authorization: `ApiKey ${TOKEN}x` },
    ];
    for (const headers of cases) {
      const res = await raw(headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      const body = (await res.json()) as ErrorBody;
      expect(body.code).toBe("AUTHENTICATION_ERROR");
      expect(body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("accepts ApiKey and OAuth, and ignores X-Act-Under-Account-ID", async () => {
    expect((await raw({ authorization: `ApiKey ${TOKEN}` })).status).toBe(200);
    expect((await raw({ authorization: `OAuth ${TOKEN}` })).status).toBe(200);
    expect((await raw({ authorization: `OAuth ${TOKEN}`, "x-act-under-account-id": "someone" })).status).toBe(200);
  });

  it("protects the control API with the same credential", async () => {
    expect((await fetch(`${s.controlUrl}/stats`)).status).toBe(401);
    expect((await fetch(`${s.controlUrl}/stats`, { headers: { authorization: `ApiKey ${TOKEN}` } })).status).toBe(200);
  });
});

describe("routing", () => {
  it("answers 404 DOES_NOT_EXIST to unknown paths and 405 to a wrong method", async () => {
    for (const path of ["/pools", "/message-threads/abc", `/message-threads/${directId}`, "/message-threads/a/b/c/d"]) {
      const res = await s.api<ErrorBody>("GET", path);
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe("DOES_NOT_EXIST");
    }
    for (const [method, path] of [
      ["DELETE", "/message-threads"],
      ["POST", "/message-threads"],
      ["GET", "/message-threads/compose"],
      ["GET", `/message-threads/${directId}/reply`],
      ["PUT", "/skills"],
    ]) {
      const res = await s.api<ErrorBody>(method, path);
      expect(res.status, `${method} ${path}`).toBe(405);
    }
  });
});

describe("POST /message-threads/{id}/reply", () => {
  it("adds the requester's message (newest first) and OUTBOX, answering 200", async () => {
    const res = await reply(questionId, { text: { EN: "We will check", DE: "Wir prüfen" } });
    expect(res.status).toBe(200);
    const t = res.body;
    expect(t.id).toBe(questionId);
    expect(t.folders).toEqual(["INBOX", "OUTBOX", "UNREAD"]);
    expect(t.messages).toHaveLength(2);
    expect(t.messages![0]).toMatchObject({ text: { EN: "We will check", DE: "Wir prüfen" }, from: { id: REQUESTER, role: "REQUESTER", myself: true } });
    expect(t.messages![1].from).toEqual({ id: T.usMid, role: "USER" });
    expect(t.messages![0].created >= t.messages![1].created).toBe(true);
    expect(t.created).toBe(t.messages![1].created);
    expect(t.meta).toEqual({ pool_id: "123" });
    // The list shows the same thread.
    const listed = (await s.listAll()).find((x) => x.id === questionId);
    expect(listed).toEqual(t);
  });

  it("replies to a DIRECT thread with one recipient", async () => {
    const res = await reply(directId);
    expect(res.status).toBe(200);
    expect(res.body.folders).toEqual(["OUTBOX"]);
    expect(res.body.messages).toHaveLength(2);
  });

  it("refuses with 409 CONFLICT_STATE where the emulator's rule forbids a reply", async () => {
    const many = await compose({ recipients_select_type: "DIRECT", recipients_ids: [T.deExpert, T.usMid] });
    const filter = await compose({
      recipients_select_type: "FILTER",
      recipients_filter: { and: [{ category: "profile", key: "country", operator: "EQ", value: "DE" }] },
    });
    const closed = await compose({ recipients_select_type: "DIRECT", recipients_ids: [T.deExpert], answerable: false });
    for (const [name, id] of [
      ["notification", noticeId],
      ["several recipients", many.body.id],
      ["filter send", filter.body.id],
      ["not answerable", closed.body.id],
    ]) {
      const res = await reply(id);
      expect(res.status, name).toBe(409);
      expect(res.body.code).toBe("CONFLICT_STATE");
      expect(res.body.message.length).toBeGreaterThan(10);
    }
  });

  it("allows a reply to an answerable administrator message", async () => {
    const admin = await s.control<WireThread>("POST", "/admin-message", { topic: "Policy", text: "Please read" });
    expect(admin.status).toBe(201);
    const res = await reply(admin.body.id);
    expect(res.status).toBe(200);
    expect(res.body.folders).toEqual(["INBOX", "OUTBOX", "UNREAD"]);
    expect(res.body.interlocutors).toEqual([
      { id: REQUESTER, role: "REQUESTER", myself: true },
      { id: ADMIN, role: "ADMINISTRATOR" },
    ]);
  });

  it("answers 404 DOES_NOT_EXIST for an unknown thread, 400 for a bad body and 415 without JSON", async () => {
    const missing = await reply("ffffffffffffffffffffffff");
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("DOES_NOT_EXIST");
    const noText = await reply(questionId, {});
    expect(noText.status).toBe(400);
    expect(noText.body.payload).toEqual({ text: expect.objectContaining({ code: "VALUE_REQUIRED" }) });
    const badLang = await reply(questionId, { text: { EN: ["a"] } });
    expect(badLang.body.payload!["text.EN"].code).toBe("STRING_EXPECTED");
    const plain = await s.api("POST", `/message-threads/${questionId}/reply`, '{"text":{"EN":"x"}}', { "content-type": "text/plain" });
    expect(plain.status).toBe(415);
  });
});

describe("add-to-folders and remove-from-folders", () => {
  it("changes UNREAD and IMPORTANT, idempotently, and the list follows", async () => {
    const first = await add(noticeId, ["IMPORTANT"]);
    expect(first.status).toBe(200);
    expect(first.body.folders).toEqual(["AUTOMATIC_NOTIFICATION", "IMPORTANT", "UNREAD"]);
    const again = await add(noticeId, ["IMPORTANT", "UNREAD"]);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const read = await remove(noticeId, ["UNREAD"]);
    expect(read.status).toBe(200);
    expect(read.body.folders).toEqual(["AUTOMATIC_NOTIFICATION", "IMPORTANT"]);
    const readAgain = await remove(noticeId, ["UNREAD"]);
    expect(readAgain.status).toBe(200);
    expect(readAgain.body).toEqual(read.body);
    expect((await s.listAll("folder=IMPORTANT")).map((t) => t.id)).toContain(noticeId);
    expect((await s.listAll("folder=UNREAD")).map((t) => t.id)).not.toContain(noticeId);
    expect((await s.listAll("folder_ne=UNREAD")).map((t) => t.id)).toContain(noticeId);
    await remove(noticeId, ["IMPORTANT"]);
    expect((await s.listAll("folder=IMPORTANT")).map((t) => t.id)).not.toContain(noticeId);
  });

  it("refuses every other folder with 400 naming folders.N, changing nothing", async () => {
    const before = (await s.listAll()).find((t) => t.id === questionId)!;
    for (const folder of ["INBOX", "OUTBOX", "AUTOMATIC_NOTIFICATION"]) {
      for (const call of [add, remove]) {
        const res = await call(questionId, ["UNREAD", folder]);
        expect(res.status, folder).toBe(400);
        expect(res.body.code).toBe("VALIDATION_ERROR");
        expect(Object.keys(res.body.payload!)).toEqual(["folders.1"]);
      }
    }
    expect((await add(questionId, ["SPAM"])).body.payload!["folders.0"].code).toBe("UNKNOWN_ENUM_VALUE");
    expect((await add(questionId, [])).status).toBe(400);
    expect((await add(questionId, "UNREAD")).body.payload!.folders.code).toBe("ARRAY_EXPECTED");
    expect((await s.api<ErrorBody>("POST", `/message-threads/${questionId}/add-to-folders`, {})).body.payload!.folders.code).toBe("VALUE_REQUIRED");
    expect((await s.listAll()).find((t) => t.id === questionId)).toEqual(before);
  });

  it("answers 404 for an unknown thread", async () => {
    const res = await add("000000000000000000000000", ["UNREAD"]);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("DOES_NOT_EXIST");
  });
});

describe("thread JSON", () => {
  it("has the Toloka shape: sorted interlocutors, inlined flags, unique folders, millisecond dates", async () => {
    const threads = await s.listAll();
    expect(threads.length).toBeGreaterThan(3);
    for (const t of threads) {
      expect(t.interlocutors_inlined).toBe(true);
      expect(t.messages_inlined).toBe(true);
      const interlocutorIds = t.interlocutors!.map((i) => i.id);
      expect(interlocutorIds).toEqual([...interlocutorIds].sort());
      expect(t.interlocutors!.filter((i) => i.myself)).toEqual([{ id: REQUESTER, role: "REQUESTER", myself: true }]);
      expect(new Set(t.folders).size).toBe(t.folders!.length);
      const times = t.messages!.map((m) => m.created);
      expect(times).toEqual([...times].sort().reverse());
      expect(t.created).toBe(times.at(-1));
      expect(typeof t.answerable).toBe("boolean");
    }
    const notice = threads.find((t) => t.id === noticeId)!;
    expect(notice.interlocutors).toContainEqual({ id: SYSTEM, role: "SYSTEM" });
    expect(notice.compose_details).toBeUndefined();
    expect(notice.meta).toBeUndefined();
  });
});
