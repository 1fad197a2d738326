import { z } from "zod";
import { tolokerSchema, type Toloker } from "./toloker";

/*
 * The recipient filter language (toloka-api.md §4), shared by the compose form, the API routes and the emulator.
 *
 * One metadata table (FILTER_KEYS, SKILL_KEY_SPEC) says, for every category and key, what the value is and which
 * operators apply. The zod schemas and the condition types are derived from it, and the enum values come from
 * the Toloker schema, so nothing is written twice.
 *
 * Parsing rules beyond the table (decided here, checked by the tests):
 * - A bare condition at the top is accepted and comes out as {"and": [condition]} (what the SDKs send).
 * - An "and"/"or" group must hold at least one node, at the top and nested alike: an empty nested group would
 *   silently mean "everyone" (and) or "no one" (or), which is never what someone building a filter meant.
 * - Groups nest at most MAX_FILTER_DEPTH deep (the top group is level 1), so parsing hostile input never recurses
 *   without bound. A group has exactly one key, "and" or "or"; a condition exactly category, key, operator, value.
 * - The filter as JSON is at most MAX_FILTER_JSON_LENGTH characters, measured on the parsed output (what is sent
 *   to Toloka), which is never shorter than the input.
 * - Output is canonical, so parse(JSON round trip of output) equals the output: a skill key comes out as a
 *   string ("26366"), a missing skill value as null, and -0 as 0 (JSON cannot carry -0).
 * - Codes are checked for form (two uppercase letters), not against catalog.ts, so a code the catalog lacks
 *   still works; region ids are positive integers, not checked against regions.ts for the same reason.
 * - One value per condition, as Toloka's pool filters take it: "speaks EN or DE" is {"or": [EN, DE conditions]}.
 */

/** Longest filter Toloka accepts, as `JSON.stringify(filter).length`. */
export const MAX_FILTER_JSON_LENGTH = 10_000;

/** Deepest nesting of groups accepted; the top group is level 1. */
export const MAX_FILTER_DEPTH = 10;

export const FILTER_OPERATORS = ["EQ", "NE", "GT", "GTE", "LT", "LTE", "IN", "NOT_IN"] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const EQUALITY_OPERATORS = ["EQ", "NE"] as const;
const COMPARISON_OPERATORS = ["EQ", "NE", "GT", "GTE", "LT", "LTE"] as const;
const MEMBERSHIP_OPERATORS = ["IN", "NOT_IN"] as const;

/** Short symbols for a compact UI (the description uses words where symbols would read badly). */
export const OPERATOR_SYMBOLS: Readonly<Record<FilterOperator, string>> = {
  EQ: "=",
  NE: "≠",
  GT: ">",
  GTE: "≥",
  LT: "<",
  LTE: "≤",
  IN: "in",
  NOT_IN: "not in",
};

export const FILTER_CATEGORIES = ["profile", "computed", "skill"] as const;
export type FilterCategory = (typeof FILTER_CATEGORIES)[number];
/** The categories whose keys are fixed (the skill category's key is any skill id). */
export type KeyedCategory = Exclude<FilterCategory, "skill">;

/**
 * What a value is, for a filter builder to pick an input: `enum` (one of `values`), `bool`, `int`, `float`,
 * `date-unix` (UNIX seconds), `region` (a region id, see regions.ts), `language` (ISO 639-1), `country`
 * (ISO 3166-1 alpha-2), `skill` (a level 0-100, or null for "does not have the skill").
 */
const VALUE_KINDS = ["enum", "bool", "int", "float", "date-unix", "region", "language", "country", "skill"] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

type OperatorList = readonly [FilterOperator, ...FilterOperator[]];

/**
 * The words for a key. `label` names it in the UI ("Region by phone number"); `subject` is the key as the subject
 * of the filter's description in words, lowercase where English has it ("phone number region" in "phone number
 * region is in Russia"). Keys whose description is a phrase of its own ("speaks English", "is verified", "born
 * before 2001-01-01", "citizen of Turkey") have a subject all the same, so every key has both words.
 */
interface KeyWords {
  label: string;
  subject: string;
}

/** Metadata of one key: its words, its value kind and the operators it takes. */
export interface PlainKeySpec<K extends Exclude<ValueKind, "enum"> = Exclude<ValueKind, "enum">, O extends OperatorList = OperatorList> extends KeyWords {
  kind: K;
  operators: O;
}

/** Metadata of an enum key: also its values and a lowercase-friendly label for each. */
export interface EnumKeySpec<V extends string = string, O extends OperatorList = OperatorList> extends KeyWords {
  kind: "enum";
  values: readonly [V, ...V[]];
  valueLabels: Readonly<Record<V, string>>;
  operators: O;
}

export type KeySpec = PlainKeySpec | EnumKeySpec;

function plainKey<K extends Exclude<ValueKind, "enum">, const O extends OperatorList>(words: KeyWords, kind: K, operators: O): PlainKeySpec<K, O> {
  return { ...words, kind, operators };
}

// Enum values come from the Toloker schema so the two can't drift; the labels must cover every value (typed).
function enumKey<E extends z.ZodEnum<Readonly<Record<string, string>>>, const O extends OperatorList>(
  words: KeyWords,
  source: z.ZodOptional<E>,
  valueLabels: Record<z.output<E>, string>,
  operators: O,
): EnumKeySpec<z.output<E>, O> {
  const values = source.unwrap().options as unknown as readonly [z.output<E>, ...z.output<E>[]];
  return { ...words, kind: "enum", values, valueLabels, operators };
}

const profileFields = tolokerSchema.shape.profile.shape;
const computedFields = tolokerSchema.shape.computed.shape;

/** Every fixed key of the language, by category: the single source for the schema, evaluation and description. */
export const FILTER_KEYS = {
  profile: {
    gender: enumKey({ label: "Gender", subject: "gender" }, profileFields.gender, { MALE: "male", FEMALE: "female" }, EQUALITY_OPERATORS),
    country: plainKey({ label: "Country", subject: "country" }, "country", EQUALITY_OPERATORS),
    citizenship: plainKey({ label: "Citizenship", subject: "citizenship" }, "country", EQUALITY_OPERATORS),
    education: enumKey(
      { label: "Education", subject: "education" },
      profileFields.education,
      { BASIC: "basic", MIDDLE: "secondary", HIGH: "higher" },
      EQUALITY_OPERATORS,
    ),
    adult_allowed: plainKey({ label: "Adult content allowed", subject: "adult content allowed" }, "bool", EQUALITY_OPERATORS),
    verified: plainKey({ label: "Verified", subject: "verified" }, "bool", EQUALITY_OPERATORS),
    date_of_birth: plainKey({ label: "Date of birth", subject: "date of birth" }, "date-unix", COMPARISON_OPERATORS),
    city: plainKey({ label: "City", subject: "city" }, "region", MEMBERSHIP_OPERATORS),
    languages: plainKey({ label: "Languages", subject: "languages" }, "language", MEMBERSHIP_OPERATORS),
  },
  computed: {
    region_by_phone: plainKey({ label: "Region by phone number", subject: "phone number region" }, "region", MEMBERSHIP_OPERATORS),
    region_by_ip: plainKey({ label: "Region by IP address", subject: "IP address region" }, "region", MEMBERSHIP_OPERATORS),
    device_category: enumKey(
      { label: "Device", subject: "device" },
      computedFields.device_category,
      { PERSONAL_COMPUTER: "personal computer", SMARTPHONE: "smartphone", TABLET: "tablet", WEARABLE_COMPUTER: "wearable computer" },
      EQUALITY_OPERATORS,
    ),
    client_type: enumKey(
      { label: "Client", subject: "client" },
      computedFields.client_type,
      { BROWSER: "browser", TOLOKA_APP: "Toloka app" },
      EQUALITY_OPERATORS,
    ),
    os_family: enumKey(
      { label: "Operating system", subject: "OS" },
      computedFields.os_family,
      {
        WINDOWS: "Windows",
        OS_X: "OS X",
        MAC_OS: "macOS",
        LINUX: "Linux",
        BSD: "BSD",
        ANDROID: "Android",
        IOS: "iOS",
        BLACKBERRY: "BlackBerry",
      },
      EQUALITY_OPERATORS,
    ),
    os_version: plainKey({ label: "OS version", subject: "OS version" }, "float", COMPARISON_OPERATORS),
    os_version_major: plainKey({ label: "OS major version", subject: "OS major version" }, "int", COMPARISON_OPERATORS),
    os_version_minor: plainKey({ label: "OS minor version", subject: "OS minor version" }, "int", COMPARISON_OPERATORS),
    os_version_bugfix: plainKey({ label: "OS bugfix version", subject: "OS bugfix version" }, "int", COMPARISON_OPERATORS),
    user_agent_type: enumKey(
      { label: "Browser type", subject: "browser type" },
      computedFields.user_agent_type,
      { BROWSER: "full-size browser", MOBILE_BROWSER: "mobile browser", OTHER: "other" },
      EQUALITY_OPERATORS,
    ),
    user_agent_family: enumKey(
      { label: "Browser", subject: "browser" },
      computedFields.user_agent_family,
      {
        IE: "Internet Explorer",
        CHROMIUM: "Chromium",
        CHROME: "Chrome",
        FIREFOX: "Firefox",
        SAFARI: "Safari",
        YANDEX_BROWSER: "Yandex Browser",
        IE_MOBILE: "IE Mobile",
        CHROME_MOBILE: "Chrome Mobile",
        MOBILE_FIREFOX: "Firefox Mobile",
        MOBILE_SAFARI: "Mobile Safari",
      },
      EQUALITY_OPERATORS,
    ),
    user_agent_version: plainKey({ label: "Browser version", subject: "browser version" }, "float", COMPARISON_OPERATORS),
    user_agent_version_major: plainKey({ label: "Browser major version", subject: "browser major version" }, "int", COMPARISON_OPERATORS),
    user_agent_version_minor: plainKey({ label: "Browser minor version", subject: "browser minor version" }, "int", COMPARISON_OPERATORS),
    user_agent_version_bugfix: plainKey({ label: "Browser bugfix version", subject: "browser bugfix version" }, "int", COMPARISON_OPERATORS),
  },
} as const satisfies Record<KeyedCategory, Record<string, KeySpec>>;

/** The skill category: the key is a skill id, the value a level 0-100 or null ("does not have the skill"). */
export const SKILL_KEY_SPEC = plainKey({ label: "Skill", subject: "skill" }, "skill", COMPARISON_OPERATORS);

// Evaluation reads a condition's value straight off the Toloker by key, so the key sets must be the same.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _ProfileKeysMatchToloker = Assert<SameKeys<keyof typeof FILTER_KEYS.profile, keyof Toloker["profile"]>>;
type _ComputedKeysMatchToloker = Assert<SameKeys<keyof typeof FILTER_KEYS.computed, keyof Toloker["computed"]>>;

/** The metadata of a key, or undefined when the category has no such key. Any skill id gives SKILL_KEY_SPEC. */
export function keySpecFor(category: FilterCategory, key: string | number): KeySpec | undefined {
  if (category === "skill") return isSkillId(key) ? SKILL_KEY_SPEC : undefined;
  const keys: Record<string, KeySpec> = FILTER_KEYS[category];
  return typeof key === "string" && Object.hasOwn(keys, key) ? keys[key] : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Condition types, derived from the metadata.

type KindValue = {
  bool: boolean;
  int: number;
  float: number;
  "date-unix": number;
  region: number;
  language: string;
  country: string;
};
type SpecValue<S> = S extends { kind: "enum"; values: readonly (infer V)[] } ? V : S extends { kind: infer K extends keyof KindValue } ? KindValue[K] : never;
type SpecOperator<S> = S extends { operators: readonly (infer O)[] } ? O : never;
type KeyedConditionOf<C extends KeyedCategory> = {
  [K in keyof (typeof FILTER_KEYS)[C]]: {
    category: C;
    key: K;
    operator: SpecOperator<(typeof FILTER_KEYS)[C][K]>;
    value: SpecValue<(typeof FILTER_KEYS)[C][K]>;
  };
}[keyof (typeof FILTER_KEYS)[C]];

type EqualityOperator = (typeof EQUALITY_OPERATORS)[number];
type SkillOperator = SpecOperator<typeof SKILL_KEY_SPEC>;
type SkillConditionShape =
  | { category: "skill"; key: string; operator: Extract<SkillOperator, EqualityOperator>; value: number | null }
  | { category: "skill"; key: string; operator: Exclude<SkillOperator, EqualityOperator>; value: number };
type ConditionShape = KeyedConditionOf<"profile"> | KeyedConditionOf<"computed"> | SkillConditionShape;

// ---------------------------------------------------------------------------------------------------------------
// Value schemas, derived from the metadata.

const CODE_RE = /^[A-Z]{2}$/;
const SKILL_ID_RE = /^[1-9][0-9]{0,19}$/;
// Year 0001 to 9999: every value describeFilter can print as a date, and it rejects milliseconds (Date.now()).
const MIN_UNIX_SECONDS = -62_135_596_800;
const MAX_UNIX_SECONDS = 253_402_300_799;
const ONE_VALUE_HINT = 'one value per condition; for "any of several", put one condition per value in an "or" group';

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??= typeof value;
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function isSkillId(key: unknown): boolean {
  return (typeof key === "string" && SKILL_ID_RE.test(key)) || (typeof key === "number" && Number.isSafeInteger(key) && key > 0);
}

/** A zod error function: "value is required" or "expected <what>; got <input>" (arrays get the one-value hint). */
function expecting(what: string) {
  return (issue: { input?: unknown }) => {
    if (issue.input === undefined) return `value is required: expected ${what}`;
    if (Array.isArray(issue.input)) return `expected ${what}; got a list (${ONE_VALUE_HINT})`;
    return `expected ${what}; got ${show(issue.input)}`;
  };
}

function valueSchemaFor(spec: KeySpec): z.ZodType {
  switch (spec.kind) {
    case "enum": {
      const error = expecting(`one of ${spec.values.join(", ")}`);
      return z.enum(spec.values, { error });
    }
    case "bool":
      return z.boolean({ error: expecting("true or false") });
    case "int": {
      const error = expecting("an integer");
      return z.int({ error });
    }
    case "float":
      return z.number({ error: expecting("a number") });
    case "date-unix": {
      const error = expecting("a date as whole UNIX seconds, years 0001-9999 (not milliseconds)");
      return z.int({ error }).min(MIN_UNIX_SECONDS, { error }).max(MAX_UNIX_SECONDS, { error });
    }
    case "region": {
      const error = expecting("a region id (a positive integer, e.g. 225 for Russia)");
      return z.int({ error }).positive({ error });
    }
    case "language": {
      const error = expecting('an ISO 639-1 language code in uppercase, e.g. "EN"');
      return z.string({ error }).regex(CODE_RE, { error });
    }
    case "country": {
      const error = expecting('an ISO 3166-1 alpha-2 country code in uppercase, e.g. "DE"');
      return z.string({ error }).regex(CODE_RE, { error });
    }
    case "skill": {
      const error = expecting('a skill level from 0 to 100, or null for "does not have the skill"');
      return z.number({ error }).min(0, { error }).max(100, { error }).nullable().optional();
    }
  }
}

function operatorError(where: string, allowed: readonly string[]) {
  return (issue: { input?: unknown }) => {
    const list = allowed.join(", ");
    if (issue.input === undefined) return `operator is required; allowed for ${where}: ${list}`;
    const known = (FILTER_OPERATORS as readonly unknown[]).includes(issue.input);
    return known
      ? `operator ${show(issue.input)} is not allowed for ${where}; allowed: ${list}`
      : `unknown operator ${show(issue.input)}; allowed for ${where}: ${list} (uppercase)`;
  };
}

const conditionFieldsError = (issue: { code?: string; keys?: string[]; input?: unknown }) =>
  issue.code === "unrecognized_keys"
    ? `unexpected field ${issue.keys?.map((k) => JSON.stringify(k)).join(", ")}: a condition has only category, key, operator and value`
    : undefined;

function keyedConditionSchema(category: KeyedCategory, key: string, spec: KeySpec): z.ZodType {
  const where = `${category}.${key}`;
  return z.strictObject(
    {
      category: z.literal(category),
      key: z.literal(key),
      operator: z.enum(spec.operators, { error: operatorError(where, spec.operators) }),
      value: valueSchemaFor(spec),
    },
    { error: conditionFieldsError },
  );
}

const skillConditionSchema = z
  .strictObject(
    {
      category: z.literal("skill"),
      key: z.unknown().transform((key, ctx) => {
        if (isSkillId(key)) return String(key);
        ctx.addIssue({
          code: "custom",
          message: `a skill key is a skill id: digits with no leading zero, e.g. "26366" or 26366; got ${show(key)}`,
        });
        return z.NEVER;
      }),
      operator: z.enum(SKILL_KEY_SPEC.operators, { error: operatorError("a skill", SKILL_KEY_SPEC.operators) }),
      value: valueSchemaFor(SKILL_KEY_SPEC),
    },
    { error: conditionFieldsError },
  )
  .superRefine((condition, ctx) => {
    // Zod runs refinements even after field issues, so the operator here may be anything the input held.
    const operator = condition.operator as unknown;
    const nullish = condition.value === null || condition.value === undefined;
    if (nullish && (COMPARISON_OPERATORS as readonly unknown[]).includes(operator) && operator !== "EQ" && operator !== "NE") {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `${String(operator)} needs a skill level from 0 to 100; a null or missing value ("does not have the skill") is allowed only with EQ or NE`,
      });
    }
  })
  .transform((condition) => ({ ...condition, value: condition.value ?? null }));

const CONDITION_SCHEMAS: Record<KeyedCategory, Record<string, z.ZodType>> = {
  profile: Object.fromEntries(Object.entries(FILTER_KEYS.profile).map(([k, s]) => [k, keyedConditionSchema("profile", k, s)])),
  computed: Object.fromEntries(Object.entries(FILTER_KEYS.computed).map(([k, s]) => [k, keyedConditionSchema("computed", k, s)])),
};

// ---------------------------------------------------------------------------------------------------------------
// Dispatch. A union would report a failure at the node ("invalid input") instead of at the offending field, so
// each node is routed by hand to the one schema that applies, and that schema's issues keep their paths.

type Ctx = z.core.$RefinementCtx;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function delegate<T>(schema: z.ZodType<T>, input: unknown, ctx: Ctx): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue } as Parameters<Ctx["addIssue"]>[0]);
  return z.NEVER;
}

function issue(ctx: Ctx, message: string, path: PropertyKey[] = []): never {
  ctx.addIssue({ code: "custom", message, path });
  return z.NEVER;
}

function parseCondition(input: unknown, ctx: Ctx): ConditionShape {
  if (!isPlainObject(input)) {
    return issue(ctx, `expected a condition {category, key, operator, value}; got ${show(input)}`);
  }
  const { category, key } = input;
  const categories = FILTER_CATEGORIES.join(", ");
  if (category === undefined) return issue(ctx, `category is required: one of ${categories}`, ["category"]);
  if (!(FILTER_CATEGORIES as readonly unknown[]).includes(category)) {
    return issue(ctx, `unknown category ${show(category)}; allowed: ${categories}`, ["category"]);
  }
  if (category === "skill") {
    const condition = delegate(skillConditionSchema, input, ctx);
    return { ...condition, value: withoutNegativeZero(condition.value) } as ConditionShape;
  }
  const keyed = category as KeyedCategory;
  const allowedKeys = Object.keys(FILTER_KEYS[keyed]).join(", ");
  if (typeof key !== "string" || !Object.hasOwn(CONDITION_SCHEMAS[keyed], key)) {
    const required = key === undefined ? "key is required" : `unknown key ${show(key)} for category ${keyed}`;
    const other = FILTER_CATEGORIES.find(
      (c): c is KeyedCategory => c !== keyed && c !== "skill" && typeof key === "string" && Object.hasOwn(FILTER_KEYS[c], key),
    );
    const hint = other ? ` (${show(key)} is a ${other} key)` : "";
    return issue(ctx, `${required}${hint}; allowed for ${keyed}: ${allowedKeys}`, ["key"]);
  }
  const condition = delegate(CONDITION_SCHEMAS[keyed][key], input, ctx) as ConditionShape;
  return { ...condition, value: withoutNegativeZero(condition.value) } as ConditionShape;
}

function withoutNegativeZero<T>(value: T): T {
  return (Object.is(value, -0) ? 0 : value) as T;
}

/** One condition `{category, key, operator, value}`, validated against the metadata; output is canonical. */
export const filterConditionSchema: z.ZodType<ConditionShape, unknown> = z.unknown().transform((input, ctx) => parseCondition(input, ctx));

export type FilterCondition = z.infer<typeof filterConditionSchema>;
export type SkillCondition = Extract<FilterCondition, { category: "skill" }>;

// Recursive types can't be inferred by zod, so the group's shape is spelt out here once, and the schemas below are
// checked against it by their annotations.
type FilterGroupShape = { and: FilterNodeShape[] } | { or: FilterNodeShape[] };
type FilterNodeShape = ConditionShape | FilterGroupShape;

const groupSchemas = new Map<number, z.ZodType<FilterGroupShape, unknown>>();
const nodeSchemas = new Map<number, z.ZodType<FilterNodeShape, unknown>>();

/** A group at `level` (the top group is 1); its children are nodes under `level` groups. */
function groupSchemaAt(level: number): z.ZodType<FilterGroupShape, unknown> {
  const cached = groupSchemas.get(level);
  if (cached) return cached;
  const children = (op: "and" | "or") =>
    z
      .array(
        z.lazy(() => nodeSchemaAt(level)),
        { error: (i) => `"${op}" takes a list of conditions and groups; got ${show(i.input)}` },
      )
      .min(1, { error: `"${op}" needs at least one condition` });
  const fieldsError = (i: { code?: string; keys?: string[] }) =>
    i.code === "unrecognized_keys"
      ? `unexpected field ${i.keys?.map((k) => JSON.stringify(k)).join(", ")}: a group has exactly one key, "and" or "or"`
      : undefined;
  const and = z.strictObject({ and: children("and") }, { error: fieldsError });
  const or = z.strictObject({ or: children("or") }, { error: fieldsError });
  const schema = z.unknown().transform((input, ctx): FilterGroupShape => {
    if (!isPlainObject(input)) return issue(ctx, `expected a group {"and": [...]} or {"or": [...]}; got ${show(input)}`);
    const hasAnd = Object.hasOwn(input, "and");
    const hasOr = Object.hasOwn(input, "or");
    if (hasAnd && hasOr) return issue(ctx, 'a group has exactly one key, "and" or "or", not both');
    if (!hasAnd && !hasOr) return issue(ctx, `expected a group {"and": [...]} or {"or": [...]}; got ${show(input)}`);
    if (level > MAX_FILTER_DEPTH) {
      return issue(ctx, `groups nest at most ${MAX_FILTER_DEPTH} levels deep; this one is level ${level}`);
    }
    return hasAnd ? delegate(and, input, ctx) : delegate(or, input, ctx);
  });
  groupSchemas.set(level, schema);
  return schema;
}

/** A node inside `enclosingGroups` groups: a condition, or a group one level deeper. */
function nodeSchemaAt(enclosingGroups: number): z.ZodType<FilterNodeShape, unknown> {
  const cached = nodeSchemas.get(enclosingGroups);
  if (cached) return cached;
  const schema = z.unknown().transform((input, ctx): FilterNodeShape => {
    if (!isPlainObject(input)) {
      return issue(ctx, `expected a condition {category, key, operator, value} or a group {"and": [...]} / {"or": [...]}; got ${show(input)}`);
    }
    return isGroupLike(input) ? delegate(groupSchemaAt(enclosingGroups + 1), input, ctx) : parseCondition(input, ctx);
  });
  nodeSchemas.set(enclosingGroups, schema);
  return schema;
}

function isGroupLike(input: Record<string, unknown>): boolean {
  return Object.hasOwn(input, "and") || Object.hasOwn(input, "or");
}

/** A group `{"and": [...]}` or `{"or": [...]}` at the top, children nested up to MAX_FILTER_DEPTH. */
const filterGroupSchema: z.ZodType<FilterGroupShape, unknown> = groupSchemaAt(1);

/** Any node at the top: a condition or a group (no normalisation, no size limit; see recipientFilterSchema). */
const filterNodeSchema: z.ZodType<FilterNodeShape, unknown> = nodeSchemaAt(0);

export type FilterConnective = z.infer<typeof filterGroupSchema>;
export type FilterNode = z.infer<typeof filterNodeSchema>;

/**
 * `JSON.stringify(filter).length`, or undefined when the value is not JSON (a cycle, a BigInt, or nothing at all).
 */
function filterJsonLength(filter: unknown): number | undefined {
  try {
    return JSON.stringify(filter)?.length;
  } catch {
    return undefined;
  }
}

function tooLong(length: number): string {
  return `the filter is ${length.toLocaleString("en-US")} characters as JSON; the limit is ${MAX_FILTER_JSON_LENGTH.toLocaleString("en-US")}`;
}

/**
 * A whole recipient filter, as `recipients_filter` in compose. Accepts a group or a bare condition; the output is
 * always a group (a bare condition becomes `{"and": [condition]}`), canonical, and at most
 * MAX_FILTER_JSON_LENGTH characters as JSON.
 */
export const recipientFilterSchema: z.ZodType<FilterConnective, unknown> = z.unknown().transform((input, ctx): FilterConnective => {
  // Measure the raw input first so an oversized or cyclic body is refused before any walk over it.
  if (input === undefined) return issue(ctx, "a filter is required");
  const inputLength = filterJsonLength(input);
  if (inputLength === undefined) {
    return issue(ctx, "the filter cannot be written as JSON (it has a cycle, a BigInt, or nests too deep)");
  }
  if (inputLength > MAX_FILTER_JSON_LENGTH) return issue(ctx, tooLong(inputLength));
  if (!isPlainObject(input)) {
    return issue(ctx, `expected a filter: a group {"and": [...]} / {"or": [...]} or a condition; got ${show(input)}`);
  }
  const filter = isGroupLike(input) ? delegate(filterGroupSchema, input, ctx) : { and: [parseCondition(input, ctx)] };
  const outputLength = filterJsonLength(filter) ?? 0;
  if (outputLength > MAX_FILTER_JSON_LENGTH) return issue(ctx, `${tooLong(outputLength)} (after normalisation)`);
  return filter;
});

export type RecipientFilter = z.infer<typeof recipientFilterSchema>;

/** Whether a node is a group (`and`/`or`) rather than a condition. */
export function isFilterGroup(node: FilterNode): node is FilterConnective {
  return "and" in node || "or" in node;
}

/** The children of a group and how they combine. */
export function groupParts(group: FilterConnective): { op: "and" | "or"; children: FilterNode[] } {
  return "and" in group ? { op: "and", children: group.and } : { op: "or", children: group.or };
}

/**
 * The canonical top-level form of an already-valid node: a group stays as it is, a bare condition becomes
 * `{"and": [condition]}`. It does not validate; parse with recipientFilterSchema for untrusted input.
 */
export function normalizeFilter(node: FilterNode): RecipientFilter {
  return isFilterGroup(node) ? node : { and: [node] };
}
