import { describe, expect, it } from "vitest";
import {
  FILTER_CATEGORIES,
  FILTER_KEYS,
  FILTER_OPERATORS,
  MAX_FILTER_DEPTH,
  MAX_FILTER_JSON_LENGTH,
  SKILL_KEY_SPEC,
  filterConditionSchema,
  keySpecFor,
  normalizeFilter,
  recipientFilterSchema,
  type FilterCondition,
  type RecipientFilter,
} from "./schema";

/*
 * The expected language, written out by hand from toloka-api.md §4 rather than read from FILTER_KEYS, so these
 * tests check the metadata against the contract instead of against itself.
 */
const EQ_NE = ["EQ", "NE"];
const COMPARE = ["EQ", "NE", "GT", "GTE", "LT", "LTE"];
const IN_NOT_IN = ["IN", "NOT_IN"];

interface KeyCase {
  category: "profile" | "computed";
  key: string;
  kind: string;
  operators: string[];
  valid: unknown[];
  invalid: unknown[];
}

const regionCase = (category: "profile" | "computed", key: string): KeyCase => ({
  category,
  key,
  kind: "region",
  operators: IN_NOT_IN,
  valid: [213, 225, 11508],
  invalid: [0, -1, 1.5, "213", [213], null, true],
});
const intCase = (key: string): KeyCase => ({
  category: "computed",
  key,
  kind: "int",
  operators: COMPARE,
  valid: [0, 10, 123],
  invalid: [10.5, "10", null, true, Number.NaN],
});
const floatCase = (key: string): KeyCase => ({
  category: "computed",
  key,
  kind: "float",
  operators: COMPARE,
  valid: [0, 10, 10.15, 99.5],
  invalid: ["10.1", null, true, Number.POSITIVE_INFINITY, Number.NaN],
});
const enumCase = (category: "profile" | "computed", key: string, valid: string[], invalid: unknown[]): KeyCase => ({
  category,
  key,
  kind: "enum",
  operators: EQ_NE,
  valid,
  invalid: [...invalid, valid[0].toLowerCase(), 1, null, true],
});

const KEY_CASES: KeyCase[] = [
  enumCase("profile", "gender", ["MALE", "FEMALE"], ["OTHER"]),
  { category: "profile", key: "country", kind: "country", operators: EQ_NE, valid: ["DE", "US", "RU"], invalid: ["de", "DEU", "D", 49, null, ["DE"]] },
  { category: "profile", key: "citizenship", kind: "country", operators: EQ_NE, valid: ["TR", "GB"], invalid: ["tr", "TUR", "", 90, null] },
  enumCase("profile", "education", ["BASIC", "MIDDLE", "HIGH"], ["UNIVERSITY"]),
  { category: "profile", key: "adult_allowed", kind: "bool", operators: EQ_NE, valid: [true, false], invalid: ["true", 1, 0, null] },
  { category: "profile", key: "verified", kind: "bool", operators: EQ_NE, valid: [true, false], invalid: ["false", 0, null] },
  {
    category: "profile",
    key: "date_of_birth",
    kind: "date-unix",
    operators: COMPARE,
    valid: [978307200, 0, -86400, -2208988800],
    // The millisecond value is the classic Date.now() mistake.
    invalid: [978307200.5, "978307200", 1_700_000_000_000, null, "2001-01-01"],
  },
  regionCase("profile", "city"),
  {
    category: "profile",
    key: "languages",
    kind: "language",
    operators: IN_NOT_IN,
    valid: ["EN", "RU", "TR"],
    invalid: ["en", "ENG", "E", ["EN"], ["EN", "DE"], 1, null],
  },
  regionCase("computed", "region_by_phone"),
  regionCase("computed", "region_by_ip"),
  enumCase("computed", "device_category", ["PERSONAL_COMPUTER", "SMARTPHONE", "TABLET", "WEARABLE_COMPUTER"], ["PHONE"]),
  enumCase("computed", "client_type", ["BROWSER", "TOLOKA_APP"], ["APP"]),
  enumCase("computed", "os_family", ["WINDOWS", "OS_X", "MAC_OS", "LINUX", "BSD", "ANDROID", "IOS", "BLACKBERRY"], ["MACOS", "WINDOWS_PHONE"]),
  floatCase("os_version"),
  intCase("os_version_major"),
  intCase("os_version_minor"),
  intCase("os_version_bugfix"),
  enumCase("computed", "user_agent_type", ["BROWSER", "MOBILE_BROWSER", "OTHER"], ["DESKTOP"]),
  enumCase(
    "computed",
    "user_agent_family",
    ["IE", "CHROMIUM", "CHROME", "FIREFOX", "SAFARI", "YANDEX_BROWSER", "IE_MOBILE", "CHROME_MOBILE", "MOBILE_FIREFOX", "MOBILE_SAFARI"],
    ["EDGE", "OPERA"],
  ),
  floatCase("user_agent_version"),
  intCase("user_agent_version_major"),
  intCase("user_agent_version_minor"),
  intCase("user_agent_version_bugfix"),
];

type Issue = { path: PropertyKey[]; message: string };

function issuesOf(input: unknown): Issue[] {
  const result = recipientFilterSchema.safeParse(input);
  expect(result.success, "expected the input to be rejected").toBe(false);
  return result.error!.issues.map((i) => ({ path: i.path, message: i.message }));
}

/** The one issue at `path` (dotted), asserting it exists. */
function issueAt(input: unknown, path: string): Issue {
  const issues = issuesOf(input);
  const found = issues.find((i) => i.path.join(".") === path);
  expect(found, `no issue at "${path}"; got ${JSON.stringify(issues)}`).toBeDefined();
  return found!;
}

/** Puts a condition deep inside a filter, at and.1.or.1, next to a valid sibling at each level. */
function nested(condition: unknown): unknown {
  const sibling = { category: "profile", key: "verified", operator: "EQ", value: true };
  return { and: [sibling, { or: [sibling, condition] }] };
}

function parsed(input: unknown): RecipientFilter {
  const result = recipientFilterSchema.safeParse(input);
  expect(result.success, result.success ? "" : JSON.stringify(result.error.issues)).toBe(true);
  return result.data!;
}

describe("metadata matches toloka-api.md §4", () => {
  it("has exactly the keys of the table in each category", () => {
    for (const category of ["profile", "computed"] as const) {
      const expected = KEY_CASES.filter((c) => c.category === category).map((c) => c.key);
      expect(Object.keys(FILTER_KEYS[category]).sort()).toEqual(expected.sort());
    }
    expect(FILTER_CATEGORIES).toEqual(["profile", "computed", "skill"]);
  });

  it.each(KEY_CASES)("$category key $key is $kind with $operators", ({ category, key, kind, operators, valid }) => {
    const spec = keySpecFor(category, key)!;
    expect(spec.kind).toBe(kind);
    expect([...spec.operators]).toEqual(operators);
    if (spec.kind === "enum") expect([...spec.values].sort()).toEqual([...valid].sort());
  });

  it("gives skills the comparison operators and any skill id the skill spec", () => {
    expect([...SKILL_KEY_SPEC.operators]).toEqual(COMPARE);
    expect(keySpecFor("skill", "26366")).toBe(SKILL_KEY_SPEC);
    expect(keySpecFor("skill", 26366)).toBe(SKILL_KEY_SPEC);
    expect(keySpecFor("skill", "abc")).toBeUndefined();
    expect(keySpecFor("profile", "region_by_ip")).toBeUndefined();
    expect(keySpecFor("profile", "toString")).toBeUndefined();
  });
});

describe.each(KEY_CASES)("$category key $key", ({ category, key, operators, valid, invalid }) => {
  const condition = (operator: unknown, value: unknown) => ({ category, key, operator, value });

  it.each(operators)("accepts %s with every valid value", (operator) => {
    for (const value of valid) {
      expect(parsed(condition(operator, value))).toEqual({ and: [condition(operator, value)] });
      expect(parsed(nested(condition(operator, value)))).toEqual(nested(condition(operator, value)));
    }
  });

  it.each(FILTER_OPERATORS.filter((op) => !operators.includes(op)))("rejects %s at .operator, naming the allowed ones", (operator) => {
    const atTop = issueAt(condition(operator, valid[0]), "operator");
    expect(atTop.message).toContain(`"${operator}" is not allowed for ${category}.${key}`);
    expect(atTop.message).toContain(`allowed: ${operators.join(", ")}`);
    expect(issueAt(nested(condition(operator, valid[0])), "and.1.or.1.operator").message).toBe(atTop.message);
  });

  it("rejects an unknown, lowercase or missing operator at .operator", () => {
    expect(issueAt(condition("eq", valid[0]), "operator").message).toMatch(/unknown operator "eq"; allowed for .*: .*\(uppercase\)/);
    expect(issueAt(condition("LIKE", valid[0]), "operator").message).toContain("unknown operator");
    expect(issueAt({ category, key, value: valid[0] }, "operator").message).toContain("operator is required");
  });

  it("rejects each invalid value at .value, saying what is expected", () => {
    for (const value of invalid) {
      const top = issueAt(condition(operators[0], value), "value");
      expect(top.message).toMatch(/^expected /);
      expect(issueAt(nested(condition(operators[0], value)), "and.1.or.1.value").message).toBe(top.message);
    }
  });

  it("requires a value", () => {
    expect(issueAt({ category, key, operator: operators[0] }, "value").message).toMatch(/^value is required: expected /);
  });
});

describe("keys", () => {
  it("rejects an unknown key at .key, listing the category's keys", () => {
    const issue = issueAt(nested({ category: "profile", key: "age", operator: "EQ", value: 1 }), "and.1.or.1.key");
    expect(issue.message).toContain('unknown key "age" for category profile');
    expect(issue.message).toContain("allowed for profile: gender, country, citizenship, education");
  });

  it("says which category a key from another category belongs to", () => {
    expect(issueAt({ category: "profile", key: "region_by_ip", operator: "IN", value: 225 }, "key").message).toContain('"region_by_ip" is a computed key');
    expect(issueAt({ category: "computed", key: "languages", operator: "IN", value: "EN" }, "key").message).toContain('"languages" is a profile key');
  });

  it("does not take inherited property names for keys", () => {
    for (const key of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      expect(issueAt({ category: "computed", key, operator: "EQ", value: 1 }, "key").message).toContain("unknown key");
    }
  });

  it("rejects a missing or non-string key", () => {
    expect(issueAt({ category: "profile", operator: "EQ", value: "MALE" }, "key").message).toContain("key is required");
    expect(issueAt({ category: "profile", key: 5, operator: "EQ", value: "MALE" }, "key").message).toContain("unknown key 5");
  });

  it("rejects an unknown or missing category at .category", () => {
    expect(issueAt(nested({ category: "Profile", key: "gender", operator: "EQ", value: "MALE" }), "and.1.or.1.category").message).toBe(
      'unknown category "Profile"; allowed: profile, computed, skill',
    );
    expect(issueAt({ key: "gender", operator: "EQ", value: "MALE" }, "category").message).toContain("category is required");
  });

  it("rejects fields a condition doesn't have", () => {
    const issue = issueAt(nested({ category: "profile", key: "gender", operator: "EQ", value: "MALE", negate: true }), "and.1.or.1");
    expect(issue.message).toContain('unexpected field "negate"');
  });
});

describe("skill conditions", () => {
  const skill = (key: unknown, operator: unknown, value?: unknown) =>
    value === undefined ? { category: "skill", key, operator } : { category: "skill", key, operator, value };

  it.each(COMPARE)("accepts %s with levels 0 to 100", (operator) => {
    for (const value of [0, 55.5, 100]) expect(parsed(skill("26366", operator, value))).toEqual({ and: [skill("26366", operator, value)] });
  });

  it("takes the key as digits or an integer and always outputs a string", () => {
    expect(parsed(skill(26366, "GTE", 80))).toEqual({ and: [skill("26366", "GTE", 80)] });
    expect(parsed(skill("7", "GTE", 80))).toEqual({ and: [skill("7", "GTE", 80)] });
  });

  it("rejects keys that are not skill ids at .key", () => {
    for (const key of ["abc", "01", "", "26366a", " 1", -5, 0, 1.5, null, "123456789012345678901"]) {
      expect(issueAt(nested(skill(key, "EQ", 1)), "and.1.or.1.key").message).toContain("a skill key is a skill id");
    }
    expect(issueAt(skill(undefined, "EQ", 1), "key").message).toContain("a skill key is a skill id");
  });

  it("takes null, or no value, with EQ and NE: both come out as null", () => {
    for (const operator of EQ_NE) {
      expect(parsed(skill("1", operator, null))).toEqual({ and: [skill("1", operator, null)] });
      expect(parsed(skill("1", operator))).toEqual({ and: [skill("1", operator, null)] });
    }
  });

  it.each(["GT", "GTE", "LT", "LTE"])("rejects null or a missing value with %s at .value", (operator) => {
    for (const input of [skill("1", operator, null), skill("1", operator)]) {
      const issue = issueAt(nested(input), "and.1.or.1.value");
      expect(issue.message).toContain(`${operator} needs a skill level from 0 to 100`);
      expect(issue.message).toContain("only with EQ or NE");
    }
  });

  it("rejects levels outside 0-100 and non-numbers at .value", () => {
    for (const value of [-1, 100.01, 101, "80", true, Number.NaN]) {
      expect(issueAt(skill("1", "GT", value), "value").message).toContain("expected a skill level from 0 to 100");
    }
  });

  it.each(IN_NOT_IN)("rejects %s at .operator", (operator) => {
    expect(issueAt(skill("1", operator, 50), "operator").message).toBe(`operator "${operator}" is not allowed for a skill; allowed: ${COMPARE.join(", ")}`);
  });
});

describe("structure", () => {
  const gender = { category: "profile", key: "gender", operator: "EQ", value: "FEMALE" } as const;

  it("turns a bare condition into an and of one", () => {
    expect(parsed(gender)).toEqual({ and: [gender] });
    expect(normalizeFilter(gender)).toEqual({ and: [gender] });
    const group: RecipientFilter = { or: [gender] };
    expect(normalizeFilter(group)).toBe(group);
  });

  it("accepts and/or groups nested down to the depth limit", () => {
    let node: unknown = gender;
    for (let level = 1; level <= MAX_FILTER_DEPTH; level++) node = level % 2 ? { and: [node] } : { or: [gender, node] };
    expect(parsed(node)).toEqual(node);
  });

  it("rejects a group nested one level deeper than the limit, at that group", () => {
    let node: unknown = gender;
    for (let level = 1; level <= MAX_FILTER_DEPTH + 1; level++) node = { and: [node] };
    const path = Array.from({ length: MAX_FILTER_DEPTH }, () => "and.0").join(".");
    expect(issueAt(node, path).message).toBe(`groups nest at most ${MAX_FILTER_DEPTH} levels deep; this one is level ${MAX_FILTER_DEPTH + 1}`);
  });

  it("refuses very deep nesting without recursing into it", () => {
    let node: unknown = gender;
    for (let level = 0; level < 800; level++) node = { and: [node] };
    expect(JSON.stringify(node).length).toBeLessThanOrEqual(MAX_FILTER_JSON_LENGTH);
    expect(issuesOf(node).some((i) => i.message.startsWith("groups nest at most"))).toBe(true);

    let tooDeepForJson: unknown = gender;
    for (let level = 0; level < 200_000; level++) tooDeepForJson = { and: [tooDeepForJson] };
    expect(issueAt(tooDeepForJson, "").message).toContain("cannot be written as JSON");
  });

  it("rejects an empty group at the top and nested, at the group's list", () => {
    expect(issueAt({ and: [] }, "and").message).toBe('"and" needs at least one condition');
    expect(issueAt({ or: [] }, "or").message).toBe('"or" needs at least one condition');
    expect(issueAt({ and: [gender, { or: [] }] }, "and.1.or").message).toBe('"or" needs at least one condition');
  });

  it("rejects a group with both keys, or with extra fields", () => {
    expect(issueAt({ and: [gender], or: [gender] }, "").message).toContain('exactly one key, "and" or "or", not both');
    expect(issueAt({ and: [{ or: [gender], note: "x" }] }, "and.0").message).toContain('unexpected field "note"');
    // A condition's fields next to "and" make it a malformed group, not a condition.
    expect(issueAt({ ...gender, and: [gender] }, "").message).toContain('unexpected field "category"');
  });

  it("rejects a group whose list is not a list", () => {
    expect(issueAt({ and: gender }, "and").message).toContain('"and" takes a list of conditions and groups');
  });

  it("rejects nodes that are not objects, at the node", () => {
    for (const node of [null, 5, "x", [gender], true]) {
      expect(issueAt({ and: [gender, node] }, "and.1").message).toMatch(/^expected a condition \{category, key, operator, value\} or a group/);
    }
    for (const top of [null, 5, "x", [gender]]) expect(issueAt(top, "").message).toMatch(/^expected a filter/);
    expect(issueAt(undefined, "").message).toBe("a filter is required");
  });

  it("reports every problem, each at its own path", () => {
    const issues = issuesOf({
      or: [
        { category: "profile", key: "gender", operator: "GT", value: "MALE" },
        { category: "computed", key: "os_version", operator: "GTE", value: "10" },
        { category: "skill", key: "x", operator: "EQ", value: 1 },
      ],
    });
    expect(issues.map((i) => i.path.join("."))).toEqual(["or.0.operator", "or.1.value", "or.2.key"]);
  });

  it("reports issues with reportInput too (the emulator maps them to Toloka's payload)", () => {
    const result = recipientFilterSchema.safeParse({ and: [{ category: "profile", key: "gender", operator: "GT", value: "MALE" }] }, { reportInput: true });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(["and", 0, "operator"]);
  });

  it("rejects input that is not JSON instead of throwing", () => {
    const cyclic: Record<string, unknown> = { and: [] };
    (cyclic.and as unknown[]).push(cyclic);
    expect(issueAt(cyclic, "").message).toContain("cannot be written as JSON");
    expect(issueAt({ and: [{ ...gender, value: BigInt(1) }] }, "").message).toContain("cannot be written as JSON");
  });

  it("outputs canonical values: -0 becomes 0", () => {
    const input = {
      and: [
        { category: "computed", key: "os_version", operator: "EQ", value: -0 },
        { category: "skill", key: "1", operator: "EQ", value: -0 },
      ],
    };
    const output = parsed(input) as { and: FilterCondition[] };
    expect(Object.is(output.and[0].value, 0)).toBe(true);
    expect(Object.is(output.and[1].value, 0)).toBe(true);
  });

  it("parses one condition on its own with filterConditionSchema", () => {
    expect(filterConditionSchema.parse({ category: "skill", key: 5, operator: "EQ" })).toEqual({ category: "skill", key: "5", operator: "EQ", value: null });
    expect(filterConditionSchema.safeParse({ and: [gender] }).success).toBe(false);
  });
});

describe(`the ${MAX_FILTER_JSON_LENGTH.toLocaleString("en-US")}-character limit`, () => {
  const skillAbsent = (key: string) => ({ category: "skill", key, operator: "EQ", value: null });

  /** An "or" of skill conditions whose JSON is exactly `length` characters (key digits pad the remainder). */
  function filterOfLength(length: number): { or: ReturnType<typeof skillAbsent>[] } {
    const conditions = [skillAbsent("1")];
    const size = () => JSON.stringify({ or: conditions }).length;
    while (JSON.stringify({ or: [...conditions, skillAbsent("1")] }).length <= length) conditions.push(skillAbsent("1"));
    for (let i = 0; size() < length; i++) conditions[i] = skillAbsent(`1${"0".repeat(Math.min(19, length - size()))}`);
    expect(size()).toBe(length);
    return { or: conditions };
  }

  it("accepts a filter of exactly the limit", () => {
    const filter = filterOfLength(MAX_FILTER_JSON_LENGTH);
    expect(parsed(filter)).toEqual(filter);
  });

  it("rejects one character more, at the top, with both numbers", () => {
    expect(issueAt(filterOfLength(MAX_FILTER_JSON_LENGTH + 1), "").message).toBe("the filter is 10,001 characters as JSON; the limit is 10,000");
  });

  it("rejects a much larger body before walking it", () => {
    const huge = { or: Array.from({ length: 5000 }, () => skillAbsent("1")) };
    const issues = issuesOf(huge);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/^the filter is [\d,]+ characters as JSON; the limit is 10,000$/);
  });

  /** A body shorter than `length` whose canonical output is exactly `length`: its last condition is written tersely. */
  function terseInputOfOutputLength(length: number): unknown {
    const canonical = filterOfLength(length);
    const last = canonical.or.length - 1;
    expect(canonical.or[last].key).toBe("1");
    // Normalisation restores the key's quotes and "value":null, so the output is the canonical filter again.
    const input = { or: [...canonical.or.slice(0, last), { category: "skill", key: 1, operator: "EQ" }] };
    expect(JSON.stringify(input).length).toBe(length - 15);
    return input;
  }

  it("measures the canonical output: exactly the limit after normalisation is accepted", () => {
    const filter = parsed(terseInputOfOutputLength(MAX_FILTER_JSON_LENGTH));
    expect(JSON.stringify(filter).length).toBe(MAX_FILTER_JSON_LENGTH);
  });

  it("measures the canonical output: a body under the limit that normalises one character over it is rejected", () => {
    expect(issueAt(terseInputOfOutputLength(MAX_FILTER_JSON_LENGTH + 1), "").message).toBe(
      "the filter is 10,001 characters as JSON; the limit is 10,000 (after normalisation)",
    );
  });
});
