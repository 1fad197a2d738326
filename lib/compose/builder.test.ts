import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recipientFilterSchema, type RecipientFilter } from "@/lib/filters";
import {
  CONDITION_KINDS,
  fromFilter,
  KIND_LABELS,
  keysOfKind,
  newCondition,
  parseFilterJson,
  rowToConditions,
  toFilter,
  yearsBefore,
  type BuilderCondition,
  type BuilderGroup,
  type BuilderNode,
  type ConditionKind,
} from "./builder";

const today = new Date("2025-06-15T13:45:00Z");
const ctx = { today };
let n = 0;
const id = () => `t${++n}`;

/** The tree without ids, to compare trees made at different times. */
function shape(node: BuilderNode): unknown {
  return node.type === "group" ? { op: node.op, children: node.children.map(shape) } : { kind: node.kind, fields: node.fields };
}

function row(kind: ConditionKind, fields: Record<string, string>): BuilderCondition {
  return { id: id(), type: "condition", kind, fields };
}
function group(op: "and" | "or", ...children: BuilderNode[]): BuilderGroup {
  return { id: id(), type: "group", op, children };
}

function filterOf(root: BuilderGroup): RecipientFilter {
  const r = toFilter(root, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.filter;
}

/** Every kind with a few rows each, and the exact conditions they stand for. */
const CASES: Record<ConditionKind, Array<[Record<string, string>, unknown[]]>> = {
  skill: [
    [{ skill: "26366", mode: "gte", level: "80" }, [{ category: "skill", key: "26366", operator: "GTE", value: 80 }]],
    [{ skill: "101", mode: "lt", level: "50.5" }, [{ category: "skill", key: "101", operator: "LT", value: 50.5 }]],
    [{ skill: "101", mode: "eq", level: "100" }, [{ category: "skill", key: "101", operator: "EQ", value: 100 }]],
    [{ skill: "101", mode: "none", level: "" }, [{ category: "skill", key: "101", operator: "EQ", value: null }]],
    [{ skill: "101", mode: "any", level: "" }, [{ category: "skill", key: "101", operator: "NE", value: null }]],
    [{ skill: "101", mode: "gt", level: "0" }, [{ category: "skill", key: "101", operator: "GT", value: 0 }]],
    [{ skill: "101", mode: "lte", level: "70" }, [{ category: "skill", key: "101", operator: "LTE", value: 70 }]],
    [{ skill: "101", mode: "ne", level: "70" }, [{ category: "skill", key: "101", operator: "NE", value: 70 }]],
  ],
  languages: [
    [{ key: "languages", op: "IN", value: "EN" }, [{ category: "profile", key: "languages", operator: "IN", value: "EN" }]],
    [{ key: "languages", op: "NOT_IN", value: "RU" }, [{ category: "profile", key: "languages", operator: "NOT_IN", value: "RU" }]],
  ],
  country: [[{ key: "country", op: "NE", value: "DE" }, [{ category: "profile", key: "country", operator: "NE", value: "DE" }]]],
  citizenship: [[{ key: "citizenship", op: "EQ", value: "BR" }, [{ category: "profile", key: "citizenship", operator: "EQ", value: "BR" }]]],
  gender: [[{ key: "gender", op: "EQ", value: "FEMALE" }, [{ category: "profile", key: "gender", operator: "EQ", value: "FEMALE" }]]],
  age: [
    [
      { min: "18", max: "30" },
      [
        { category: "profile", key: "date_of_birth", operator: "LTE", value: Date.UTC(2007, 5, 15) / 1000 },
        { category: "profile", key: "date_of_birth", operator: "GT", value: Date.UTC(1994, 5, 15) / 1000 },
      ],
    ],
    [{ min: "21", max: "" }, [{ category: "profile", key: "date_of_birth", operator: "LTE", value: Date.UTC(2004, 5, 15) / 1000 }]],
    [{ min: "", max: "65" }, [{ category: "profile", key: "date_of_birth", operator: "GT", value: Date.UTC(1959, 5, 15) / 1000 }]],
  ],
  "birth-date": [
    [{ op: "LT", date: "1990-03-07" }, [{ category: "profile", key: "date_of_birth", operator: "LT", value: Date.UTC(1990, 2, 7) / 1000 }]],
    [{ op: "EQ", date: "1990-03-07T12:30:00Z" }, [{ category: "profile", key: "date_of_birth", operator: "EQ", value: Date.UTC(1990, 2, 7, 12, 30) / 1000 }]],
  ],
  adult: [[{ key: "adult_allowed", op: "EQ", value: "true" }, [{ category: "profile", key: "adult_allowed", operator: "EQ", value: true }]]],
  verified: [[{ key: "verified", op: "NE", value: "false" }, [{ category: "profile", key: "verified", operator: "NE", value: false }]]],
  education: [[{ key: "education", op: "EQ", value: "HIGH" }, [{ category: "profile", key: "education", operator: "EQ", value: "HIGH" }]]],
  region: [
    [{ key: "region_by_ip", op: "IN", value: "225" }, [{ category: "computed", key: "region_by_ip", operator: "IN", value: 225 }]],
    [{ key: "region_by_phone", op: "NOT_IN", value: "987654" }, [{ category: "computed", key: "region_by_phone", operator: "NOT_IN", value: 987654 }]],
    [{ key: "city", op: "IN", value: "213" }, [{ category: "profile", key: "city", operator: "IN", value: 213 }]],
  ],
  device: [
    [{ key: "device_category", op: "EQ", value: "SMARTPHONE" }, [{ category: "computed", key: "device_category", operator: "EQ", value: "SMARTPHONE" }]],
  ],
  client: [[{ key: "client_type", op: "NE", value: "TOLOKA_APP" }, [{ category: "computed", key: "client_type", operator: "NE", value: "TOLOKA_APP" }]]],
  os: [
    [{ key: "os_family", op: "EQ", value: "IOS" }, [{ category: "computed", key: "os_family", operator: "EQ", value: "IOS" }]],
    [{ key: "os_version", op: "GTE", value: "13.4" }, [{ category: "computed", key: "os_version", operator: "GTE", value: 13.4 }]],
    [{ key: "os_version_major", op: "LT", value: "11" }, [{ category: "computed", key: "os_version_major", operator: "LT", value: 11 }]],
    [{ key: "os_version_minor", op: "EQ", value: "2" }, [{ category: "computed", key: "os_version_minor", operator: "EQ", value: 2 }]],
    [{ key: "os_version_bugfix", op: "NE", value: "0" }, [{ category: "computed", key: "os_version_bugfix", operator: "NE", value: 0 }]],
  ],
  browser: [
    [{ key: "user_agent_family", op: "EQ", value: "FIREFOX" }, [{ category: "computed", key: "user_agent_family", operator: "EQ", value: "FIREFOX" }]],
    [
      { key: "user_agent_type", op: "NE", value: "MOBILE_BROWSER" },
      [{ category: "computed", key: "user_agent_type", operator: "NE", value: "MOBILE_BROWSER" }],
    ],
    [{ key: "user_agent_version", op: "GT", value: "99.5" }, [{ category: "computed", key: "user_agent_version", operator: "GT", value: 99.5 }]],
    [{ key: "user_agent_version_major", op: "GTE", value: "120" }, [{ category: "computed", key: "user_agent_version_major", operator: "GTE", value: 120 }]],
    [{ key: "user_agent_version_minor", op: "LTE", value: "3" }, [{ category: "computed", key: "user_agent_version_minor", operator: "LTE", value: 3 }]],
    [{ key: "user_agent_version_bugfix", op: "EQ", value: "7" }, [{ category: "computed", key: "user_agent_version_bugfix", operator: "EQ", value: 7 }]],
  ],
};

describe("every condition kind: builder state to filter JSON and back", () => {
  it("the cases cover every kind", () => {
    expect(Object.keys(CASES).sort()).toEqual([...CONDITION_KINDS].sort());
  });

  for (const kind of CONDITION_KINDS) {
    for (const [fields, conditions] of CASES[kind]) {
      it(`${kind} ${JSON.stringify(fields)}`, () => {
        for (const op of ["and", "or"] as const) {
          const root = group(op, row(kind, fields));
          const filter = filterOf(root);
          // A range of several conditions is "all of them"; under "any of" that needs its own group.
          const expected = op === "or" && conditions.length > 1 ? { or: [{ and: conditions }] } : { [op]: conditions };
          expect(filter).toEqual(expected);
          expect(recipientFilterSchema.parse(JSON.parse(JSON.stringify(filter)))).toEqual(filter);
          const back = fromFilter(filter, ctx, id);
          expect(shape(back)).toEqual(shape(root));
          expect(filterOf(back)).toEqual(filter);
        }
      });
    }
  }

  it("new rows of every kind start valid where they can, and name the input to fill where they cannot", () => {
    for (const kind of CONDITION_KINDS) {
      const r = rowToConditions(newCondition(kind, id), ctx);
      if ("error" in r) expect(["skill", "value", "date"]).toContain(r.error.field);
    }
  });
});

describe("nested groups", () => {
  it("all of / any of nest, and come back as the same tree", () => {
    const root = group(
      "and",
      row("languages", { key: "languages", op: "IN", value: "EN" }),
      group(
        "or",
        row("country", { key: "country", op: "EQ", value: "DE" }),
        row("device", { key: "device_category", op: "EQ", value: "SMARTPHONE" }),
        row("age", { min: "18", max: "25" }),
      ),
      group("and", row("skill", { skill: "5", mode: "gte", level: "70" }), group("or", row("verified", { key: "verified", op: "EQ", value: "true" }))),
    );
    const filter = filterOf(root);
    expect(filter).toEqual({
      and: [
        { category: "profile", key: "languages", operator: "IN", value: "EN" },
        {
          or: [
            { category: "profile", key: "country", operator: "EQ", value: "DE" },
            { category: "computed", key: "device_category", operator: "EQ", value: "SMARTPHONE" },
            {
              and: [
                { category: "profile", key: "date_of_birth", operator: "LTE", value: yearsBefore(today, 18) },
                { category: "profile", key: "date_of_birth", operator: "GT", value: yearsBefore(today, 26) },
              ],
            },
          ],
        },
        { and: [{ category: "skill", key: "5", operator: "GTE", value: 70 }, { or: [{ category: "profile", key: "verified", operator: "EQ", value: true }] }] },
      ],
    });
    expect(shape(fromFilter(filter, ctx, id))).toEqual(shape(root));
  });

  it("any valid filter fills the builder and gives itself back (JSON to builder to JSON)", () => {
    const condition = fc.constantFrom(
      ...Object.values(CASES)
        .flat()
        .flatMap(([, c]) => c),
    );
    const node: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small", withCrossShrink: true }, condition, tie("group")),
      group: fc
        .record({ op: fc.constantFrom("and", "or"), children: fc.array(tie("node"), { minLength: 1, maxLength: 4 }) })
        .map((g) => ({ [g.op as string]: g.children })),
    })).group;
    fc.assert(
      fc.property(node, (raw) => {
        const filter = recipientFilterSchema.parse(raw);
        const tree = fromFilter(filter, ctx, id);
        expect(filterOf(tree)).toEqual(filter);
      }),
      { numRuns: 300 },
    );
  });
});

describe("each row checks its own value", () => {
  const err = (kind: ConditionKind, fields: Record<string, string>) => {
    const r = rowToConditions(row(kind, fields), ctx);
    return "error" in r ? r.error : undefined;
  };
  it.each<[ConditionKind, Record<string, string>, string, RegExp]>([
    ["skill", { skill: "", mode: "gte", level: "80" }, "skill", /choose a skill/],
    ["skill", { skill: "7", mode: "gte", level: "101" }, "level", /0 to 100/],
    ["skill", { skill: "7", mode: "lt", level: "" }, "level", /enter a level/],
    ["languages", { key: "languages", op: "IN", value: "" }, "value", /choose a language/],
    ["country", { key: "country", op: "EQ", value: "Germany" }, "value", /two-letter country code/],
    ["age", { min: "", max: "" }, "min", /youngest age, an oldest age, or both/],
    ["age", { min: "40", max: "30" }, "max", /not be below the youngest/],
    ["age", { min: "abc", max: "" }, "min", /whole number of years/],
    ["birth-date", { op: "LT", date: "31.12.1990" }, "date", /date like/],
    ["region", { key: "region_by_ip", op: "IN", value: "-3" }, "value", /region id/],
    ["os", { key: "os_version", op: "GT", value: "ten" }, "value", /must be a number/],
    ["os", { key: "os_version_major", op: "GT", value: "10.5" }, "value", /whole number/],
    ["os", { key: "os_family", op: "GT", value: "IOS" }, "op", /how to compare/],
    ["browser", { key: "user_agent_family", op: "EQ", value: "NETSCAPE" }, "value", /choose one of/],
    ["adult", { key: "adult_allowed", op: "EQ", value: "maybe" }, "value", /yes or no/],
  ])("%s %j: %s", (kind, fields, field, message) => {
    const e = err(kind, fields);
    expect(e?.field).toBe(field);
    expect(e?.message).toMatch(message);
  });

  it("an empty group is an error at the group, and toFilter lists every problem", () => {
    const inner = group("or");
    const bad = row("skill", { skill: "", mode: "gte", level: "80" });
    const r = toFilter(group("and", inner, bad), ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.nodeId)).toEqual([inner.id, bad.id]);
  });
});

describe("pasting JSON", () => {
  it("fills the builder from valid JSON, a bare condition too", () => {
    const r = parseFilterJson('{"category":"profile","key":"gender","operator":"EQ","value":"MALE"}', ctx, id);
    expect(r.ok && shape(r.root)).toEqual({ op: "and", children: [{ kind: "gender", fields: { key: "gender", op: "EQ", value: "MALE" } }] });
  });
  it("says where JSON that is not a filter goes wrong", () => {
    expect(parseFilterJson("{and: []}", ctx, id)).toMatchObject({ ok: false, message: expect.stringMatching(/not valid JSON/) });
    const r = parseFilterJson('{"and":[{"category":"profile","key":"gender","operator":"GT","value":"MALE"}]}', ctx, id);
    expect(r).toMatchObject({ ok: false, path: "and.0.operator" });
    if (!r.ok) expect(r.message).toMatch(/^at and\.0\.operator: operator "GT" is not allowed/);
  });
});

describe("the words of the builder", () => {
  // Most come from FILTER_KEYS; written out here so that a label changed there shows up as a change people see.
  it("names each kind in the add-condition menu", () => {
    expect(CONDITION_KINDS.map((k) => KIND_LABELS[k])).toEqual([
      "Skill",
      "Language",
      "Country",
      "Citizenship",
      "Gender",
      "Age",
      "Date of birth",
      "Adult content allowed",
      "Verified",
      "Education",
      "Region",
      "Device category",
      "Client type",
      "Operating system",
      "Browser",
    ]);
  });

  it("names what an operating system or browser row compares", () => {
    expect(keysOfKind("os").map((k) => k.label)).toEqual(["Operating system", "OS version", "OS major version", "OS minor version", "OS bugfix version"]);
    expect(keysOfKind("browser").map((k) => k.label)).toEqual([
      "Browser",
      "Browser type",
      "Browser version",
      "Browser major version",
      "Browser minor version",
      "Browser bugfix version",
    ]);
  });
});
