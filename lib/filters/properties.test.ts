import fc from "fast-check";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";
import { describeFilter, type FilterWords } from "./describe";
import { evaluateFilter, selectTolokers } from "./evaluate";
import { REGIONS } from "./regions";
import {
  FILTER_CATEGORIES,
  FILTER_KEYS,
  FILTER_OPERATORS,
  MAX_FILTER_JSON_LENGTH,
  SKILL_KEY_SPEC,
  filterConditionSchema,
  recipientFilterSchema,
  type FilterNode,
  type KeySpec,
  type RecipientFilter,
} from "./schema";
import { tolokerSchema, type Toloker } from "./toloker";

/*
 * Property tests. The arbitraries draw filter values and Toloker values from small shared pools (plus some wide
 * random ones), so conditions often match and often don't: a property over selections that were always empty
 * would prove nothing, and the `mixed` counters below check that they weren't.
 */

const words = (locale: "en" | "ru"): FilterWords => ({ t: createTranslator({ locale, messages: MESSAGES[locale], namespace: "compose.words" }), locale });
const en = words("en");
const ru = words("ru");

const REGION_IDS = [...REGIONS.map((r) => r.id), 424242];
const LANGUAGES = ["EN", "RU", "DE", "TR", "ES", "QQ"];
const COUNTRIES = ["DE", "RU", "US", "TR", "XX"];
const SKILL_IDS = ["1", "2", "26366"];
const DATES = [-86400, 0, 631152000, 978307200];

type Entry = { category: "profile" | "computed"; key: string; spec: KeySpec };
const KEYED: Entry[] = (["profile", "computed"] as const).flatMap((category) =>
  Object.entries(FILTER_KEYS[category]).map(([key, spec]): Entry => ({ category, key, spec })),
);

function validValue(spec: KeySpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case "enum":
      return fc.constantFrom(...spec.values);
    case "bool":
      return fc.boolean();
    case "int":
      return fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer(), fc.constant(-0));
    case "float":
      return fc.oneof(fc.constantFrom(0, 1, 1.5, 10, -0), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case "date-unix":
      return fc.oneof(fc.constantFrom(...DATES), fc.integer({ min: -2e9, max: 2e9 }));
    // Mostly shared pools (so Tolokers match), sometimes any well-formed value (ids and codes no table knows).
    case "region":
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...REGION_IDS) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2_000_000 }) });
    case "language":
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...LANGUAGES) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{2}$/) });
    case "country":
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...COUNTRIES) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{2}$/) });
    case "skill":
      return skillLevel;
  }
}

const skillLevel = fc.oneof(fc.constantFrom(0, 50, 80, 100, -0), fc.double({ min: 0, max: 100, noNaN: true }));
const skillKey = fc.oneof(fc.constantFrom(...SKILL_IDS), fc.constantFrom(1, 2, 26366));

type Input = Record<string, unknown>;

function keyedCondition(entry: Entry, operators: readonly string[] = entry.spec.operators): fc.Arbitrary<Input> {
  return fc.record({
    category: fc.constant(entry.category),
    key: fc.constant(entry.key),
    operator: fc.constantFrom(...operators),
    value: validValue(entry.spec),
  });
}

/** Skill conditions in every accepted form: numeric levels, null, and no value at all with EQ/NE. */
function skillCondition(operators: readonly string[] = SKILL_KEY_SPEC.operators): fc.Arbitrary<Input> {
  const equality = operators.filter((op) => op === "EQ" || op === "NE");
  const forms: fc.Arbitrary<Input>[] = [
    fc.record({ category: fc.constant("skill"), key: skillKey, operator: fc.constantFrom(...operators), value: skillLevel }),
  ];
  if (equality.length > 0) {
    forms.push(
      fc.record({ category: fc.constant("skill"), key: skillKey, operator: fc.constantFrom(...equality), value: fc.constant(null) }),
      fc.record({ category: fc.constant("skill"), key: skillKey, operator: fc.constantFrom(...equality) }),
    );
  }
  return fc.oneof(...forms);
}

/** A valid condition input, optionally limited to conditions that take `operator`. */
function conditionInput(operator?: string): fc.Arbitrary<Input> {
  const entries = operator ? KEYED.filter((e) => (e.spec.operators as readonly string[]).includes(operator)) : KEYED;
  const keyed = entries.map((e) => keyedCondition(e, operator ? [operator] : undefined));
  const skills = !operator || (SKILL_KEY_SPEC.operators as readonly string[]).includes(operator) ? [skillCondition(operator ? [operator] : undefined)] : [];
  return fc.oneof(...keyed, ...skills);
}

const { group: groupInput } = fc.letrec<{ node: unknown; group: Input }>((tie) => ({
  node: fc.oneof({ maxDepth: 6, depthIdentifier: "filter", depthSize: "small" }, conditionInput(), tie("group")),
  group: fc.oneof(
    { depthIdentifier: "filter" },
    fc.record({ and: fc.array(tie("node"), { minLength: 1, maxLength: 4 }) }),
    fc.record({ or: fc.array(tie("node"), { minLength: 1, maxLength: 4 }) }),
  ),
}));

/** Valid filter inputs: a group nested up to 7 deep, or a bare condition; small enough to extend in the tests. */
const filterInput: fc.Arbitrary<unknown> = fc
  .oneof({ weight: 4, arbitrary: groupInput }, { weight: 1, arbitrary: conditionInput() })
  .filter((input) => JSON.stringify(input).length <= 7000);

const validFilter: fc.Arbitrary<RecipientFilter> = filterInput.map((input) => recipientFilterSchema.parse(input));

function optionalFields(category: "profile" | "computed"): Record<string, fc.Arbitrary<unknown>> {
  return Object.fromEntries(KEYED.filter((e) => e.category === category && e.key !== "languages").map((e) => [e.key, validValue(e.spec)]));
}

/** Tolokers with any subset of fields known, values drawn from the same pools as the filters'. */
const tolokerArb: fc.Arbitrary<Toloker> = fc
  .record({
    id: fc.string({ maxLength: 6 }),
    profile: fc.record({ ...optionalFields("profile"), languages: fc.subarray(LANGUAGES) }, { requiredKeys: ["languages"] }),
    computed: fc.record(optionalFields("computed"), { requiredKeys: [] }),
    skills: fc.dictionary(fc.constantFrom(...SKILL_IDS), skillLevel),
  })
  .map((t) => tolokerSchema.parse(t));

const tolokers = fc.array(tolokerArb, { maxLength: 16 });

const parse = (input: unknown) => recipientFilterSchema.parse(input);

/** Counts runs whose selection was neither empty nor everyone, so a property can't pass vacuously. */
function mixedCounter() {
  let mixed = 0;
  return {
    see(selected: number, total: number) {
      if (selected > 0 && selected < total) mixed++;
    },
    get mixed() {
      return mixed;
    },
  };
}

describe("valid filters", () => {
  it("every generated valid input is accepted, comes out as a group and within the size limit", () => {
    fc.assert(
      fc.property(filterInput, (input) => {
        const result = recipientFilterSchema.safeParse(input);
        expect(result.success, result.success ? "" : JSON.stringify(result.error.issues)).toBe(true);
        const filter = result.data!;
        expect("and" in filter || "or" in filter).toBe(true);
        expect(JSON.stringify(filter).length).toBeLessThanOrEqual(MAX_FILTER_JSON_LENGTH);
      }),
      { numRuns: 300 },
    );
  });

  it("survive a JSON round trip, and parsing is idempotent", () => {
    fc.assert(
      fc.property(validFilter, (filter) => {
        expect(parse(JSON.parse(JSON.stringify(filter)))).toEqual(filter);
        expect(parse(filter)).toEqual(filter);
      }),
      { numRuns: 300 },
    );
  });

  it("a bare condition parses to, and selects the same as, an and of it", () => {
    const counter = mixedCounter();
    fc.assert(
      fc.property(conditionInput(), tolokers, (bare, population) => {
        const condition = filterConditionSchema.parse(bare);
        expect(parse(bare)).toEqual({ and: [condition] });
        expect(parse(bare)).toEqual(parse({ and: [bare] }));
        const selected = selectTolokers(condition, population);
        expect(selected).toEqual(selectTolokers({ and: [condition] }, population));
        expect(selected).toEqual(selectTolokers(parse(bare), population));
        counter.see(selected.length, population.length);
      }),
      { numRuns: 300 },
    );
    expect(counter.mixed).toBeGreaterThan(10);
  });

  it("describeFilter reads every single condition as a phrase with no placeholder leaking through", () => {
    fc.assert(
      fc.property(conditionInput(), (bare) => {
        for (const w of [en, ru]) {
          const text = describeFilter(filterConditionSchema.parse(bare), w);
          expect(text.trim()).not.toBe("");
          expect(text).not.toMatch(/undefined|NaN|null|\[object|\{|\}/);
          // An empty slot (a value that rendered as "") leaves a trailing or doubled space behind.
          expect(text).toBe(text.trim());
          expect(text).not.toMatch(/\s\s/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("describeFilter never throws and always says something", () => {
    fc.assert(
      fc.property(validFilter, fc.dictionary(fc.constantFrom(...SKILL_IDS), fc.string({ maxLength: 12 })), (filter, skillNames) => {
        for (const w of [en, ru]) {
          const plain = describeFilter(filter, w);
          expect(plain.trim()).not.toBe("");
          expect(plain).not.toMatch(/\s\s|\s\)|\(\s|^\s|\s$/);
          expect(plain).not.toMatch(/undefined|NaN|\[object/);
          expect(describeFilter(filter, w, { skillNames }).trim()).not.toBe("");
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("evaluation", () => {
  it("NOT_IN selects exactly the Tolokers IN does not", () => {
    const counter = mixedCounter();
    fc.assert(
      fc.property(conditionInput("IN"), tolokers, (input, population) => {
        const inSelected = new Set(selectTolokers(parse(input), population));
        const notIn = selectTolokers(parse({ ...input, operator: "NOT_IN" }), population);
        expect(notIn).toEqual(population.filter((t) => !inSelected.has(t)));
        counter.see(inSelected.size, population.length);
      }),
      { numRuns: 300 },
    );
    expect(counter.mixed).toBeGreaterThan(10);
  });

  it("NE selects exactly the Tolokers EQ does not (skills with null and missing values included)", () => {
    const counter = mixedCounter();
    fc.assert(
      fc.property(conditionInput("EQ"), tolokers, (input, population) => {
        const eqSelected = new Set(selectTolokers(parse(input), population));
        const ne = selectTolokers(parse({ ...input, operator: "NE" }), population);
        expect(ne).toEqual(population.filter((t) => !eqSelected.has(t)));
        counter.see(eqSelected.size, population.length);
      }),
      { numRuns: 500 },
    );
    expect(counter.mixed).toBeGreaterThan(10);
  });

  it("or selects the union and and the intersection", () => {
    const counter = mixedCounter();
    fc.assert(
      fc.property(validFilter, validFilter, tolokers, (a, b, population) => {
        const inA = new Set(selectTolokers(a, population));
        const inB = new Set(selectTolokers(b, population));
        expect(selectTolokers({ or: [a, b] }, population)).toEqual(population.filter((t) => inA.has(t) || inB.has(t)));
        expect(selectTolokers({ and: [a, b] }, population)).toEqual(population.filter((t) => inA.has(t) && inB.has(t)));
        counter.see(inA.size, population.length);
      }),
      { numRuns: 200 },
    );
    expect(counter.mixed).toBeGreaterThan(5);
  });

  it("is a pure function: same answer twice, arguments untouched, identity irrelevant", () => {
    fc.assert(
      fc.property(validFilter, tolokerArb, (filter, toloker) => {
        const filterCopy = structuredClone(filter);
        const tolokerCopy = structuredClone(toloker);
        deepFreeze(filter);
        deepFreeze(toloker);
        const first = evaluateFilter(filter, toloker);
        expect(evaluateFilter(filter, toloker)).toBe(first);
        expect(filter).toEqual(filterCopy);
        expect(toloker).toEqual(tolokerCopy);
        expect(evaluateFilter(filterCopy, tolokerCopy)).toBe(first);
      }),
      { numRuns: 300 },
    );
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

// -------------------------------------------------------------------------------------------------------------
// Invalid mutations: a valid condition broken in one field must be rejected, with an issue at exactly that field,
// and with no issue anywhere outside the broken condition.

const notSkillId = (k: unknown) => !(typeof k === "string" && /^[1-9][0-9]{0,19}$/.test(k)) && !(typeof k === "number" && Number.isSafeInteger(k) && k > 0);
const notSafeInteger = (d: number) => !Number.isSafeInteger(d);

function invalidValue(spec: KeySpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case "enum":
      return fc.oneof(
        fc.string({ maxLength: 10 }).filter((s) => !(spec.values as readonly string[]).includes(s)),
        fc.integer(),
        fc.constant(null),
        fc.boolean(),
        fc.constant([spec.values[0]]),
      );
    case "bool":
      return fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null), fc.constant([true]));
    case "int":
      return fc.oneof(fc.double().filter(notSafeInteger), fc.string({ maxLength: 5 }), fc.constant(null), fc.boolean());
    case "float":
      return fc.oneof(
        fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
        fc.string({ maxLength: 5 }),
        fc.constant(null),
        fc.boolean(),
      );
    case "date-unix":
      return fc.oneof(
        fc.double().filter(notSafeInteger),
        fc.constantFrom(253_402_300_800, -62_135_596_801, 1_700_000_000_000),
        fc.string({ maxLength: 10 }),
        fc.constant(null),
      );
    case "region":
      return fc.oneof(fc.integer({ max: 0 }), fc.double().filter(notSafeInteger), fc.string({ maxLength: 5 }), fc.constant(null), fc.constant([213]));
    case "language":
    case "country":
      return fc.oneof(
        fc.string({ maxLength: 4 }).filter((s) => !/^[A-Z]{2}$/.test(s)),
        fc.integer(),
        fc.constant(null),
        fc.constant(["EN"]),
      );
    case "skill":
      return fc.oneof(
        fc.double({ min: 100.000001, noNaN: true }),
        fc.double({ max: -1e-9, noNaN: true }),
        fc.constant(Number.NaN),
        fc.string({ maxLength: 4 }),
        fc.boolean(),
        fc.constant([50]),
      );
  }
}

type Mutation = { condition: unknown; field: "category" | "key" | "operator" | "value" | null };

const garbageOperator = fc.string({ maxLength: 6 }).filter((s) => !(FILTER_OPERATORS as readonly string[]).includes(s));

const keyedMutation: fc.Arbitrary<Mutation> = fc.constantFrom(...KEYED).chain((entry) => {
  const base = keyedCondition(entry);
  const wrongOps = FILTER_OPERATORS.filter((op) => !(entry.spec.operators as readonly string[]).includes(op));
  return fc.oneof(
    fc
      .tuple(base, fc.oneof(fc.constantFrom(...wrongOps), garbageOperator))
      .map(([c, operator]): Mutation => ({ condition: { ...c, operator }, field: "operator" })),
    fc
      .tuple(
        base,
        fc.oneof(
          fc.string({ maxLength: 12 }).filter((k) => !Object.hasOwn(FILTER_KEYS[entry.category], k)),
          fc.integer(),
          fc.constant(null),
        ),
      )
      .map(([c, key]): Mutation => ({ condition: { ...c, key }, field: "key" })),
    fc.tuple(base, invalidValue(entry.spec)).map(([c, value]): Mutation => ({ condition: { ...c, value }, field: "value" })),
    base.map((c): Mutation => ({ condition: { category: c.category, key: c.key, operator: c.operator }, field: "value" })),
  );
});

const skillMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .tuple(skillCondition(), fc.oneof(fc.constantFrom("IN", "NOT_IN"), garbageOperator))
    .map(([c, operator]): Mutation => ({ condition: { ...c, operator }, field: "operator" })),
  fc
    .tuple(
      skillCondition(),
      fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ max: 0 }), fc.double(), fc.constant(null), fc.constant(2 ** 53)).filter(notSkillId),
    )
    .map(([c, key]): Mutation => ({ condition: { ...c, key }, field: "key" })),
  fc.tuple(skillCondition(), invalidValue(SKILL_KEY_SPEC)).map(([c, value]): Mutation => ({ condition: { ...c, value }, field: "value" })),
  fc.tuple(skillCondition(["GT", "GTE", "LT", "LTE"]), fc.boolean()).map(([c, omit]): Mutation => {
    const { value: _dropped, ...rest } = c;
    return { condition: omit ? rest : { ...rest, value: null }, field: "value" };
  }),
);

const otherMutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .tuple(
      conditionInput(),
      fc.string({ maxLength: 10 }).filter((c) => !(FILTER_CATEGORIES as readonly string[]).includes(c)),
    )
    .map(([c, category]): Mutation => ({ condition: { ...c, category }, field: "category" })),
  fc
    .tuple(
      conditionInput(),
      fc.string({ minLength: 1, maxLength: 8 }).filter((f) => !["category", "key", "operator", "value", "and", "or"].includes(f)),
    )
    .map(([c, extra]): Mutation => ({ condition: { ...c, [extra]: 1 }, field: null })),
  fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null), fc.constant([])).map((junk): Mutation => ({ condition: junk, field: null })),
);

const mutation = fc.oneof(keyedMutation, skillMutation, otherMutations);

/** Paths of every group's child list in a filter, e.g. ["and"], ["and", 1, "or"]. */
function listPaths(node: FilterNode, path: PropertyKey[] = []): PropertyKey[][] {
  if (!("and" in node) && !("or" in node)) return [];
  const op = "and" in node ? "and" : "or";
  const children = "and" in node ? node.and : node.or;
  return [[...path, op], ...children.flatMap((child, i) => listPaths(child, [...path, op, i]))];
}

/** A copy of `filter` with `condition` appended to the list at `listPath`, and the path it lands at. */
function insert(filter: RecipientFilter, listPath: PropertyKey[], condition: unknown): { input: unknown; at: PropertyKey[] } {
  const input = structuredClone(filter) as unknown;
  let list = input as Record<PropertyKey, unknown>;
  for (const step of listPath) list = list[step] as Record<PropertyKey, unknown>;
  const items = list as unknown as unknown[];
  items.push(condition);
  return { input, at: [...listPath, items.length - 1] };
}

const startsWith = (path: PropertyKey[], prefix: PropertyKey[]) => prefix.every((step, i) => path[i] === step);

describe("invalid mutations", () => {
  it("are rejected inside a valid filter, at exactly the broken field and nowhere else", () => {
    fc.assert(
      fc.property(validFilter, mutation, fc.nat(), (filter, { condition, field }, pick) => {
        const lists = listPaths(filter);
        const { input, at } = insert(filter, lists[pick % lists.length], condition);
        const expected = field === null ? at : [...at, field];
        const result = recipientFilterSchema.safeParse(input);
        expect(result.success).toBe(false);
        const paths = result.error!.issues.map((i) => i.path);
        expect(paths, JSON.stringify(result.error!.issues)).toContainEqual(expected);
        for (const path of paths) expect(startsWith(path, at), JSON.stringify(path)).toBe(true);
        for (const issue of result.error!.issues) expect(issue.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 500 },
    );
  });

  it("are rejected as a bare top-level condition, at the broken field", () => {
    fc.assert(
      fc.property(
        mutation.filter((m) => typeof m.condition === "object" && m.condition !== null && !Array.isArray(m.condition)),
        ({ condition, field }) => {
          const result = recipientFilterSchema.safeParse(condition);
          expect(result.success).toBe(false);
          expect(result.error!.issues.map((i) => i.path)).toContainEqual(field === null ? [] : [field]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
