import { countryName, languageName, verifiedLanguageOfSkill } from "./catalog";
import { regionName } from "./regions";
import {
  FILTER_KEYS,
  OPERATOR_SYMBOLS,
  groupParts,
  isFilterGroup,
  type FilterCondition,
  type FilterNode,
  type KeySpec,
  type KeyedCategory,
  type SkillCondition,
} from "./schema";

/*
 * Plain-language descriptions of filters, for the compose form's summary and the sent thread's details.
 * Wording: groups read infix ("A and B", "A or B"); a nested group with more than one child is parenthesised so
 * "and"/"or" never need precedence rules; a group of one reads as its child. An "or" whose children are all
 * EQ (or all IN) on the same key reads as one clause ("device is a smartphone or a tablet"). Codes and region
 * ids read as English names where catalog.ts / regions.ts know them, else as themselves. Unknown values are not
 * spelt out ("country is not DE" also covers Tolokers with no country) except for skills, where a missing skill
 * is common and "≠ 80" would mislead: "skill X ≠ 80 (or absent)". A key's sentence subject ("phone number
 * region") is its spec's `subject` in FILTER_KEYS.
 */

export interface DescribeOptions {
  /** Skill id to its name, e.g. {"26366": "Accuracy"}; a skill without one reads as `skill #26366`. */
  skillNames?: Readonly<Record<string, string>>;
}

/**
 * A filter in plain English, e.g. `skill "Accuracy" ≥ 80 and speaks English and (device is a smartphone or a
 * tablet)`. Accepts a group or a bare condition; never throws on a parsed filter and never returns "".
 */
export function describeFilter(filter: FilterNode, options: DescribeOptions = {}): string {
  return describeNode(filter, false, options);
}

function describeNode(node: FilterNode, nested: boolean, options: DescribeOptions): string {
  if (!isFilterGroup(node)) return describeCondition(node, options);
  const { op, children } = groupParts(node);
  // The schema rejects empty groups; read one the way evaluation treats it rather than print nothing.
  if (children.length === 0) return op === "and" ? "anyone" : "no one";
  if (children.length === 1) return describeNode(children[0], nested, options);
  const text = (op === "or" && describeMergedOr(children)) || children.map((c) => describeNode(c, true, options)).join(` ${op} `);
  return nested ? `(${text})` : text;
}

/** "x is A or B" for an `or` of EQ (or IN) conditions on one non-skill key; undefined when the group isn't one. */
function describeMergedOr(children: FilterNode[]): string | undefined {
  const conditions = children.filter((c): c is Exclude<FilterCondition, SkillCondition> => !isFilterGroup(c) && c.category !== "skill");
  if (conditions.length !== children.length) return undefined;
  const [first] = conditions;
  if (first.operator !== "EQ" && first.operator !== "IN") return undefined;
  const sameKey = conditions.every((c) => c.category === first.category && c.key === first.key && c.operator === first.operator);
  const spec = specOf(first);
  if (!sameKey || spec.kind === "bool") return undefined;
  return keyedPhrase(
    first,
    spec,
    conditions.map((c) => valueText(c.category, c.key, spec, c.value)),
  );
}

function describeCondition(condition: FilterCondition, options: DescribeOptions): string {
  if (condition.category === "skill") return describeSkill(condition, options);
  const spec = specOf(condition);
  return keyedPhrase(condition, spec, [valueText(condition.category, condition.key, spec, condition.value)]);
}

function specOf(condition: Exclude<FilterCondition, SkillCondition>): KeySpec {
  return (FILTER_KEYS[condition.category] as Record<string, KeySpec>)[condition.key];
}

/** "a smartphone", "the Toloka app": keys whose values are things a Toloker uses read with an article. */
const ARTICLE_KEYS = new Set(["device_category", "client_type", "user_agent_type"]);

/** The clause for one keyed condition; several `values` (a merged `or`) read as "A or B". */
function keyedPhrase(condition: Exclude<FilterCondition, SkillCondition>, spec: KeySpec, values: string[]): string {
  const { key, operator } = condition;
  const either = values.join(" or ");
  const { subject } = spec;
  switch (spec.kind) {
    case "bool":
      return describeBool(key, operator === "EQ" ? condition.value === true : null, operator === "NE" ? condition.value === true : null);
    case "language":
      return operator === "IN" ? `speaks ${either}` : `does not speak ${either}`;
    case "region":
      return operator === "IN" ? `${subject} is in ${either}` : `${subject} is not in ${either}`;
    case "date-unix":
      return describeBirth(subject, operator, either);
    case "country":
      if (key === "citizenship") return operator === "EQ" ? `citizen of ${either}` : `not a citizen of ${either}`;
      return operator === "EQ" ? `${subject} is ${either}` : `${subject} is not ${either}`;
    case "enum":
      return operator === "EQ" ? `${subject} is ${either}` : `${subject} is not ${either}`;
    case "int":
    case "float":
    case "skill":
      return `${subject} ${OPERATOR_SYMBOLS[operator]} ${either}`;
  }
}

/** `eq`: the EQ value, or null for NE; `ne`: the NE value, or null for EQ. */
function describeBool(key: string, eq: boolean | null, ne: boolean | null): string {
  const words =
    key === "adult_allowed"
      ? { yes: "allows adult content", no: "does not allow adult content", notNo: "is not marked as refusing adult content" }
      : { yes: "is verified", no: "is not verified", notNo: "is not marked as unverified" };
  if (eq !== null) return eq ? words.yes : words.no;
  // NE true is "false or unknown", which "is not verified" already says; NE false needs its own wording.
  return ne ? words.no : words.notNo;
}

function describeBirth(subject: string, operator: FilterCondition["operator"], date: string): string {
  switch (operator) {
    case "EQ":
      return `born on ${date}`;
    case "NE":
      return `not born on ${date}`;
    case "GT":
      return `born after ${date}`;
    case "GTE":
      return `born on or after ${date}`;
    case "LT":
      return `born before ${date}`;
    case "LTE":
      return `born on or before ${date}`;
    default:
      return `${subject} ${OPERATOR_SYMBOLS[operator]} ${date}`;
  }
}

function valueText(_category: KeyedCategory, key: string, spec: KeySpec, value: unknown): string {
  switch (spec.kind) {
    case "enum": {
      const label = (spec.valueLabels as Record<string, string>)[String(value)] ?? String(value);
      return ARTICLE_KEYS.has(key) ? withArticle(label) : label;
    }
    case "country":
      return countryName(String(value)) ?? String(value);
    case "language":
      return languageName(String(value)) ?? String(value);
    case "region":
      return regionName(Number(value)) ?? `region ${String(value)}`;
    case "date-unix":
      return formatUnixDate(Number(value));
    default:
      return String(value);
  }
}

function withArticle(label: string): string {
  if (label === "other") return "something else";
  if (label === "Toloka app") return "the Toloka app";
  return /^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`;
}

/** "2001-01-01" at midnight UTC, else "2001-01-01 12:30:00 UTC"; raw seconds if out of Date's range. */
function formatUnixDate(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(date.getTime())) return `${seconds} (UNIX seconds)`;
  const iso = date.toISOString();
  const [day, time] = [iso.slice(0, iso.indexOf("T")), iso.slice(iso.indexOf("T") + 1, iso.indexOf("T") + 9)];
  return time === "00:00:00" ? day : `${day} ${time} UTC`;
}

function describeSkill(condition: SkillCondition, options: DescribeOptions): string {
  const name = skillLabel(condition.key, options);
  if (condition.value === null) return condition.operator === "EQ" ? `does not have ${name}` : `has ${name}`;
  const text = `${name} ${OPERATOR_SYMBOLS[condition.operator]} ${condition.value}`;
  return condition.operator === "NE" ? `${text} (or absent)` : text;
}

function skillLabel(id: string, options: DescribeOptions): string {
  const given = options.skillNames && Object.hasOwn(options.skillNames, id) ? options.skillNames[id] : undefined;
  if (given !== undefined && given.trim() !== "") return `skill "${given}"`;
  const language = verifiedLanguageOfSkill(id);
  if (language) return `skill "${languageName(language) ?? language} (verified)"`;
  return `skill #${id}`;
}

/** The ids of the skills a filter names, each once, in the order they first appear. */
export function filterSkillIds(filter: FilterNode): string[] {
  const ids = new Set<string>();
  const walk = (node: FilterNode) => {
    if (isFilterGroup(node)) groupParts(node).children.forEach(walk);
    else if (node.category === "skill") ids.add(String(node.key));
  };
  walk(filter);
  return [...ids];
}
