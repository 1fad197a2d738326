import { describe, expect, it } from "vitest";
import { evaluateCondition, evaluateFilter, selectTolokers } from "./evaluate";
import { recipientFilterSchema, type FilterCondition, type FilterNode } from "./schema";
import { tolokerSchema, type Toloker } from "./toloker";

/** Parses a condition the way callers will hold it, so the tests can't pass on shapes the schema would refuse. */
function cond(category: string, key: string | number, operator: string, value?: unknown): FilterCondition {
  const parsed = recipientFilterSchema.parse({ category, key, operator, value }) as { and: FilterCondition[] };
  return parsed.and[0];
}

const full: Toloker = tolokerSchema.parse({
  id: "full",
  profile: {
    gender: "FEMALE",
    country: "RU",
    citizenship: "KZ",
    education: "HIGH",
    adult_allowed: true,
    verified: false,
    date_of_birth: 978307200, // 2001-01-01
    city: 213, // Moscow, inside 1 (Moscow and Moscow Oblast), inside 225 (Russia)
    languages: ["RU", "EN"],
  },
  computed: {
    region_by_phone: 225,
    region_by_ip: 11508, // Istanbul, inside 983 (Turkey)
    device_category: "SMARTPHONE",
    client_type: "TOLOKA_APP",
    os_family: "ANDROID",
    os_version: 13.1,
    os_version_major: 13,
    os_version_minor: 1,
    os_version_bugfix: 0,
    user_agent_type: "MOBILE_BROWSER",
    user_agent_family: "CHROME_MOBILE",
    user_agent_version: 120.5,
    user_agent_version_major: 120,
    user_agent_version_minor: 0,
    user_agent_version_bugfix: 6099,
  },
  skills: { "26366": 100, "7": 0, "8": 80 },
});

const empty: Toloker = tolokerSchema.parse({ id: "empty", profile: {}, computed: {}, skills: {} });

const is = (condition: FilterCondition, toloker: Toloker = full) => evaluateFilter(condition, toloker);

describe("EQ and NE", () => {
  it.each([
    ["profile", "gender", "FEMALE", "MALE"],
    ["profile", "country", "RU", "DE"],
    ["profile", "citizenship", "KZ", "RU"],
    ["profile", "education", "HIGH", "BASIC"],
    ["profile", "adult_allowed", true, false],
    ["profile", "verified", false, true],
    ["profile", "date_of_birth", 978307200, 978307201],
    ["computed", "device_category", "SMARTPHONE", "TABLET"],
    ["computed", "client_type", "TOLOKA_APP", "BROWSER"],
    ["computed", "os_family", "ANDROID", "IOS"],
    ["computed", "os_version", 13.1, 13],
    ["computed", "os_version_major", 13, 12],
    ["computed", "os_version_bugfix", 0, 1],
    ["computed", "user_agent_type", "MOBILE_BROWSER", "BROWSER"],
    ["computed", "user_agent_family", "CHROME_MOBILE", "CHROME"],
    ["computed", "user_agent_version", 120.5, 120],
  ])("%s.%s: EQ matches the equal value only; NE is its negation, unknown included", (category, key, same, other) => {
    expect(is(cond(category, key, "EQ", same))).toBe(true);
    expect(is(cond(category, key, "EQ", other))).toBe(false);
    expect(is(cond(category, key, "NE", same))).toBe(false);
    expect(is(cond(category, key, "NE", other))).toBe(true);
    expect(is(cond(category, key, "EQ", same), empty)).toBe(false);
    expect(is(cond(category, key, "NE", same), empty)).toBe(true);
  });

  it("treats false as a known value, not as missing", () => {
    expect(is(cond("profile", "verified", "EQ", false))).toBe(true);
    expect(is(cond("profile", "verified", "EQ", false), empty)).toBe(false);
  });
});

describe("GT, GTE, LT, LTE", () => {
  it.each([
    ["profile", "date_of_birth", 978307200],
    ["computed", "os_version", 13.1],
    ["computed", "os_version_major", 13],
    ["computed", "os_version_minor", 1],
    ["computed", "user_agent_version", 120.5],
    ["computed", "user_agent_version_bugfix", 6099],
  ])("%s.%s compares at and around the Toloker's value %s", (category, key, actual) => {
    const at = (operator: string, value: number) => is(cond(category, key, operator, value));
    expect([at("GT", actual - 1), at("GT", actual), at("GT", actual + 1)]).toEqual([true, false, false]);
    expect([at("GTE", actual - 1), at("GTE", actual), at("GTE", actual + 1)]).toEqual([true, true, false]);
    expect([at("LT", actual - 1), at("LT", actual), at("LT", actual + 1)]).toEqual([false, false, true]);
    expect([at("LTE", actual - 1), at("LTE", actual), at("LTE", actual + 1)]).toEqual([false, true, true]);
  });

  it("never matches an unknown value, whatever the bound", () => {
    for (const operator of ["GT", "GTE", "LT", "LTE"]) {
      for (const value of [-1e9, 0, 1e9]) {
        expect(is(cond("profile", "date_of_birth", operator, value), empty)).toBe(false);
        expect(is(cond("computed", "os_version_major", operator, Math.trunc(value)), empty)).toBe(false);
      }
    }
  });

  it("reads date_of_birth GT as born after", () => {
    expect(is(cond("profile", "date_of_birth", "GT", 946684800))).toBe(true); // born 2001, after 2000-01-01
    expect(is(cond("profile", "date_of_birth", "LT", 946684800))).toBe(false);
  });
});

describe("languages IN and NOT_IN", () => {
  it("IN matches a language the Toloker speaks; NOT_IN is its negation", () => {
    expect(is(cond("profile", "languages", "IN", "EN"))).toBe(true);
    expect(is(cond("profile", "languages", "IN", "RU"))).toBe(true);
    expect(is(cond("profile", "languages", "IN", "DE"))).toBe(false);
    expect(is(cond("profile", "languages", "NOT_IN", "EN"))).toBe(false);
    expect(is(cond("profile", "languages", "NOT_IN", "DE"))).toBe(true);
  });

  it("a Toloker with no languages speaks none of them", () => {
    expect(is(cond("profile", "languages", "IN", "EN"), empty)).toBe(false);
    expect(is(cond("profile", "languages", "NOT_IN", "EN"), empty)).toBe(true);
  });
});

describe("region IN and NOT_IN", () => {
  it.each([
    [213, true],
    [1, true],
    [225, true],
    [2, false],
    [10174, false],
    [96, false],
    [999_999, false],
  ])("city 213 (Moscow) IN %s is %s; NOT_IN is the opposite", (region, expected) => {
    expect(is(cond("profile", "city", "IN", region))).toBe(expected);
    expect(is(cond("profile", "city", "NOT_IN", region))).toBe(!expected);
  });

  it("works the same for region_by_phone and region_by_ip", () => {
    expect(is(cond("computed", "region_by_phone", "IN", 225))).toBe(true);
    expect(is(cond("computed", "region_by_phone", "IN", 213))).toBe(false); // Russia is not inside Moscow
    expect(is(cond("computed", "region_by_ip", "IN", 983))).toBe(true);
    expect(is(cond("computed", "region_by_ip", "IN", 11508))).toBe(true);
    expect(is(cond("computed", "region_by_ip", "NOT_IN", 225))).toBe(true);
  });

  it("an unknown region is in no region, so NOT_IN matches it", () => {
    for (const key of ["region_by_phone", "region_by_ip"]) {
      expect(is(cond("computed", key, "IN", 225), empty)).toBe(false);
      expect(is(cond("computed", key, "NOT_IN", 225), empty)).toBe(true);
    }
  });

  it("a region id the tree doesn't know is inside itself only", () => {
    const stranger = { ...full, profile: { ...full.profile, city: 424242 } };
    expect(is(cond("profile", "city", "IN", 424242), stranger)).toBe(true);
    expect(is(cond("profile", "city", "IN", 225), stranger)).toBe(false);
  });
});

describe("skills", () => {
  const skill = (key: string, operator: string, value?: number | null) => cond("skill", key, operator, value);

  it("EQ null (or no value) means the Toloker does not have the skill", () => {
    expect(is(skill("26366", "EQ", null))).toBe(false);
    expect(is(skill("26366", "EQ"))).toBe(false);
    expect(is(skill("999", "EQ", null))).toBe(true);
    expect(is(skill("999", "EQ"))).toBe(true);
  });

  it("NE null means the Toloker has the skill at any level, 0 included", () => {
    expect(is(skill("26366", "NE", null))).toBe(true);
    expect(is(skill("7", "NE", null))).toBe(true);
    expect(is(skill("999", "NE", null))).toBe(false);
  });

  it("a level of 0 is having the skill, not lacking it", () => {
    expect(is(skill("7", "EQ", null))).toBe(false);
    expect(is(skill("7", "EQ", 0))).toBe(true);
  });

  it("compares levels the Toloker has", () => {
    expect(is(skill("8", "GTE", 80))).toBe(true);
    expect(is(skill("8", "GT", 80))).toBe(false);
    expect(is(skill("8", "LT", 80.5))).toBe(true);
    expect(is(skill("8", "LTE", 79))).toBe(false);
    expect(is(skill("8", "EQ", 80))).toBe(true);
    expect(is(skill("8", "NE", 80))).toBe(false);
  });

  it("a missing skill fails every comparison except NE", () => {
    for (const operator of ["GT", "GTE", "LT", "LTE", "EQ"]) {
      for (const value of [0, 50, 100]) expect(is(skill("999", operator, value))).toBe(false);
    }
    for (const value of [0, 50, 100]) expect(is(skill("999", "NE", value))).toBe(true);
  });

  it("takes an integer key the same as its digits", () => {
    expect(is(cond("skill", 26366, "EQ", 100))).toBe(true);
  });
});

describe("groups", () => {
  const ru = cond("profile", "country", "EQ", "RU");
  const de = cond("profile", "country", "EQ", "DE");
  const en = cond("profile", "languages", "IN", "EN");

  it("and needs every child, or any child", () => {
    expect(evaluateFilter({ and: [ru, en] }, full)).toBe(true);
    expect(evaluateFilter({ and: [ru, de] }, full)).toBe(false);
    expect(evaluateFilter({ or: [de, en] }, full)).toBe(true);
    expect(evaluateFilter({ or: [de, cond("profile", "gender", "EQ", "MALE")] }, full)).toBe(false);
  });

  it("nests", () => {
    const filter: FilterNode = { and: [en, { or: [de, { and: [ru, cond("skill", "8", "GTE", 80)] }] }] };
    expect(evaluateFilter(filter, full)).toBe(true);
    expect(evaluateFilter(filter, empty)).toBe(false);
  });

  it("treats a bare condition as an and of one", () => {
    for (const toloker of [full, empty]) {
      expect(evaluateFilter(ru, toloker)).toBe(evaluateFilter({ and: [ru] }, toloker));
      expect(evaluateCondition(ru, toloker)).toBe(evaluateFilter(ru, toloker));
    }
  });
});

describe("selectTolokers", () => {
  it("returns the matching Tolokers themselves, in their order", () => {
    const de: Toloker = { ...full, id: "de", profile: { ...full.profile, country: "DE" } };
    const tolokers = [full, empty, de, { ...full, id: "full-2" }];
    const selected = selectTolokers({ or: [cond("profile", "country", "EQ", "RU"), cond("profile", "country", "EQ", "DE")] }, tolokers);
    expect(selected.map((t) => t.id)).toEqual(["full", "de", "full-2"]);
    expect(selected[0]).toBe(full);
  });

  it("keeps a caller's extra fields", () => {
    const rich = [{ ...full, didTask: true }];
    expect(selectTolokers(cond("profile", "country", "EQ", "RU"), rich)[0].didTask).toBe(true);
  });
});
