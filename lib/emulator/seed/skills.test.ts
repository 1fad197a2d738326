import { describe, expect, it } from "vitest";
import { spec } from "../spec-schema";
import { ACCOUNT_SKILL_IDS, LANGUAGE_SKILL_IDS, buildSkills } from "./skills";
import { REQUESTER_ID, SYSTEM_ID } from "./constants";

describe("buildSkills", () => {
  const skills = buildSkills();

  it("returns wire skills with digit-string ids, unique", () => {
    for (const s of skills) {
      expect(spec.skill.safeParse(s).success).toBe(true);
      expect(s.id).toMatch(/^\d+$/);
      expect(s.created).toBeDefined();
      expect(typeof s.hidden).toBe("boolean");
      expect(typeof s.global).toBe("boolean");
      expect(s.public_name?.EN).toBeTruthy();
    }
    expect(new Set(skills.map((s) => s.id)).size).toBe(skills.length);
  });

  it("has the account's own skills, owned by the requester", () => {
    const own = skills.filter((s) => !s.global);
    expect(own.length).toBeGreaterThanOrEqual(8);
    for (const id of Object.values(ACCOUNT_SKILL_IDS)) {
      const s = own.find((x) => x.id === id);
      expect(s, id).toBeDefined();
      expect(s?.owner).toEqual({ id: REQUESTER_ID, myself: true });
    }
    expect(own.map((s) => s.name)).toEqual(expect.arrayContaining(["Search relevance", "Accuracy", "Exam: product categories"]));
  });

  it("has the global verified-language skills of toloka-api.md §4, owned by the platform", () => {
    const global = skills.filter((s) => s.global);
    expect(global.map((s) => s.id).sort()).toEqual(Object.values(LANGUAGE_SKILL_IDS).sort());
    expect(global.find((s) => s.id === "26366")?.name).toMatch(/English/);
    for (const s of global) expect(s.owner).toEqual({ id: SYSTEM_ID, myself: false });
  });

  it("names the given requester as owner", () => {
    const other = "0123456789abcdef0123456789abcdef";
    expect(
      buildSkills(other)
        .filter((s) => !s.global)
        .every((s) => s.owner?.id === other),
    ).toBe(true);
  });
});
