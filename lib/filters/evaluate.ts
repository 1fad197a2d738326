import { isRegionWithin } from "./regions";
import { FILTER_KEYS, groupParts, isFilterGroup, type FilterCondition, type FilterNode, type KeySpec, type KeyedCategory, type SkillCondition } from "./schema";
import type { Toloker } from "./toloker";

/*
 * Evaluation runs wherever recipients are chosen without Toloka: the emulator, and previews in the compose form.
 * It trusts its input to be parsed (recipientFilterSchema); it never throws on a Toloker with missing values.
 */

/**
 * Whether a Toloker matches a filter. `filter` is a parsed node: a group or a bare condition (a bare condition
 * means the same as `{"and": [it]}`). Pure: it reads its arguments only and mutates nothing.
 *
 * Semantics:
 * - `and`: every child matches; `or`: at least one does.
 * - `EQ`: the Toloker's value is known and equals the condition's. `NE` is exactly `not EQ`, so a Toloker whose
 *   value is unknown matches `NE` ("country is not DE" includes Tolokers with no country).
 * - `GT`/`GTE`/`LT`/`LTE`: the value is known and compares so; an unknown value never matches.
 * - `IN`: for `languages`, the Toloker speaks that one language; for `city`, `region_by_phone` and
 *   `region_by_ip`, the Toloker's region is that region or inside it (regions.ts). `NOT_IN` is exactly `not IN`,
 *   so an unknown region matches `NOT_IN`. One value per condition, as in Toloka's pool filters.
 * - Skills: `EQ null` means "does not have the skill" and `NE null` "has it at any level". A Toloker without the
 *   skill fails `EQ n` and every comparison, and (being `not EQ n`) matches `NE n`.
 */
export function evaluateFilter(filter: FilterNode, toloker: Toloker): boolean {
  if (isFilterGroup(filter)) {
    const { op, children } = groupParts(filter);
    return op === "and" ? children.every((child) => evaluateFilter(child, toloker)) : children.some((child) => evaluateFilter(child, toloker));
  }
  return evaluateCondition(filter, toloker);
}

/**
 * The Tolokers a filter selects, in their original order (see evaluateFilter for the semantics). Generic so a
 * caller's richer Toloker records come back as they went in.
 */
export function selectTolokers<T extends Toloker>(filter: FilterNode, tolokers: readonly T[]): T[] {
  return tolokers.filter((toloker) => evaluateFilter(filter, toloker));
}

/** Whether a Toloker matches one condition (the semantics of evaluateFilter). */
export function evaluateCondition(condition: FilterCondition, toloker: Toloker): boolean {
  if (condition.category === "skill") return evaluateSkill(condition, toloker);
  const category: KeyedCategory = condition.category;
  const spec: KeySpec = (FILTER_KEYS[category] as Record<string, KeySpec>)[condition.key];
  // The schema's compile-time check ties each key to the Toloker field of the same name.
  const actual: unknown = (toloker[category] as Record<string, unknown>)[condition.key];
  const expected: unknown = condition.value;
  switch (condition.operator) {
    case "EQ":
      return actual !== undefined && actual === expected;
    case "NE":
      return !(actual !== undefined && actual === expected);
    case "IN":
      return isIn(spec, actual, expected);
    case "NOT_IN":
      return !isIn(spec, actual, expected);
    default:
      return compare(condition.operator, actual, expected);
  }
}

function isIn(spec: KeySpec, actual: unknown, expected: unknown): boolean {
  if (spec.kind === "language") return Array.isArray(actual) && actual.includes(expected);
  if (spec.kind === "region") {
    return typeof actual === "number" && typeof expected === "number" && isRegionWithin(actual, expected);
  }
  // No other kind takes IN (the schema enforces it); equality is the only sensible reading if one ever does.
  return actual !== undefined && actual === expected;
}

function compare(operator: "GT" | "GTE" | "LT" | "LTE", actual: unknown, expected: unknown): boolean {
  if (typeof actual !== "number" || typeof expected !== "number") return false;
  switch (operator) {
    case "GT":
      return actual > expected;
    case "GTE":
      return actual >= expected;
    case "LT":
      return actual < expected;
    case "LTE":
      return actual <= expected;
  }
}

function evaluateSkill(condition: SkillCondition, toloker: Toloker): boolean {
  const level = Object.hasOwn(toloker.skills, condition.key) ? toloker.skills[condition.key] : undefined;
  switch (condition.operator) {
    case "EQ":
      return skillEquals(level, condition.value);
    case "NE":
      return !skillEquals(level, condition.value);
    default:
      return compare(condition.operator, level, condition.value);
  }
}

function skillEquals(level: number | undefined, value: number | null): boolean {
  return value === null ? level === undefined : level !== undefined && level === value;
}
