import { describe, expect, it } from "vitest";
import { composeWarnings, findContacts, findDisallowedHtml, findRequesterLinks, languageMismatch, type CheckInput } from "./checks";

const base: CheckInput = { topic: { EN: "New tasks" }, text: { EN: "Hello, new tasks are open." }, recipients: { type: "DIRECT", count: 10 } };
const codes = (input: Partial<CheckInput>) => composeWarnings({ ...base, ...input }).map((w) => w.code);

describe("contact details", () => {
  it.each([
    ["write to me at john.doe+toloka@example.co.uk", "email", "john.doe+toloka@example.co.uk"],
    ['<a href="mailto:help@corp.io">mail us</a>', "email", "help@corp.io"],
    ["call +7 912 345-67-89 tonight", "phone", "+7 912 345-67-89"],
    ["call (555) 123-4567", "phone", "(555) 123-4567"],
    ["my number is 89123456789", "phone", "89123456789"],
    ["ping @task_master on Telegram", "messenger", "@task_master"],
    ["join https://t.me/our_group", "messenger", "https://t.me/our_group"],
    ["WhatsApp: wa.me/15551234567", "messenger", "wa.me/15551234567"],
    ['<a href="https://t.me/joinchat/abc">chat</a>', "messenger", "https://t.me/joinchat/abc"],
    ["skype:someone.here?chat", "messenger", "skype:someone.here?chat"],
  ])("finds %j", (text, kind, match) => {
    expect(findContacts(text)).toContainEqual({ kind, match });
  });

  it.each([
    "Please finish by 2024-05-31.",
    "The bonus is 1 000 000 points",
    "Project 12345678 has new pools",
    "Batch 1795263361429 (a timestamp)",
    "Open https://toloka.ai/tasks?projectId=123456789",
    "an email-like word user@ alone",
    "price: 10.50, time 10:00-12:00",
  ])("finds nothing in %j", (text) => {
    expect(findContacts(text)).toEqual([]);
  });

  it("an email address is not read as a handle too", () => {
    expect(findContacts("me@example.com").map((c) => c.kind)).toEqual(["email"]);
  });

  it("warns once for all contacts, in either field and any language", () => {
    const w = composeWarnings({ ...base, topic: { EN: "Hi", RU: "Пишите @helper_bot" }, text: { EN: "mail a@b.io", RU: "x" } });
    const contact = w.filter((x) => x.code === "contacts");
    expect(contact).toHaveLength(1);
    expect(contact[0].findings).toEqual(["@helper_bot", "a@b.io"]);
    expect(contact[0].message).toMatch(/an email address and a messenger handle/);
  });
});

describe("links from the requester's interface", () => {
  it("offers the Toloker-facing link for a project", () => {
    expect(findRequesterLinks("See https://toloka.ai/requester/project/123456/overview.")).toEqual([
      {
        match: "https://toloka.ai/requester/project/123456/overview",
        projectId: "123456",
        poolId: undefined,
        suggestion: "https://toloka.ai/tasks?projectId=123456",
      },
    ]);
  });
  it("knows the project of a pool inside a project, and the sandbox", () => {
    expect(findRequesterLinks("sandbox.toloka.ai/requester/project/77/pool/88")[0]).toMatchObject({
      projectId: "77",
      poolId: "88",
      suggestion: "https://sandbox.toloka.ai/tasks?projectId=77",
    });
  });
  it("a bare pool link has no project to offer", () => {
    const [link] = findRequesterLinks("https://platform.toloka.ai/requester/pool/4242");
    expect(link).toMatchObject({ poolId: "4242", suggestion: undefined });
    const w = composeWarnings({ ...base, text: { EN: "https://platform.toloka.ai/requester/pool/4242" } }).find((x) => x.code === "requester-link")!;
    expect(w.fixes).toBeUndefined();
    expect(w.message).toMatch(/projectId=<project id>/);
  });
  it("gives a fix naming the language and field, inside an href too", () => {
    const w = composeWarnings({ ...base, text: { EN: '<a href="https://toloka.ai/requester/project/9">tasks</a>' } }).find((x) => x.code === "requester-link")!;
    expect(w.fixes).toEqual([{ lang: "EN", field: "text", from: "https://toloka.ai/requester/project/9", to: "https://toloka.ai/tasks?projectId=9" }]);
  });
  it("gives one fix for a link whose text is its address, as the editor makes it", () => {
    const html = '<p><a href="https://toloka.ai/requester/project/9">https://toloka.ai/requester/project/9</a></p>';
    const w = composeWarnings({ ...base, text: { EN: html } }).find((x) => x.code === "requester-link")!;
    expect(w.fixes).toEqual([{ lang: "EN", field: "text", from: "https://toloka.ai/requester/project/9", to: "https://toloka.ai/tasks?projectId=9" }]);
  });
  it("the Toloker-facing link itself is fine", () => {
    expect(codes({ text: { EN: "https://toloka.ai/tasks?projectId=9" } })).toEqual([]);
  });
});

describe("HTML", () => {
  it("allows links and basic formatting", () => {
    expect(findDisallowedHtml('<p>Hi <b>all</b>, <a href="https://toloka.ai/tasks?projectId=1" target="_blank">tasks</a><br/><ul><li>x</li></ul></p>')).toEqual(
      [],
    );
  });
  it("names tags, attributes and script links beyond that", () => {
    expect(findDisallowedHtml('<div style="color:red">x</div><p onclick="x()">y</p><img src=a.png><a href="javascript:alert(1)">z</a><!-- c -->')).toEqual([
      "<!-- comment -->",
      "<div>",
      "onclick on <p>",
      "<img>",
      "a javascript: link",
    ]);
  });
  it("a less-than sign in prose is not a tag", () => {
    expect(findDisallowedHtml("accuracy < 80 and speed > 5")).toEqual([]);
  });
});

describe("recipients and languages", () => {
  it("more than 1,000 recipients by id", () => {
    expect(codes({ recipients: { type: "DIRECT", count: 1_000 } })).toEqual([]);
    expect(codes({ recipients: { type: "DIRECT", count: 1_001 } })).toEqual(["many-recipients"]);
  });
  it("a send to all when one went out today; not for other sends", () => {
    expect(codes({ recipients: { type: "ALL" }, allSentToday: null })).toEqual([]);
    expect(codes({ recipients: { type: "ALL" }, allSentToday: { at: "2025-03-01T09:15:00.000Z" } })).toEqual(["all-today"]);
    expect(composeWarnings({ ...base, recipients: { type: "ALL" }, allSentToday: { at: "2025-03-01T09:15:00.000Z" } })[0].message).toMatch(/09:15 UTC/);
    expect(codes({ recipients: { type: "FILTER" }, allSentToday: { at: "2025-03-01T09:15:00.000Z" } })).toEqual([]);
  });
  it("a filter naming a deprecated skill, by the skill's name; hidden skills are the recipe, not a warning", () => {
    const skills = [
      { id: "1", name: "Old accuracy", deprecated: true },
      { id: "2", name: "Hidden helpers", deprecated: false },
    ];
    const w = composeWarnings({ ...base, recipients: { type: "FILTER" }, filterSkills: skills });
    expect(w.map((x) => x.code)).toEqual(["deprecated-skill"]);
    expect(w[0].message).toMatch(/^Toloka marks "Old accuracy" as deprecated: it is no longer kept up to date/);
    expect(codes({ recipients: { type: "FILTER" }, filterSkills: [skills[1]] })).toEqual([]);
    // Skills do not matter to a send by id.
    expect(codes({ recipients: { type: "DIRECT", count: 3 }, filterSkills: skills })).toEqual([]);
  });
  it("subject and text in different languages", () => {
    expect(languageMismatch({ EN: "a", RU: "b" }, { EN: "x", DE: "y", RU: " " })).toEqual({ topicOnly: ["RU"], textOnly: ["DE"] });
    const w = composeWarnings({ ...base, topic: { EN: "a", RU: "b" }, text: { EN: "x" } });
    expect(w.map((x) => x.code)).toEqual(["languages-differ"]);
    expect(w[0].message).toMatch(/RU has a subject but no text/);
    // Nothing written yet on one side is not a language mismatch (the form asks for it instead).
    expect(codes({ topic: { EN: "a" }, text: { EN: " " } })).toEqual([]);
  });
  it("a plain message has no warnings, and the order is stable", () => {
    expect(codes({})).toEqual([]);
    expect(
      codes({
        topic: { EN: "a", DE: "b" },
        text: { EN: "<div>mail x@y.io, see toloka.ai/requester/project/1</div>" },
        recipients: { type: "DIRECT", count: 5_000 },
      }),
    ).toEqual(["contacts", "requester-link", "html", "many-recipients", "languages-differ"]);
  });
});
