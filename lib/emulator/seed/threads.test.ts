import { describe, expect, it } from "vitest";
import type { WireThread } from "@/lib/toloka/wire";
import { spec } from "../spec-schema";
import { objectIdTime } from "@/lib/emulator/ids";
import { createRng } from "./random";
import { generateTolokers } from "./tolokers";
import { buildSkills } from "./skills";
import {
  ADMINISTRATOR_ID,
  REQUESTER_ID,
  SYSTEM_ID,
  THREAD_KINDS,
  generateMailbox,
  generateNotice,
  generateTolokerMessage,
  generateTolokerQuestion,
  type SeedThread,
} from "./threads";
import { classifyThread, validateSeedThreads } from "./validate";

const NOW = new Date("2026-11-21T12:00:00Z");
const DAY = 86_400_000;
const tolokers = generateTolokers(createRng("mailbox-test/tolokers"), 2000, { now: NOW });
const skills = buildSkills();
const threads = generateMailbox(createRng("mailbox-test/threads"), { now: NOW, tolokers, skills, requesterId: REQUESTER_ID });
const ctx = { requesterId: REQUESTER_ID, tolokers, now: NOW };

const kindOf = (s: SeedThread) => classifyThread(s.thread);
const ofKind = (k: string) => threads.filter((s) => kindOf(s) === k);
const allMessages = threads.flatMap((s) => s.thread.messages ?? []);
const texts = (role: string) => allMessages.filter((m) => m.from.role === role).flatMap((m) => Object.values(m.text));

describe("generateMailbox", () => {
  it("puts no send to all on today's UTC day, so the demo's first send to all of the day is not taken as used", () => {
    // Late in the day (when most of today lies behind now) and just after midnight.
    for (const at of ["2026-11-21T23:30:00Z", "2026-11-21T00:20:00Z", "2026-11-21T12:00:00Z"]) {
      const now = new Date(at);
      const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
      for (const seed of ["a", "b", "c"]) {
        const mailbox = generateMailbox(createRng(`all-today/${seed}`), { now, tolokers, skills, requesterId: REQUESTER_ID });
        const toAll = mailbox.filter((m) => m.thread.compose_details?.recipients_select_type === "ALL");
        expect(toAll.length).toBeGreaterThan(0);
        for (const m of toAll) expect(Date.parse(`${m.thread.created}Z`)).toBeLessThan(midnight);
      }
    }
  });

  it("makes exactly the requested number of threads, all valid per toloka-api.md", () => {
    expect(threads).toHaveLength(300);
    expect(validateSeedThreads(threads, ctx)).toEqual([]);
  });

  it("assigns ids from consecutive counters in creation order", () => {
    const counters = threads.map((s) => parseInt(s.thread.id.slice(8), 16));
    expect(counters).toEqual(threads.map((_, i) => i + 1));
    const sortedById = [...threads].sort((a, b) => (a.thread.id < b.thread.id ? -1 : 1));
    const sortedByCreated = [...threads].sort((a, b) => (a.thread.created < b.thread.created ? -1 : a.thread.created > b.thread.created ? 1 : 0));
    expect(sortedById.map((s) => s.thread.id)).toEqual(sortedByCreated.map((s) => s.thread.id));
    const again = generateMailbox(createRng("mailbox-test/threads"), { now: NOW, tolokers, skills, requesterId: REQUESTER_ID, startCounter: 1000 });
    expect(parseInt(again[0].thread.id.slice(8), 16)).toBe(1000);
  });

  it("contains every kind in realistic proportions", () => {
    const counts = Object.fromEntries(THREAD_KINDS.map((k) => [k, ofKind(k).length]));
    for (const k of THREAD_KINDS) expect(counts[k], k).toBeGreaterThan(0);
    expect(counts.question + counts.answered).toBeGreaterThan(100);
    expect(counts.notice).toBeGreaterThan(30);
    expect(counts.reply).toBeGreaterThan(20);
    expect(counts["mass-direct"] + counts["mass-filter"] + counts["mass-all"]).toBeGreaterThanOrEqual(10);
  });

  it("leaves about a third of the unanswered questions unread, and few threads important", () => {
    const q = ofKind("question");
    const unread = q.filter((s) => s.thread.folders?.includes("UNREAD")).length / q.length;
    expect(unread).toBeGreaterThan(0.2);
    expect(unread).toBeLessThan(0.5);
    const important = threads.filter((s) => s.thread.folders?.includes("IMPORTANT")).length;
    expect(important).toBeGreaterThanOrEqual(3);
    expect(important).toBeLessThan(30);
    expect(ofKind("notice").some((s) => s.thread.folders?.includes("UNREAD"))).toBe(true);
    expect(ofKind("reply").some((s) => s.thread.folders?.includes("UNREAD"))).toBe(true);
  });

  it("spreads dates over ~120 days, denser recently, the newest within the last hour", () => {
    const created = threads.map((s) => Date.parse(`${s.thread.created}Z`));
    const newest = Math.max(...created);
    expect(NOW.getTime() - newest).toBeLessThan(60 * 60_000);
    expect(NOW.getTime() - Math.min(...created)).toBeLessThan(121 * DAY);
    expect(NOW.getTime() - Math.min(...created)).toBeGreaterThan(60 * DAY);
    const recent = created.filter((t) => NOW.getTime() - t < 30 * DAY).length;
    const old = created.filter((t) => NOW.getTime() - t >= 90 * DAY).length;
    expect(recent).toBeGreaterThan(2 * old);
    for (const s of threads) expect(objectIdTime(s.thread.id).getTime()).toBeLessThanOrEqual(NOW.getTime());
  });

  it("splits replies to sends to many into child threads of their parent", () => {
    const byId = new Map(threads.map((s) => [s.thread.id, s]));
    for (const child of ofKind("reply")) {
      const parent = byId.get(child.thread.parent_id!);
      expect(parent).toBeDefined();
      expect(["mass-direct", "mass-filter", "mass-all"]).toContain(kindOf(parent!));
      expect(child.thread.folders).toContain("INBOX");
      expect(child.recipients).toEqual([]);
    }
    // A send to one Toloker is answered in the same thread instead.
    expect(ofKind("direct").some((s) => s.thread.folders?.includes("INBOX") && s.thread.folders?.includes("OUTBOX"))).toBe(true);
  });

  it("sends to one, to lists, to filters and to all with consistent recipients", () => {
    for (const s of ofKind("direct")) expect(s.recipients).toEqual(s.thread.compose_details?.recipients_ids);
    for (const s of ofKind("mass-direct")) expect(s.recipients.length).toBeGreaterThan(1);
    const didTask = tolokers.filter((t) => t.didTask).length;
    for (const s of ofKind("mass-all")) expect(s.recipients).toHaveLength(didTask);
    for (const s of ofKind("mass-filter")) {
      expect(s.recipients.length).toBeGreaterThan(0);
      expect(s.recipients.length).toBeLessThan(didTask);
      expect(JSON.stringify(s.thread.compose_details?.recipients_filter)).toMatch(/"category":"skill"/);
    }
    for (const s of threads.filter((x) => x.thread.compose_details)) expect(s.thread.folders).toContain("OUTBOX");
  });

  it("writes in at least five languages, sends to many often in EN+RU+TR", () => {
    const langs = new Set(allMessages.flatMap((m) => Object.keys(m.text)));
    expect(langs.size).toBeGreaterThanOrEqual(5);
    for (const l of ["EN", "RU", "TR"]) expect(langs.has(l), l).toBe(true);
    const en = allMessages.filter((m) => "EN" in m.text).length / allMessages.length;
    expect(en).toBeGreaterThan(0.5);
    const mass = [...ofKind("mass-direct"), ...ofKind("mass-filter"), ...ofKind("mass-all")];
    expect(mass.filter((s) => ["EN", "RU", "TR"].every((l) => l in (s.thread.messages?.[0].text ?? {}))).length).toBeGreaterThan(mass.length / 3);
    for (const s of threads) {
      expect(spec.localized.safeParse(s.thread.topic).success).toBe(true);
      // Topic and text are written in the same languages.
      const first = s.thread.messages![s.thread.messages!.length - 1];
      if (s.thread.compose_details) expect(Object.keys(s.thread.topic).sort()).toEqual(Object.keys(first.text).sort());
    }
  });

  it("carries links, URLs and text that must be escaped", () => {
    expect(texts("REQUESTER").some((t) => t.includes('<a href="https://toloka.ai/tasks?projectId='))).toBe(true);
    expect(texts("USER").some((t) => /https?:\/\/\S+/.test(t))).toBe(true);
    expect(texts("USER").some((t) => /<\s/.test(t) && t.includes("&") && t.includes('"'))).toBe(true);
  });

  it("has appeals naming their assignment, and meta as digit strings", () => {
    const appeals = threads.filter((s) => {
      const a = s.thread.meta?.assignment_id;
      const first = s.thread.messages![s.thread.messages!.length - 1];
      return a !== undefined && Object.values(first.text).some((t) => t.includes(a));
    });
    expect(appeals.length).toBeGreaterThan(3);
    expect(texts("USER").some((t) => /Please review assignment [0-9a-f]{10}--[0-9a-f]{24}\. I think my answers were rejected by mistake/.test(t))).toBe(true);
    const withMeta = threads.filter((s) => Object.keys(s.thread.meta ?? {}).length > 0);
    expect(withMeta.length).toBeGreaterThan(30);
    for (const s of withMeta) {
      expect(spec.meta.safeParse(s.thread.meta).success).toBe(true);
      if (s.thread.meta?.pool_id) {
        expect(s.thread.meta.pool_id).toMatch(/^\d+$/);
        if (s.thread.meta.assignment_id) expect(parseInt(s.thread.meta.assignment_id.slice(0, 10), 16)).toBe(Number(s.thread.meta.pool_id));
      }
    }
  });

  it("does not read copy-pasted: first messages from Tolokers are nearly all different", () => {
    const firsts = threads
      .filter((s) => ["question", "answered"].includes(kindOf(s)))
      .map((s) => JSON.stringify(s.thread.messages![s.thread.messages!.length - 1].text));
    expect(new Set(firsts).size / firsts.length).toBeGreaterThan(0.85);
    const topics = new Set(threads.map((s) => JSON.stringify(s.thread.topic)));
    expect(topics.size).toBeGreaterThan(120);
  });

  it("has administrator messages and system notifications from the fixed accounts", () => {
    const admin = ofKind("admin");
    expect(admin.every((s) => s.thread.interlocutors?.some((i) => i.id === ADMINISTRATOR_ID && i.role === "ADMINISTRATOR"))).toBe(true);
    expect(admin.some((s) => s.thread.answerable === false)).toBe(true);
    expect(admin.some((s) => s.thread.folders?.includes("INBOX"))).toBe(true);
    const notices = ofKind("notice");
    expect(notices.every((s) => s.thread.interlocutors?.some((i) => i.id === SYSTEM_ID && i.role === "SYSTEM"))).toBe(true);
    const topics = notices.map((s) => s.thread.topic.EN ?? "").join("\n");
    for (const re of [/was closed/, /balance is low/, /archived/, /completed/]) expect(topics).toMatch(re);
  });

  it("returns nothing for no threads and still valid data for a small mailbox", () => {
    expect(generateMailbox(createRng(1), { now: NOW, tolokers, skills, requesterId: REQUESTER_ID, count: 0 })).toEqual([]);
    const small = generateMailbox(createRng(2), { now: NOW, tolokers: tolokers.slice(0, 30), skills, requesterId: REQUESTER_ID, count: 25 });
    expect(small).toHaveLength(25);
    expect(validateSeedThreads(small, { ...ctx, tolokers: tolokers.slice(0, 30) })).toEqual([]);
  });

  it("leaves out filters on skills the account does not have", () => {
    const onlyAccuracy = skills.filter((s) => s.id === "44102");
    const m = generateMailbox(createRng(3), { now: NOW, tolokers, skills: onlyAccuracy, requesterId: REQUESTER_ID });
    for (const s of m.filter((x) => kindOf(x) === "mass-filter")) {
      const keys = [...JSON.stringify(s.thread.compose_details?.recipients_filter).matchAll(/"category":"skill","key":"(\d+)"/g)].map((x) => x[1]);
      expect(keys.every((k) => k === "44102")).toBe(true);
    }
    expect(validateSeedThreads(m, ctx)).toEqual([]);
  });
});

describe("validateSeedThreads catches broken threads", () => {
  const pick = (k: string) => structuredClone(ofKind(k).find((s) => (s.thread.messages?.length ?? 0) > 1) ?? ofKind(k)[0]);
  const check = (s: SeedThread) => validateSeedThreads([s], ctx);
  const mutate = (k: string, f: (t: WireThread, s: SeedThread) => void) => {
    const s = pick(k);
    f(s.thread, s);
    return check(s);
  };

  it("accepts the unmutated sample", () => {
    for (const k of ["answered", "direct", "notice"]) expect(check(pick(k))).toEqual([]);
  });

  it("reports each kind of violation", () => {
    expect(mutate("answered", (t) => t.messages!.reverse())).toEqual(expect.arrayContaining([expect.stringMatching(/newest first/)]));
    expect(mutate("question", (t) => t.folders!.push("OUTBOX"))).toEqual(expect.arrayContaining([expect.stringMatching(/OUTBOX iff/)]));
    expect(mutate("notice", (t) => t.folders!.push("INBOX"))).toEqual(expect.arrayContaining([expect.stringMatching(/notice/)]));
    expect(mutate("answered", (t) => t.interlocutors!.reverse())).toEqual(expect.arrayContaining([expect.stringMatching(/sorted/)]));
    expect(mutate("answered", (t) => (t.created = "2020-01-01T00:00:00.000"))).toEqual(expect.arrayContaining([expect.stringMatching(/id time/)]));
    expect(mutate("question", (t) => (t.compose_details = { recipients_select_type: "ALL" }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/compose_details iff/)]),
    );
    expect(mutate("mass-filter", (_t, s) => s.recipients.pop())).toEqual(expect.arrayContaining([expect.stringMatching(/FILTER recipients/)]));
    expect(
      mutate("mass-filter", (t) => (t.compose_details!.recipients_filter = { and: [{ category: "profile", key: "nickname", operator: "IN", value: "x" }] })),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/not a valid filter/)]));
    expect(mutate("mass-all", (_t, s) => s.recipients.pop())).toEqual(expect.arrayContaining([expect.stringMatching(/ALL recipients/)]));
    expect(mutate("direct", (_t, s) => s.recipients.push("f".repeat(32)))).toEqual(expect.arrayContaining([expect.stringMatching(/DIRECT recipients/)]));
    expect(mutate("answered", (t) => (t.folders = ["INBOX", "INBOX", "OUTBOX"]))).toEqual(expect.arrayContaining([expect.stringMatching(/unique/)]));
    expect(mutate("answered", (t) => (t.id = "XYZ"))).toEqual(expect.arrayContaining([expect.stringMatching(/24 lowercase hex/)]));
  });

  it("reports a child whose parent is missing or not a send to many", () => {
    const child = structuredClone(ofKind("reply")[0]);
    expect(validateSeedThreads([child], ctx)).toEqual(expect.arrayContaining([expect.stringMatching(/parent does not exist/)]));
    const direct = ofKind("direct")[0];
    child.thread.parent_id = direct.thread.id;
    const both = [direct, child].sort((a, b) => (a.thread.id < b.thread.id ? -1 : 1));
    expect(validateSeedThreads(both, ctx).join("\n")).toMatch(/compose to many|older|recipients/);
  });

  it("reports ids whose order disagrees with creation order", () => {
    const [a, b] = [structuredClone(threads[10]), structuredClone(threads[200])];
    const swappedIds = [b, a].map((s, i) => ({ ...s, thread: { ...s.thread, id: [a, b][i].thread.id } }));
    expect(validateSeedThreads(swappedIds, ctx).join("\n")).toMatch(/id time|order/);
    expect(validateSeedThreads([a, a], ctx).join("\n")).toMatch(/duplicate id/);
  });
});

describe("run-time message generators", () => {
  it("make Toloker messages in the asked language, or a likely one", () => {
    const rng = createRng("live");
    for (const lang of ["RU", "tr", "DE", undefined, "XX"]) {
      const m = generateTolokerMessage(rng, lang, NOW);
      expect(spec.localized.safeParse(m.text).success).toBe(true);
      expect(Object.values(m.text)[0].length).toBeGreaterThan(0);
      if (lang === "RU" || lang === "tr" || lang === "DE") expect(Object.keys(m.text)).toEqual([lang.toUpperCase()]);
      expect(Object.keys(m.topic)).toEqual(Object.keys(m.text));
    }
  });

  it("make questions with meta when Toloka would attach the task", () => {
    const rng = createRng("live-q");
    const qs = Array.from({ length: 200 }, () => generateTolokerQuestion(rng, undefined, NOW));
    expect(qs.filter((q) => q.meta).length).toBeGreaterThan(40);
    for (const q of qs) {
      expect(Object.keys(q.topic)).toEqual(Object.keys(q.text));
      if (q.meta) expect(spec.meta.safeParse(q.meta).success).toBe(true);
      if (q.meta?.assignment_id) expect(Object.values(q.text)[0]).toContain(q.meta.assignment_id);
    }
    expect(new Set(qs.map((q) => Object.keys(q.text)[0])).size).toBeGreaterThanOrEqual(5);
  });

  it("make notices, deterministically for a seed", () => {
    const a = Array.from(
      { length: 30 },
      (
        (rng) => () =>
          generateNotice(rng, NOW)
      )(createRng("n")),
    );
    const b = Array.from(
      { length: 30 },
      (
        (rng) => () =>
          generateNotice(rng, NOW)
      )(createRng("n")),
    );
    expect(a).toEqual(b);
    expect(a.some((n) => n.meta?.pool_id)).toBe(true);
    for (const n of a) expect(n.text.EN).toBeTruthy();
  });
});
