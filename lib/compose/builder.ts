import {
  FILTER_KEYS,
  SKILL_KEY_SPEC,
  filterConditionSchema,
  groupParts,
  isFilterGroup,
  recipientFilterSchema,
  type FilterCondition,
  type FilterNode,
  type KeySpec,
  type KeyedCategory,
  type RecipientFilter,
} from "@/lib/filters";

/*
 * The filter builder's model: a tree of "all of" / "any of" groups and condition rows, each row of one kind
 * (skill, languages, country, age, ...) holding its inputs as strings, the way the form has them while someone
 * types. `toFilter` turns the tree into the filter language (toloka-api.md §4), naming the row and the input of
 * the first problem; `fromFilter` fills the tree from a parsed filter, so pasted JSON can be edited. Client-safe.
 *
 * Every condition of the language has a kind that reads it, so any valid filter fills the builder; and a tree
 * made by the builder comes back from its filter as the same tree (given the same day: ages are counted from it).
 */

// The builder's tree is the draft's shape: it is defined with the draft's schema (schemas are the leaf).
export { CONDITION_KINDS, type ConditionKind, type BuilderGroup, type BuilderCondition, type BuilderNode } from "@/lib/schemas/compose";
import type { BuilderCondition, BuilderGroup, BuilderNode, ConditionKind } from "@/lib/schemas/compose";
import { CONDITION_KINDS } from "@/lib/schemas/compose";

/** Where a problem is: the row (or group) id and the input's name. */
export interface BuilderError {
  nodeId: string;
  field?: string;
  /** In English. */
  message: string;
  /** The same as a message key of `compose.builderErrors` with its values, for the page's language; none when
   * the words are the schema's or the JSON parser's (the page then says only that the value is not valid). */
  say?: BuilderSay;
}

type BuilderSayKey =
  | "chooseOne"
  | "yesNo"
  | "wholeNumber"
  | "enterWholeNumber"
  | "number"
  | "enterNumber"
  | "regionId"
  | "chooseRegion"
  | "languageCode"
  | "chooseLanguage"
  | "countryCode"
  | "chooseCountry"
  | "date"
  | "enterDate"
  | "notKeyed"
  | "chooseKey"
  | "chooseOp"
  | "chooseHow"
  | "skillId"
  | "chooseSkill"
  | "level"
  | "enterLevel"
  | "enterAge"
  | "age"
  | "ageOrder"
  | "unknownKind"
  | "emptyGroup";
interface BuilderSay {
  key: BuilderSayKey;
  values?: Record<string, string | number>;
}
const say = (key: BuilderSayKey, values?: Record<string, string | number>): BuilderSay => (values ? { key, values } : { key });

export interface BuilderContext {
  /** Ages are counted from this day (UTC); the form passes today. */
  today: Date;
}

export type SkillMode = "gte" | "gt" | "lt" | "lte" | "eq" | "ne" | "none" | "any";

/** Skill comparisons in words, in the order a picker lists them. */
export const SKILL_MODES: ReadonlyArray<{ mode: SkillMode; label: string }> = [
  { mode: "gte", label: "at least" },
  { mode: "lt", label: "below" },
  { mode: "eq", label: "equals" },
  { mode: "none", label: "has no skill" },
  { mode: "any", label: "has it at any level" },
  { mode: "gt", label: "above" },
  { mode: "lte", label: "at most" },
  { mode: "ne", label: "is not" },
];

const SKILL_OPERATOR: Record<Exclude<SkillMode, "none" | "any">, FilterCondition["operator"]> = {
  gte: "GTE",
  gt: "GT",
  lt: "LT",
  lte: "LTE",
  eq: "EQ",
  ne: "NE",
};

/**
 * The label of each kind, for the "add condition" menu and its rows. A kind that reads one key takes the key's
 * label from FILTER_KEYS. The others keep a word of their own, for another idea than one key's label: "Age" (dates
 * of birth counted from today), "Region" (three keys: by IP address, by phone number, the city), "Operating
 * system" and "Browser" (a family, a type or a version); and "Language", "Device category" and "Client type" name
 * the condition, where the key's label ("Languages", "Device", "Client") names the profile's list or the row's
 * value picker.
 */
export const KIND_LABELS: Readonly<Record<ConditionKind, string>> = {
  skill: SKILL_KEY_SPEC.label,
  languages: "Language",
  country: FILTER_KEYS.profile.country.label,
  citizenship: FILTER_KEYS.profile.citizenship.label,
  gender: FILTER_KEYS.profile.gender.label,
  age: "Age",
  "birth-date": FILTER_KEYS.profile.date_of_birth.label,
  adult: FILTER_KEYS.profile.adult_allowed.label,
  verified: FILTER_KEYS.profile.verified.label,
  education: FILTER_KEYS.profile.education.label,
  region: "Region",
  device: "Device category",
  client: "Client type",
  os: "Operating system",
  browser: "Browser",
};

/** The keys a keyed kind covers (its `key` input picks among them when there are several). */
const KIND_KEYS: Readonly<Partial<Record<ConditionKind, ReadonlyArray<{ category: KeyedCategory; key: string }>>>> = {
  languages: [{ category: "profile", key: "languages" }],
  country: [{ category: "profile", key: "country" }],
  citizenship: [{ category: "profile", key: "citizenship" }],
  gender: [{ category: "profile", key: "gender" }],
  adult: [{ category: "profile", key: "adult_allowed" }],
  verified: [{ category: "profile", key: "verified" }],
  education: [{ category: "profile", key: "education" }],
  region: [
    { category: "computed", key: "region_by_ip" },
    { category: "computed", key: "region_by_phone" },
    { category: "profile", key: "city" },
  ],
  device: [{ category: "computed", key: "device_category" }],
  client: [{ category: "computed", key: "client_type" }],
  os: ["os_family", "os_version", "os_version_major", "os_version_minor", "os_version_bugfix"].map((key) => ({ category: "computed" as const, key })),
  browser: [
    "user_agent_family",
    "user_agent_type",
    "user_agent_version",
    "user_agent_version_major",
    "user_agent_version_minor",
    "user_agent_version_bugfix",
  ].map((key) => ({ category: "computed" as const, key })),
};

/** The keys a keyed kind compares, each with its label from FILTER_KEYS, in the order a picker lists them. */
export function keysOfKind(kind: ConditionKind): Array<{ key: string; label: string }> {
  return (KIND_KEYS[kind] ?? []).map(({ category, key }) => ({ key, label: specOfKey(category, key).label }));
}

/** The metadata of a keyed kind's key. */
export function specOfKey(category: KeyedCategory, key: string): KeySpec {
  return (FILTER_KEYS[category] as Record<string, KeySpec>)[key];
}

/** A new row of a kind with sensible first values. */
export function defaultFields(kind: ConditionKind): Record<string, string> {
  switch (kind) {
    case "skill":
      return { skill: "", mode: "gte", level: "80" };
    case "age":
      return { min: "18", max: "" };
    case "birth-date":
      return { op: "LT", date: "" };
    case "languages":
      return { key: "languages", op: "IN", value: "EN" };
    case "country":
    case "citizenship":
      return { key: kind, op: "EQ", value: "" };
    case "adult":
    case "verified":
      return { key: KIND_KEYS[kind]![0].key, op: "EQ", value: "true" };
    case "region":
      return { key: "region_by_ip", op: "IN", value: "" };
    case "os":
      return { key: "os_family", op: "EQ", value: "ANDROID" };
    case "browser":
      return { key: "user_agent_family", op: "EQ", value: "CHROME" };
    default: {
      const { category, key } = KIND_KEYS[kind]![0];
      const spec = specOfKey(category, key);
      return { key, op: spec.operators[0], value: spec.kind === "enum" ? spec.values[0] : "" };
    }
  }
}

let counter = 0;
/** A row or group id, unique within the page. */
function newNodeId(): string {
  counter++;
  return `n${Date.now().toString(36)}${counter.toString(36)}`;
}

export function newCondition(kind: ConditionKind, makeId: () => string = newNodeId): BuilderCondition {
  return { id: makeId(), type: "condition", kind, fields: defaultFields(kind) };
}

export function newGroup(op: "and" | "or", children: BuilderNode[] = [], makeId: () => string = newNodeId): BuilderGroup {
  return { id: makeId(), type: "group", op, children };
}

// ---------------------------------------------------------------------------------------------------------------
// Dates for ages

/** Midnight UTC of a day. */
function utcMidnight(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** UNIX seconds of midnight UTC `years` years before `today` (the day someone born then turns `years`). */
export function yearsBefore(today: Date, years: number): number {
  const t = utcMidnight(today);
  return Date.UTC(t.getUTCFullYear() - years, t.getUTCMonth(), t.getUTCDate()) / 1000;
}

/** The whole number of years `seconds` lies before `today`, when it is exactly such a day; else undefined. */
function exactYearsBefore(today: Date, seconds: number): number | undefined {
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(date.getTime())) return undefined;
  const years = utcMidnight(today).getUTCFullYear() - date.getUTCFullYear();
  if (years < 0 || years > 150) return undefined;
  return yearsBefore(today, years) === seconds ? years : undefined;
}

/** "2001-02-03" for midnight UTC, else the full ISO instant. */
function secondsToDateField(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
}

/** Seconds from a date field ("2001-02-03" as midnight UTC, or an ISO instant); undefined when unreadable. */
function dateFieldToSeconds(value: string): number | undefined {
  const v = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/.test(v)) return undefined;
  const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v.endsWith("Z") ? v : `${v}Z`);
  if (!Number.isFinite(ms) || ms % 1000 !== 0) return undefined;
  return ms / 1000;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows to conditions

type RowResult = { nodes: FilterNode[] } | { error: BuilderError };

const INT_RE = /^-?\d+$/;
const NUMBER_RE = /^-?(\d+\.?\d*|\.\d+)$/;

function fieldError(row: BuilderCondition, field: string, message: string, said?: BuilderSay): RowResult {
  return { error: { nodeId: row.id, field, message, ...(said ? { say: said } : {}) } };
}

/** Parses one input by the value kind of its key; a message when it cannot be read. */
function parseValue(spec: KeySpec, raw: string): { value: unknown } | { message: string; say: BuilderSay } {
  const v = raw.trim();
  switch (spec.kind) {
    case "enum":
      return (spec.values as readonly string[]).includes(v)
        ? { value: v }
        : (() => {
            const options = spec.values.map((x) => (spec.valueLabels as Record<string, string>)[x]).join(", ");
            return { message: `choose one of: ${options}`, say: say("chooseOne", { options }) };
          })();
    case "bool":
      return v === "true" || v === "false" ? { value: v === "true" } : { message: "choose yes or no", say: say("yesNo") };
    case "int":
      return INT_RE.test(v)
        ? { value: Number(v) }
        : v
          ? { message: "must be a whole number", say: say("wholeNumber") }
          : { message: "enter a whole number", say: say("enterWholeNumber") };
    case "float":
      return NUMBER_RE.test(v)
        ? { value: Number(v) }
        : v
          ? { message: "must be a number, like 10 or 13.4", say: say("number") }
          : { message: "enter a number", say: say("enterNumber") };
    case "region":
      return /^[1-9]\d{0,9}$/.test(v)
        ? { value: Number(v) }
        : v
          ? { message: "must be a region id (a positive whole number)", say: say("regionId") }
          : { message: "choose a region or enter its id", say: say("chooseRegion") };
    case "language":
      return /^[A-Za-z]{2}$/.test(v)
        ? { value: v.toUpperCase() }
        : v
          ? { message: "must be a two-letter language code", say: say("languageCode") }
          : { message: "choose a language", say: say("chooseLanguage") };
    case "country":
      return /^[A-Za-z]{2}$/.test(v)
        ? { value: v.toUpperCase() }
        : v
          ? { message: "must be a two-letter country code", say: say("countryCode") }
          : { message: "choose a country", say: say("chooseCountry") };
    case "date-unix": {
      const s = dateFieldToSeconds(v);
      if (s !== undefined) return { value: s };
      return v
        ? { message: "must be a date like 1990-05-31", say: say("date", { example: "1990-05-31" }) }
        : { message: "enter a date", say: say("enterDate") };
    }
    case "skill":
      return { message: "not a keyed value", say: say("notKeyed") };
  }
}

/** The first message of a condition the schema refused. */
function schemaMessage(input: unknown): string | undefined {
  const r = filterConditionSchema.safeParse(input);
  return r.success ? undefined : r.error.issues[0]?.message;
}

function keyedRow(row: BuilderCondition): RowResult {
  const keys = KIND_KEYS[row.kind]!;
  const key = row.fields.key ?? keys[0].key;
  const entry = keys.find((k) => k.key === key);
  if (!entry) {
    const names = keys.map((k) => specOfKey(k.category, k.key).label).join(", ");
    return fieldError(row, "key", `choose what to compare (${names})`, say("chooseKey", { keys: names }));
  }
  const spec = specOfKey(entry.category, key);
  const op = row.fields.op ?? spec.operators[0];
  if (!(spec.operators as readonly string[]).includes(op))
    return fieldError(row, "op", `choose how to compare (${spec.operators.join(", ")})`, say("chooseOp", { ops: spec.operators.join(", ") }));
  const parsed = parseValue(spec, row.fields.value ?? "");
  if ("message" in parsed) return fieldError(row, "value", parsed.message, parsed.say);
  const condition = { category: entry.category, key, operator: op, value: parsed.value };
  const problem = schemaMessage(condition);
  if (problem) return fieldError(row, "value", problem);
  return { nodes: [filterConditionSchema.parse(condition)] };
}

function skillRow(row: BuilderCondition): RowResult {
  const skill = (row.fields.skill ?? "").trim();
  if (!/^[1-9]\d{0,19}$/.test(skill))
    return skill ? fieldError(row, "skill", "must be a skill id", say("skillId")) : fieldError(row, "skill", "choose a skill", say("chooseSkill"));
  const mode = (row.fields.mode ?? "gte") as SkillMode;
  if (!SKILL_MODES.some((m) => m.mode === mode)) return fieldError(row, "mode", "choose how to compare", say("chooseHow"));
  if (mode === "none") return { nodes: [filterConditionSchema.parse({ category: "skill", key: skill, operator: "EQ", value: null })] };
  if (mode === "any") return { nodes: [filterConditionSchema.parse({ category: "skill", key: skill, operator: "NE", value: null })] };
  const level = (row.fields.level ?? "").trim();
  if (!NUMBER_RE.test(level) || Number(level) < 0 || Number(level) > 100) {
    return level
      ? fieldError(row, "level", "must be a level from 0 to 100", say("level"))
      : fieldError(row, "level", "enter a level from 0 to 100", say("enterLevel"));
  }
  return { nodes: [filterConditionSchema.parse({ category: "skill", key: skill, operator: SKILL_OPERATOR[mode], value: Number(level) })] };
}

const MAX_AGE = 150;

function ageRow(row: BuilderCondition, ctx: BuilderContext): RowResult {
  const minRaw = (row.fields.min ?? "").trim();
  const maxRaw = (row.fields.max ?? "").trim();
  if (minRaw === "" && maxRaw === "") return fieldError(row, "min", "enter a youngest age, an oldest age, or both", say("enterAge"));
  const read = (raw: string, field: string): number | RowResult | undefined => {
    if (raw === "") return undefined;
    if (!/^\d{1,3}$/.test(raw) || Number(raw) > MAX_AGE)
      return fieldError(row, field, `must be a whole number of years from 0 to ${MAX_AGE}`, say("age", { max: MAX_AGE }));
    return Number(raw);
  };
  const min = read(minRaw, "min");
  if (typeof min === "object") return min;
  const max = read(maxRaw, "max");
  if (typeof max === "object") return max;
  if (min !== undefined && max !== undefined && min > max) return fieldError(row, "max", "must not be below the youngest age", say("ageOrder"));
  const nodes: FilterNode[] = [];
  // "At least min years old": born on or before the day min years ago. "At most max": born after the day max+1 years ago.
  if (min !== undefined)
    nodes.push(filterConditionSchema.parse({ category: "profile", key: "date_of_birth", operator: "LTE", value: yearsBefore(ctx.today, min) }));
  if (max !== undefined)
    nodes.push(filterConditionSchema.parse({ category: "profile", key: "date_of_birth", operator: "GT", value: yearsBefore(ctx.today, max + 1) }));
  return { nodes };
}

function birthDateRow(row: BuilderCondition): RowResult {
  const op = row.fields.op ?? "LT";
  if (!(FILTER_KEYS.profile.date_of_birth.operators as readonly string[]).includes(op)) return fieldError(row, "op", "choose how to compare", say("chooseHow"));
  const seconds = dateFieldToSeconds(row.fields.date ?? "");
  if (seconds === undefined)
    return row.fields.date
      ? fieldError(row, "date", "must be a date like 1990-05-31", say("date", { example: "1990-05-31" }))
      : fieldError(row, "date", "enter a date", say("enterDate"));
  const condition = { category: "profile", key: "date_of_birth", operator: op, value: seconds };
  const problem = schemaMessage(condition);
  if (problem) return fieldError(row, "date", problem);
  return { nodes: [filterConditionSchema.parse(condition)] };
}

/** One row as conditions (an age range is two), or what is wrong with it. */
export function rowToConditions(row: BuilderCondition, ctx: BuilderContext): RowResult {
  switch (row.kind) {
    case "skill":
      return skillRow(row);
    case "age":
      return ageRow(row, ctx);
    case "birth-date":
      return birthDateRow(row);
    default:
      if (!KIND_KEYS[row.kind]) return fieldError(row, "kind", "unknown kind of condition", say("unknownKind"));
      return keyedRow(row);
  }
}

/** Every problem in the tree, in reading order: the rows' own and empty groups. */
function builderErrors(root: BuilderGroup, ctx: BuilderContext): BuilderError[] {
  const errors: BuilderError[] = [];
  const walk = (node: BuilderNode) => {
    if (node.type === "group") {
      if (node.children.length === 0) errors.push({ nodeId: node.id, message: "add a condition to this group, or remove it", say: say("emptyGroup") });
      node.children.forEach(walk);
      return;
    }
    const r = rowToConditions(node, ctx);
    if ("error" in r) errors.push(r.error);
  };
  walk(root);
  return errors;
}

function groupToNode(group: BuilderGroup, ctx: BuilderContext): FilterNode | { error: BuilderError } {
  if (group.children.length === 0) return { error: { nodeId: group.id, message: "add a condition to this group, or remove it", say: say("emptyGroup") } };
  const children: FilterNode[] = [];
  for (const child of group.children) {
    if (child.type === "group") {
      const node = groupToNode(child, ctx);
      if ("error" in node) return node;
      children.push(node);
      continue;
    }
    const r = rowToConditions(child, ctx);
    if ("error" in r) return r;
    // Several conditions from one row (an age range) mean "all of them": inline in "all of", grouped in "any of".
    if (r.nodes.length > 1 && group.op === "or") children.push({ and: r.nodes });
    else children.push(...r.nodes);
  }
  return group.op === "and" ? { and: children } : { or: children };
}

export type ToFilterResult = { ok: true; filter: RecipientFilter } | { ok: false; errors: BuilderError[] };

/** The tree as a filter, validated as Toloka will see it; or every problem, each at its row and input. */
export function toFilter(root: BuilderGroup, ctx: BuilderContext): ToFilterResult {
  const errors = builderErrors(root, ctx);
  if (errors.length > 0) return { ok: false, errors };
  const node = groupToNode(root, ctx);
  if ("error" in node) return { ok: false, errors: [node.error] };
  const parsed = recipientFilterSchema.safeParse(node);
  if (!parsed.success) return { ok: false, errors: [{ nodeId: root.id, message: parsed.error.issues[0]?.message ?? "the filter is not valid" }] };
  return { ok: true, filter: parsed.data };
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions to rows

function kindOfKey(category: string, key: string): ConditionKind | undefined {
  for (const kind of CONDITION_KINDS) {
    if (KIND_KEYS[kind]?.some((k) => k.category === category && k.key === key)) return kind;
  }
  return undefined;
}

function valueToField(value: unknown): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

/** The row for one condition (date of birth reads as a birth-date row; ages are paired in the group). */
function conditionToRow(c: FilterCondition, makeId: () => string = newNodeId): BuilderCondition {
  if (c.category === "skill") {
    let fields: Record<string, string>;
    if (c.value === null) fields = { skill: c.key, mode: c.operator === "EQ" ? "none" : "any", level: "" };
    else {
      const mode = (Object.keys(SKILL_OPERATOR) as Array<keyof typeof SKILL_OPERATOR>).find((m) => SKILL_OPERATOR[m] === c.operator)!;
      fields = { skill: c.key, mode, level: String(c.value) };
    }
    return { id: makeId(), type: "condition", kind: "skill", fields };
  }
  if (c.category === "profile" && c.key === "date_of_birth") {
    return { id: makeId(), type: "condition", kind: "birth-date", fields: { op: c.operator, date: secondsToDateField(c.value as number) } };
  }
  const kind = kindOfKey(c.category, c.key);
  if (!kind) throw new Error(`No builder kind reads ${c.category}.${c.key}`);
  return { id: makeId(), type: "condition", kind, fields: { key: c.key, op: c.operator, value: valueToField(c.value) } };
}

function ageBound(node: FilterNode, ctx: BuilderContext): { min?: number; max?: number } | undefined {
  if (isFilterGroup(node) || node.category !== "profile" || node.key !== "date_of_birth") return undefined;
  const years = exactYearsBefore(ctx.today, node.value as number);
  if (years === undefined) return undefined;
  if (node.operator === "LTE") return { min: years };
  if (node.operator === "GT" && years >= 1) return { max: years - 1 };
  return undefined;
}

function ageRowOf(min: number | undefined, max: number | undefined, makeId: () => string): BuilderCondition {
  return { id: makeId(), type: "condition", kind: "age", fields: { min: min === undefined ? "" : String(min), max: max === undefined ? "" : String(max) } };
}

function readChildren(op: "and" | "or", children: FilterNode[], ctx: BuilderContext, makeId: () => string): BuilderNode[] {
  const out: BuilderNode[] = [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (isFilterGroup(child)) {
      const group = readGroup(child, ctx, makeId);
      // {"and": [age bounds]} inside "any of" is how one age row is written there: read it back as the row.
      const only = group.children[0];
      if (
        op === "or" &&
        group.op === "and" &&
        group.children.length === 1 &&
        only.type === "condition" &&
        only.kind === "age" &&
        only.fields.min &&
        only.fields.max
      ) {
        out.push(only);
      } else out.push(group);
      continue;
    }
    const b = ageBound(child, ctx);
    if (b) {
      // A lower bound followed by an upper one is one age range, as the builder writes it.
      const next = b.min !== undefined && i + 1 < children.length && op === "and" ? ageBound(children[i + 1], ctx) : undefined;
      if (next?.max !== undefined && next.max >= b.min!) {
        out.push(ageRowOf(b.min, next.max, makeId));
        i++;
      } else out.push(ageRowOf(b.min, b.max, makeId));
      continue;
    }
    out.push(conditionToRow(child, makeId));
  }
  return out;
}

function readGroup(group: RecipientFilter, ctx: BuilderContext, makeId: () => string): BuilderGroup {
  const { op, children } = groupParts(group);
  return { id: makeId(), type: "group", op, children: readChildren(op, children, ctx, makeId) };
}

/** The tree for a parsed filter (parse untrusted JSON with recipientFilterSchema first). */
export function fromFilter(filter: RecipientFilter, ctx: BuilderContext, makeId: () => string = newNodeId): BuilderGroup {
  return readGroup(filter, ctx, makeId);
}

export type ParseJsonResult = { ok: true; root: BuilderGroup; filter: RecipientFilter } | { ok: false; message: string; path?: string };

/** Pasted JSON to a tree: not JSON, or not a valid filter, gives a message naming where. */
export function parseFilterJson(text: string, ctx: BuilderContext, makeId: () => string = newNodeId): ParseJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = recipientFilterSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join(".");
    return { ok: false, message: issue ? `${path ? `at ${path}: ` : ""}${issue.message}` : "not a valid filter", path: path || undefined };
  }
  return { ok: true, root: fromFilter(parsed.data, ctx, makeId), filter: parsed.data };
}

/** An empty "all of" group: where a new filter starts. */
export function emptyRoot(makeId: () => string = newNodeId): BuilderGroup {
  return newGroup("and", [], makeId);
}

// ---------------------------------------------------------------------------------------------------------------
// Editing the tree (immutably, for React state)

/** The tree with the node of `id` replaced by `fn(node)`. */
export function updateNode(root: BuilderGroup, id: string, fn: (node: BuilderNode) => BuilderNode): BuilderGroup {
  const walk = (node: BuilderNode): BuilderNode => {
    if (node.id === id) return fn(node);
    if (node.type === "group") return { ...node, children: node.children.map(walk) };
    return node;
  };
  return walk(root) as BuilderGroup;
}

/** The tree without the node of `id` (the root stays). */
export function removeNode(root: BuilderGroup, id: string): BuilderGroup {
  const walk = (group: BuilderGroup): BuilderGroup => ({
    ...group,
    children: group.children.filter((c) => c.id !== id).map((c) => (c.type === "group" ? walk(c) : c)),
  });
  return walk(root);
}

/** The tree with `node` added at the end of the group of `groupId`. */
export function appendChild(root: BuilderGroup, groupId: string, node: BuilderNode): BuilderGroup {
  return updateNode(root, groupId, (g) => (g.type === "group" ? { ...g, children: [...g.children, node] } : g));
}
