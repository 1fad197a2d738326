import { describe, expect, it } from "vitest";
import { normalizeTolokaDate, readSkill, readSkillPage, readThread, readThreadPage } from "./read";

/*
 * Fixtures in the shapes of Toloka's own evidence, written here: the OpenAPI spec's example thread, and the data
 * toloka-kit's tests (tests/test_message_thread.py) feed its client: ids that are no hex, dates without a
 * fraction, a filter that is one bare condition with a number, strings for meta ids.
 */
const sdkThread = {
  id: "message-thread-1",
  topic: { EN: "Message title" },
  interlocutors_inlined: true,
  meta: { pool_id: "1", project_id: "2", assignment_id: "3" },
  interlocutors: [
    { id: "requester-1", role: "REQUESTER", myself: true },
    { id: "user-1", role: "USER" },
  ],
  messages_inlined: true,
  messages: [{ text: { EN: "Message text" }, from: { id: "requester-1", role: "REQUESTER", myself: true }, created: "2017-01-31T09:38:01" }],
  folders: ["OUTBOX"],
  answerable: true,
  created: "2017-01-31T09:38:01",
};

const read = (raw: unknown) => {
  const r = readThread(raw);
  if (!r.ok) throw new Error(`unreadable: ${r.unreadable.reason}`);
  return r.thread;
};

describe("normalizeTolokaDate", () => {
  it.each([
    ["2017-01-31T09:38:01", "2017-01-31T09:38:01.000"],
    ["2017-01-31T09:38:01.5", "2017-01-31T09:38:01.500"],
    ["2017-01-31T09:38:01.51", "2017-01-31T09:38:01.510"],
    ["2017-01-31T09:38:01.123", "2017-01-31T09:38:01.123"],
    ["2017-01-31T09:38:01.99999", "2017-01-31T09:38:01.999"],
    ["2017-01-31T09:38:01.123456", "2017-01-31T09:38:01.123"],
    ["2017-01-31T09:38:01.123456789", "2017-01-31T09:38:01.123"],
    ["2017-01-31T09:38:01Z", "2017-01-31T09:38:01.000"],
    ["2017-01-31T09:38:01.250Z", "2017-01-31T09:38:01.250"],
    ["2017-01-31T12:38:01+03:00", "2017-01-31T09:38:01.000"],
    ["2017-01-31T02:08:01.5-0730", "2017-01-31T09:38:01.500"],
    ["2017-01-31T09:38", "2017-01-31T09:38:00.000"],
    ["2017-01-31 09:38:01", "2017-01-31T09:38:01.000"],
    ["2017-01-31", "2017-01-31T00:00:00.000"],
    ["2017-01-01T01:00:00+02:00", "2016-12-31T23:00:00.000"],
  ])("reads %s as %s (UTC)", (given, expected) => {
    expect(normalizeTolokaDate(given)).toBe(expected);
  });

  it("takes null or nothing as no date, and refuses what is no date", () => {
    expect(normalizeTolokaDate(null)).toBeUndefined();
    expect(normalizeTolokaDate(undefined)).toBeUndefined();
    for (const bad of ["yesterday", "2017-02-30T00:00:00", "2017-13-01", "2017-01-31T25:00:00", "", 1485855481]) {
      expect(() => normalizeTolokaDate(bad), String(bad)).toThrow();
    }
  });
});

describe("readThread", () => {
  it("reads the SDK's own fixture as it is", () => {
    const t = read(sdkThread);
    expect(t).toMatchObject({
      id: "message-thread-1",
      topic: { EN: "Message title" },
      meta: { pool_id: "1", project_id: "2", assignment_id: "3" },
      folders: ["OUTBOX"],
      answerable: true,
      created: "2017-01-31T09:38:01.000",
    });
    expect(t.messages![0]).toEqual({
      text: { EN: "Message text" },
      from: { id: "requester-1", role: "REQUESTER", myself: true },
      created: "2017-01-31T09:38:01.000",
    });
  });

  it("reads compose details as the SDK sends them: a bare condition with a number, or the ids", () => {
    const filter = { category: "skill", key: "2022", operator: "GT", value: 90 };
    expect(read({ ...sdkThread, compose_details: { recipients_select_type: "FILTER", recipients_filter: filter } }).compose_details).toEqual({
      recipients_select_type: "FILTER",
      recipients_filter: filter,
    });
    expect(read({ ...sdkThread, compose_details: { recipients_select_type: "DIRECT", recipients_ids: ["user-1", 2] } }).compose_details).toEqual({
      recipients_select_type: "DIRECT",
      recipients_ids: ["user-1", "2"],
    });
    // A select type Toloka added since says nothing usable about who received it.
    expect(read({ ...sdkThread, compose_details: { recipients_select_type: "SEGMENT", segment: "x" } }).compose_details).toBeUndefined();
  });

  it("takes null as absent, ids given as numbers as strings, and ignores fields it does not know", () => {
    const t = read({
      ...sdkThread,
      id: 64,
      parent_id: null,
      meta: { pool_id: 42387755, project_id: null },
      compose_details: null,
      answerable: null,
      interlocutors: [{ id: 12, role: "USER", myself: null }],
      messages: [{ text: { EN: "Hi", RU: null }, from: { id: 12, role: "USER" }, created: "2017-01-31T09:38:01.51", reactions: [] }],
      topic: { EN: "T", DE: null },
      brand_new_field: { anything: true },
    });
    expect(t.id).toBe("64");
    expect(t.parent_id).toBeUndefined();
    expect(t.meta).toEqual({ pool_id: "42387755" });
    expect(t.compose_details).toBeUndefined();
    expect(t.interlocutors).toEqual([{ id: "12", role: "USER" }]);
    expect(t.messages).toEqual([{ text: { EN: "Hi" }, from: { id: "12", role: "USER" }, created: "2017-01-31T09:38:01.510" }]);
    expect(t.topic).toEqual({ EN: "T" });
    expect(t).not.toHaveProperty("brand_new_field");
  });

  it("takes a missing answerable as Toloka's default, true", () => {
    const { answerable: _, ...without } = sdkThread;
    void _;
    expect(read(without).answerable).toBe(true);
    expect(read({ ...sdkThread, answerable: false }).answerable).toBe(false);
  });

  it("keeps folder and role values it does not know, apart from the ones it does", () => {
    const t = read({
      ...sdkThread,
      folders: ["INBOX", "ARCHIVE", "UNREAD", "INBOX", "SNOOZED"],
      interlocutors: [
        { id: "support-1", role: "SUPPORT" },
        { id: "requester-1", role: "REQUESTER", myself: true },
      ],
    });
    expect(t.folders).toEqual(["INBOX", "UNREAD"]);
    expect(t.other_folders).toEqual(["ARCHIVE", "SNOOZED"]);
    expect(t.interlocutors![0]).toEqual({ id: "support-1", role: "SUPPORT" });
  });

  it("a listing without inlined messages or interlocutors says nothing about them (no empty lists)", () => {
    const t = read({ ...sdkThread, messages_inlined: false, messages: null, interlocutors_inlined: false });
    expect(t.messages).toBeUndefined();
    expect(t.interlocutors).toBeUndefined();
    const noFolders = read({ ...sdkThread, folders: undefined });
    expect(noFolders.folders).toBeUndefined();
  });

  it("finds a date for a thread without one: its oldest message's, else its ObjectId's time", () => {
    const t = read({
      ...sdkThread,
      created: null,
      messages: [
        { text: { EN: "b" }, from: { id: "u", role: "USER" }, created: "2020-05-02T00:00:00" },
        { text: { EN: "a" }, from: { id: "u", role: "USER" }, created: "2020-05-01T00:00:00" },
      ],
    });
    expect(t.created).toBe("2020-05-01T00:00:00.000");
    const { created: _c, messages: _m, ...bare } = sdkThread;
    void _c;
    void _m;
    expect(read({ ...bare, id: "5f0c9e4b7d2a1f88aabbccdd" }).created).toBe(new Date(0x5f0c9e4b * 1000).toISOString().slice(0, 23));
  });

  it("sets aside only what it cannot do without, saying why and keeping what came", () => {
    const cases: Array<[unknown, RegExp, string | undefined]> = [
      [null, /the thread is null/, undefined],
      [["a list"], /the thread is a list/, undefined],
      [{ ...sdkThread, id: undefined }, /no id/, undefined],
      [{ ...sdkThread, id: { oid: "x" } }, /id is an object/, undefined],
      [{ ...sdkThread, created: "yesterday" }, /created: date "yesterday" is not a date/, "message-thread-1"],
      [{ ...sdkThread, messages: "none" }, /messages is string/, "message-thread-1"],
      [{ ...sdkThread, created: undefined, messages: [], id: "not-an-object-id" }, /no date/, "not-an-object-id"],
    ];
    for (const [raw, reason, id] of cases) {
      const r = readThread(raw);
      expect(r.ok, JSON.stringify(raw)).toBe(false);
      if (r.ok) continue;
      expect(r.unreadable.reason).toMatch(reason);
      expect(r.unreadable.id).toBe(id);
      expect(r.unreadable.raw).toBe(JSON.stringify(raw));
    }
    // A message without a time is no part of the conversation that can be placed: the thread is set aside,
    // rather than shown as if it were complete.
    const r = readThread({ ...sdkThread, messages: [...sdkThread.messages, { text: { EN: "?" }, from: { id: "u", role: "USER" } }] });
    expect(r).toMatchObject({ ok: false, unreadable: { id: "message-thread-1", reason: "messages[1] has no created date" } });
  });
});

describe("readThreadPage", () => {
  it("reads a page thread by thread: one that cannot be read is set aside, the others count", () => {
    const page = readThreadPage(
      { items: [sdkThread, { ...sdkThread, id: "message-thread-2", created: "soon" }, { ...sdkThread, id: "message-thread-3" }], has_more: true },
      300,
    );
    expect("problem" in page).toBe(false);
    if ("problem" in page) return;
    expect(page.items.map((t) => t.id)).toEqual(["message-thread-1", "message-thread-3"]);
    expect(page.unreadable).toEqual([expect.objectContaining({ id: "message-thread-2", reason: expect.stringContaining("not a date") })]);
    expect(page).toMatchObject({ has_more: true, lastId: "message-thread-3" });
  });

  it("pages on from the last thread listed, even one set aside; without has_more, a full page means more", () => {
    const page = readThreadPage({ items: [sdkThread, { ...sdkThread, id: "message-thread-9", created: "?" }] }, 2);
    if ("problem" in page) throw new Error(page.problem);
    expect(page).toMatchObject({ has_more: true, lastId: "message-thread-9" });
    const short = readThreadPage({ items: [sdkThread], has_more: null }, 300);
    if ("problem" in short) throw new Error(short.problem);
    expect(short.has_more).toBe(false);
  });

  it("refuses only a body that is no page at all", () => {
    expect(readThreadPage("<html>", 300)).toEqual({ problem: expect.stringContaining("string") });
    expect(readThreadPage({ items: "x" }, 300)).toEqual({ problem: expect.stringContaining("not a list") });
    const empty = readThreadPage({}, 300);
    expect(empty).toMatchObject({ items: [], unreadable: [], has_more: false });
  });
});

/* A skill in the shape toloka-kit's tests (tests/test_skill.py) give its client, written here. */
const sdkSkill = {
  id: "21",
  name: "Skill name",
  private_comment: "Private comment",
  hidden: false,
  public_requester_description: { EN: "Skill description", RU: "Описание навыка" },
  created: "2015-12-16T12:55:01",
  owner: { id: "c3a50f44cd3e1b8202465569ced289eb", myself: true },
};

const skill = (raw: unknown) => {
  const r = readSkill(raw);
  if (!r.ok) throw new Error(`unreadable: ${r.unreadable.reason}`);
  return r.skill;
};

describe("readSkill", () => {
  it("reads the SDK's skill as it is, its date as the app writes Toloka dates", () => {
    expect(skill(sdkSkill)).toEqual({ ...sdkSkill, created: "2015-12-16T12:55:01.000" });
  });

  it.each([
    ["2015-12-16T12:55:01.51", "2015-12-16T12:55:01.510"],
    ["2015-12-16T12:55:01.99999", "2015-12-16T12:55:01.999"],
    ["2015-12-16T12:55:01.123456789Z", "2015-12-16T12:55:01.123"],
    ["2015-12-16T15:55:01+03:00", "2015-12-16T12:55:01.000"],
    ["2015-12-16", "2015-12-16T00:00:00.000"],
  ])("reads its date %s as %s", (created, expected) => {
    expect(skill({ ...sdkSkill, created }).created).toBe(expected);
  });

  it("takes null as absent, ids and numbers as Toloka means them, keeps training and ignores the unknown", () => {
    const s = skill({
      ...sdkSkill,
      id: 37825,
      private_comment: null,
      hidden: null,
      deprecated: "false",
      skill_ttl_hours: "36600",
      training: true,
      global: null,
      owner: { id: 1234, myself: null, company_id: "c-1" },
      public_name: { EN: "Relevance", RU: null },
      brand_new_field: [1, 2],
    });
    expect(s).toEqual({
      id: "37825",
      name: "Skill name",
      public_name: { EN: "Relevance" },
      public_requester_description: sdkSkill.public_requester_description,
      deprecated: false,
      skill_ttl_hours: 36600,
      training: true,
      owner: { id: "1234", company_id: "c-1" },
      created: "2015-12-16T12:55:01.000",
    });
  });

  it("calls a skill without a name by its public name, else by its id", () => {
    expect(skill({ ...sdkSkill, name: null, public_name: { RU: "Навык", EN: "Skill" } }).name).toBe("Skill");
    expect(skill({ ...sdkSkill, name: "", public_name: { RU: "Навык" } }).name).toBe("Навык");
    expect(skill({ id: "77" }).name).toBe("Skill 77");
  });

  it("leaves out a malformed field the picker can do without, and keeps the skill", () => {
    const s = skill({ ...sdkSkill, created: "soon", hidden: "maybe", skill_ttl_hours: 1.5, owner: "me", public_name: 3, global: { yes: 1 } });
    expect(s).toEqual({
      id: "21",
      name: "Skill name",
      private_comment: "Private comment",
      public_requester_description: sdkSkill.public_requester_description,
    });
  });

  it("sets aside only a skill that has no id, saying why and keeping what came", () => {
    for (const [raw, reason] of [
      [null, /the skill is null/],
      [["x"], /the skill is a list/],
      [{ ...sdkSkill, id: undefined }, /no id/],
      [{ ...sdkSkill, id: "" }, /no id/],
      [{ ...sdkSkill, id: { value: 1 } }, /id is an object/],
    ] as Array<[unknown, RegExp]>) {
      const r = readSkill(raw);
      expect(r.ok, JSON.stringify(raw)).toBe(false);
      if (r.ok) continue;
      expect(r.unreadable.reason).toMatch(reason);
      expect(r.unreadable.raw).toBe(JSON.stringify(raw));
    }
  });
});

describe("readSkillPage", () => {
  it("reads a page skill by skill: one without an id is set aside, the others count", () => {
    const page = readSkillPage({ items: [sdkSkill, { ...sdkSkill, id: null }, { ...sdkSkill, id: 22 }], has_more: true }, 100);
    if ("problem" in page) throw new Error(page.problem);
    expect(page.items.map((s) => s.id)).toEqual(["21", "22"]);
    expect(page.unreadable).toEqual([expect.objectContaining({ reason: "the skill has no id" })]);
    expect(page).toMatchObject({ has_more: true, lastId: "22" });
  });

  it("without has_more, a full page means more; a short one means no more", () => {
    const full = readSkillPage({ items: [sdkSkill, { ...sdkSkill, id: "22" }] }, 2);
    const short = readSkillPage({ items: [sdkSkill], has_more: null }, 2);
    const defaultLimit = readSkillPage({ items: Array.from({ length: 50 }, (_, i) => ({ id: i + 1 })) });
    expect(full).toMatchObject({ has_more: true });
    expect(short).toMatchObject({ has_more: false });
    expect(defaultLimit).toMatchObject({ has_more: true, lastId: "50" });
  });

  it("refuses only a body that is no page at all", () => {
    expect(readSkillPage("<html>", 100)).toEqual({ problem: expect.stringContaining("string") });
    expect(readSkillPage({ items: {} }, 100)).toEqual({ problem: expect.stringContaining("not a list") });
    expect(readSkillPage({}, 100)).toMatchObject({ items: [], unreadable: [], has_more: false });
  });
});
