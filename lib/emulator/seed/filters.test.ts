import { describe, expect, it } from "vitest";
import { FILTER_TEMPLATES, matchesFilter, type FilterNode } from "./filters";
import { regionWithin } from "./regions";
import type { SeedToloker } from "./tolokers";
import { createRng } from "./random";
import { generateTolokers } from "./tolokers";
import { ACCOUNT_SKILL_IDS } from "./skills";
import { selectTolokers } from "@/lib/filters/evaluate";
import { recipientFilterSchema } from "@/lib/filters/schema";

function toloker(over: Partial<SeedToloker["profile"]> = {}, computed: SeedToloker["computed"] = {}, skills: Record<string, number> = {}): SeedToloker {
  return { id: "a".repeat(32), profile: { languages: ["EN"], country: "RU", ...over }, computed, skills, didTask: true };
}

describe("matchesFilter", () => {
  it("treats a missing skill per Toloka: EQ null matches, NE null does not, numbers fail except NE", () => {
    const t = toloker();
    const c = (operator: "EQ" | "NE" | "GTE" | "LT", value: number | null): FilterNode => ({ category: "skill", key: "1", operator, value });
    expect(matchesFilter(c("EQ", null), t)).toBe(true);
    expect(matchesFilter(c("NE", null), t)).toBe(false);
    expect(matchesFilter(c("GTE", 0), t)).toBe(false);
    expect(matchesFilter(c("LT", 100), t)).toBe(false);
    expect(matchesFilter(c("NE", 50), t)).toBe(true);
  });

  it("compares a present skill and says NE null", () => {
    const t = toloker({}, {}, { "1": 80 });
    expect(matchesFilter({ category: "skill", key: "1", operator: "GTE", value: 80 }, t)).toBe(true);
    expect(matchesFilter({ category: "skill", key: "1", operator: "GT", value: 80 }, t)).toBe(false);
    expect(matchesFilter({ category: "skill", key: "1", operator: "NE", value: null }, t)).toBe(true);
    expect(matchesFilter({ category: "skill", key: "1", operator: "EQ", value: null }, t)).toBe(false);
  });

  it("reads languages as 'speaks it' and regions as 'that region or inside it'", () => {
    const t = toloker({ languages: ["RU", "EN"], city: 213 }, { region_by_ip: 213 });
    expect(matchesFilter({ category: "profile", key: "languages", operator: "IN", value: "EN" }, t)).toBe(true);
    expect(matchesFilter({ category: "profile", key: "languages", operator: "NOT_IN", value: "EN" }, t)).toBe(false);
    expect(matchesFilter({ category: "computed", key: "region_by_ip", operator: "IN", value: 225 }, t)).toBe(true);
    expect(matchesFilter({ category: "computed", key: "region_by_ip", operator: "IN", value: 2 }, t)).toBe(false);
    expect(matchesFilter({ category: "computed", key: "region_by_ip", operator: "NOT_IN", value: 983 }, t)).toBe(true);
    expect(regionWithin(11508, 983)).toBe(true);
    expect(regionWithin(983, 11508)).toBe(false);
  });

  it("combines with and/or at any depth", () => {
    const t = toloker({ country: "TR", languages: ["TR"] }, { device_category: "SMARTPHONE" }, { "5": 95 });
    const tr: FilterNode = { category: "profile", key: "country", operator: "EQ", value: "TR" };
    const pc: FilterNode = { category: "computed", key: "device_category", operator: "EQ", value: "PERSONAL_COMPUTER" };
    expect(matchesFilter({ and: [tr, pc] }, t)).toBe(false);
    expect(matchesFilter({ or: [tr, pc] }, t)).toBe(true);
    expect(matchesFilter({ and: [{ category: "skill", key: "5", operator: "GTE", value: 90 }, { or: [pc, tr] }] }, t)).toBe(true);
  });

  it("has templates that select only Tolokers who did a task, and each selects someone in a full population", () => {
    const tolokers = generateTolokers(createRng("filters"), 2000);
    for (const f of FILTER_TEMPLATES) {
      const matched = tolokers.filter((t) => matchesFilter(f.filter, t));
      expect(matched.length, f.description).toBeGreaterThan(0);
      expect(matched.every((t) => t.didTask), f.description).toBe(true);
      expect(JSON.stringify(f.filter).length).toBeLessThan(10_000);
    }
    // The "has not taken the exam" filter really excludes those who hold the exam skill.
    const exam = FILTER_TEMPLATES.find((f) => f.kinds.includes("exam-invite"));
    expect(exam).toBeDefined();
    expect(tolokers.filter((t) => matchesFilter(exam!.filter, t)).some((t) => ACCOUNT_SKILL_IDS.examCategories in t.skills)).toBe(false);
  });

  it("writes filters lib/filters accepts, and selects what its evaluator (the emulator's) selects", () => {
    const tolokers = generateTolokers(createRng("filters-agree"), 2000);
    for (const f of FILTER_TEMPLATES) {
      const parsed = recipientFilterSchema.safeParse(f.filter);
      expect(parsed.success, `${f.description}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      const mine = tolokers.filter((t) => matchesFilter(f.filter, t)).map((t) => t.id);
      const theirs = selectTolokers(parsed.data!, tolokers).map((t) => t.id);
      expect(theirs, f.description).toEqual(mine);
    }
  });
});
