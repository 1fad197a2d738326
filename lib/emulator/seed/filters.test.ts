import { describe, expect, it } from "vitest";
import { evaluateFilter, recipientFilterSchema } from "@/lib/filters";
import { FILTER_TEMPLATES } from "./filters";
import { createRng } from "./random";
import { generateTolokers } from "./tolokers";
import { ACCOUNT_SKILL_IDS } from "./skills";

// The filter language itself (operators, unknown values, regions, and/or) is tested in lib/filters; these tests
// are about the seed's templates.
describe("FILTER_TEMPLATES", () => {
  it("are filters lib/filters accepts as they are: parsing leaves them unchanged", () => {
    for (const f of FILTER_TEMPLATES) {
      const parsed = recipientFilterSchema.safeParse(f.filter);
      expect(parsed.success, `${f.description}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(parsed.data, f.description).toEqual(f.filter);
      expect(JSON.stringify(f.filter).length).toBeLessThan(10_000);
    }
  });

  it("select only Tolokers who did a task, and each selects someone in a full population", () => {
    const tolokers = generateTolokers(createRng("filters"), 2000);
    for (const f of FILTER_TEMPLATES) {
      const matched = tolokers.filter((t) => evaluateFilter(f.filter, t));
      expect(matched.length, f.description).toBeGreaterThan(0);
      expect(
        matched.every((t) => t.didTask),
        f.description,
      ).toBe(true);
    }
    // The "has not taken the exam" filter really excludes those who hold the exam skill.
    const exam = FILTER_TEMPLATES.find((f) => f.kinds.includes("exam-invite"));
    expect(exam).toBeDefined();
    expect(tolokers.filter((t) => evaluateFilter(exam!.filter, t)).some((t) => ACCOUNT_SKILL_IDS.examCategories in t.skills)).toBe(false);
  });
});
