import { describe, expect, it } from "vitest";
import { TolokaError } from "@/lib/toloka/errors";
import { readSkill, readSkillPage, readThread, readThreadPage } from "@/lib/toloka/read";
import type { WireSkill, WireThread } from "@/lib/toloka/wire";
import spec from "./fixtures/openapi-examples.json";
import { clientFor, fakeToloka, type RawObject } from "./fake-toloka";
import { baseSkill, errorFixtures, pagedSkills, pagedThreads, skillFixtures, threadFixtures, type ThreadExpectation } from "./fixtures/toloka-kit-shapes";

/*
 * Contract fixtures read through the app's own readers (and, for pages and errors, through a real TolokaClient
 * over a fake Toloka): every thread and skill of Toloka's published examples, and of the shapes toloka-kit's
 * tests use, must be read, at the same instant, in the same folders, from the same senders.
 */

/** The instant of a date as the app writes Toloka dates (UTC, no zone), in ms. */
const instantOfApp = (d: string | undefined) => (d === undefined ? undefined : Date.parse(`${d}Z`));
/** The instant of a date as the spec writes its examples (`YYYY-MM-DDThh:mm:ss.sss`, UTC, no zone): the oracle. */
const instantOfSpec = (d: unknown) => {
  expect(d, "the spec's examples write dates as YYYY-MM-DDThh:mm:ss.sss").toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
  return Date.parse(`${d}Z`);
};

function readOk(raw: unknown): WireThread {
  const r = readThread(raw);
  if (!r.ok) throw new Error(`set aside: ${r.unreadable.reason}`);
  return r.thread;
}

function skillOk(raw: unknown): WireSkill {
  const r = readSkill(raw);
  if (!r.ok) throw new Error(`set aside: ${r.unreadable.reason}`);
  return r.skill;
}

/** What a user sees of a thread Toloka's spec shows, checked against the example itself. */
function expectLikeSpec(t: WireThread, raw: RawObject) {
  expect(t.id).toBe(raw.id);
  expect(t.topic).toEqual(raw.topic);
  expect(instantOfApp(t.created)).toBe(instantOfSpec(raw.created));
  expect(t.folders).toEqual(raw.folders);
  expect(t.answerable).toBe(raw.answerable);
  const messages = raw.messages as RawObject[];
  expect(t.messages).toHaveLength(messages.length);
  t.messages!.forEach((m, i) => {
    expect(m.text).toEqual(messages[i].text);
    expect(m.from).toEqual(messages[i].from);
    expect(instantOfApp(m.created)).toBe(instantOfSpec(messages[i].created));
  });
  expect(t.interlocutors).toEqual(raw.interlocutors);
  expect(t.compose_details).toEqual(raw.compose_details);
}

function expectLikeSpecSkill(s: WireSkill, raw: RawObject) {
  // Everything the spec shows is kept as shown, but the date, which is at the same instant.
  const { created, ...rest } = raw;
  expect(s).toMatchObject(rest);
  expect(instantOfApp(s.created)).toBe(instantOfSpec(created));
}

describe("Toloka's published examples (test/contract/fixtures/openapi-examples.json)", () => {
  const examples = spec.examples as { source: string; kind: string; value: RawObject }[];
  const ofKind = (kind: string) => examples.filter((e) => e.kind === kind);

  it("holds every thread, page and skill example of the spec", () => {
    expect(examples.map((e) => e.kind).sort()).toEqual(["skill", "skill", "skill", "skill", "skillPage", "thread", "thread", "thread", "thread", "threadPage"]);
  });

  it.each(ofKind("thread").map((e) => [e.source, e.value] as const))("reads the thread of %s as shown", (_, raw) => {
    expectLikeSpec(readOk(raw), raw);
  });

  it.each(ofKind("skill").map((e) => [e.source, e.value] as const))("reads the skill of %s as shown", (_, raw) => {
    expectLikeSpecSkill(skillOk(raw), raw);
  });

  it("reads the page of threads, directly and through the client, setting nothing aside", async () => {
    const raw = ofKind("threadPage")[0].value;
    const direct = readThreadPage(raw, 300);
    const viaClient = await clientFor(fakeToloka({ answer: { status: 200, body: raw } })).listThreads({ sort: "id", limit: 300 });
    for (const page of [direct, viaClient]) {
      if ("problem" in page) throw new Error(page.problem);
      expect(page.unreadable).toEqual([]);
      expect(page.has_more).toBe(true);
      expect(page.items).toHaveLength(1);
      expectLikeSpec(page.items[0], (raw.items as RawObject[])[0]);
    }
  });

  it("reads the page of skills, directly and through the client, setting nothing aside", async () => {
    const raw = ofKind("skillPage")[0].value;
    const direct = readSkillPage(raw, 100);
    const viaClient = await clientFor(fakeToloka({ answer: { status: 200, body: raw } })).listSkills({ sort: "id", limit: 100 });
    for (const page of [direct, viaClient]) {
      if ("problem" in page) throw new Error(page.problem);
      expect(page.unreadable).toEqual([]);
      expect(page.has_more).toBe(true);
      expect(page.items).toHaveLength(1);
      expectLikeSpecSkill(page.items[0], (raw.items as RawObject[])[0]);
    }
  });
});

function expectThread(t: WireThread, e: ThreadExpectation) {
  expect(t.id).toBe(e.id);
  expect(instantOfApp(t.created)).toBe(Date.parse(e.createdAt));
  if (e.folders) expect(t.folders).toEqual(e.folders);
  expect(t.other_folders).toEqual(e.otherFolders);
  if (e.messageRoles) expect(t.messages?.map((m) => m.from.role)).toEqual(e.messageRoles);
  if (e.messageAt) expect(t.messages?.map((m) => instantOfApp(m.created))).toEqual(e.messageAt.map((d) => Date.parse(d)));
  if (e.topic) expect(t.topic).toEqual(e.topic);
  if (e.answerable !== undefined) expect(t.answerable).toBe(e.answerable);
  if (e.recipientsSelectType) expect(t.compose_details?.recipients_select_type).toBe(e.recipientsSelectType);
}

describe("toloka-kit's data shapes (test/contract/fixtures/toloka-kit-shapes.ts)", () => {
  it.each(threadFixtures.map((f) => [f.name, f] as const))("reads a thread: %s", (_, f) => {
    expectThread(readOk(f.raw), f.expect);
  });

  it("reads all of them as one page through the client: every thread, nothing set aside", async () => {
    const page = await clientFor(fakeToloka({ answer: { status: 200, body: { items: threadFixtures.map((f) => f.raw), has_more: false } } })).listThreads({
      limit: 300,
    });
    expect(page.unreadable).toEqual([]);
    expect(page.items.map((t) => t.id)).toEqual(threadFixtures.map((f) => f.expect.id));
    page.items.forEach((t, i) => {
      expectThread(t, threadFixtures[i].expect);
    });
  });

  it("pages through 50 threads three at a time by id, as the SDK's tests do, and gets every one in order", async () => {
    const client = clientFor(fakeToloka({ threads: pagedThreads }));
    const ids: string[] = [];
    let idGt: string | undefined;
    for (let n = 0; n < 100; n++) {
      const page = await client.listThreads({ sort: "id", limit: 3, id_gt: idGt });
      expect(page.unreadable).toEqual([]);
      ids.push(...page.items.map((t) => t.id));
      if (!page.has_more) break;
      idGt = page.lastId;
    }
    expect(ids).toEqual(pagedThreads.map((t) => t.id));
  });

  it.each(skillFixtures.map((f) => [f.name, f] as const))("reads a skill: %s", (_, f) => {
    const s = skillOk(f.raw);
    expect({ id: s.id, name: s.name, global: s.global }).toEqual({ id: f.expect.id, name: f.expect.name, global: f.expect.global });
    expect(instantOfApp(s.created)).toBe(f.expect.createdAt === undefined ? undefined : Date.parse(f.expect.createdAt));
  });

  it("reads the skill the SDK's tests write in full, its description in both languages", () => {
    expect(skillOk(baseSkill)).toMatchObject({ public_requester_description: baseSkill.public_requester_description, owner: baseSkill.owner, hidden: false });
  });

  it("pages through 50 skills three at a time by id and gets every one; one with no id is set aside, not fatal", async () => {
    const skills = [...pagedSkills.slice(0, 10), { name: "no id" }, ...pagedSkills.slice(10)];
    const client = clientFor(fakeToloka({ skills }));
    const ids: string[] = [];
    let unreadable = 0;
    let idGt: string | undefined;
    for (let n = 0; n < 100; n++) {
      const page = await client.listSkills({ sort: "id", limit: 3, id_gt: idGt });
      ids.push(...page.items.map((s) => s.id));
      unreadable += page.unreadable.length;
      if (!page.has_more) break;
      idGt = page.lastId;
    }
    expect(ids).toEqual(pagedSkills.map((s) => s.id));
    expect(unreadable).toBe(1);
  });

  it.each(errorFixtures.map((f) => [f.name, f] as const))("goes by an error body's code: %s", async (_, f) => {
    const error = await clientFor(fakeToloka({ answer: { status: f.status, body: f.body } }))
      .listThreads({ limit: 1 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TolokaError);
    const e = error as TolokaError;
    expect({ status: e.status, code: e.code, message: e.message, requestId: e.requestId, fields: e.fields }).toEqual({
      status: f.status,
      code: f.expect.code,
      message: f.expect.message,
      requestId: f.expect.requestId,
      fields: f.expect.fields,
    });
  });
});
