import type { Toloker } from "@/lib/filters/toloker";
import { regionWithin } from "./regions";
import { ACCOUNT_SKILL_IDS, LANGUAGE_SKILL_IDS } from "./skills";
import type { MassComposeKind } from "./phrases";

/**
 * The recipient filters the demo requester has used, and a minimal evaluator for the condition kinds
 * they contain, so each FILTER thread's `recipients` is exactly the set its filter selects.
 *
 * Every filter includes a numeric condition on one of the account's own skills. Only Tolokers who did
 * the account's tasks hold those skills, so the matching set is the same whether an evaluator scopes
 * FILTER to "Tolokers who did your tasks" or to everyone.
 */

/** Operators of the filter language (toloka-api.md §4). */
export type FilterOperator = "EQ" | "NE" | "GT" | "GTE" | "LT" | "LTE" | "IN" | "NOT_IN";

/** One condition: `{category, key, operator, value}`. */
export interface FilterCondition {
  category: "profile" | "computed" | "skill";
  key: string;
  operator: FilterOperator;
  value: string | number | boolean | null;
}

/** A connective or a condition, at any depth. */
export type FilterNode = { and: FilterNode[] } | { or: FilterNode[] } | FilterCondition;

const REGION_KEYS = new Set(["city", "region_by_ip", "region_by_phone"]);

function compare(actual: number | string | boolean, op: FilterOperator, expected: number | string | boolean): boolean {
  switch (op) {
    case "EQ":
      return actual === expected;
    case "NE":
      return actual !== expected;
    case "GT":
      return actual > expected;
    case "GTE":
      return actual >= expected;
    case "LT":
      return actual < expected;
    case "LTE":
      return actual <= expected;
    default:
      return false;
  }
}

function conditionMatches(c: FilterCondition, t: Toloker): boolean {
  if (c.category === "skill") {
    const level = t.skills[c.key];
    // Toloka's skill semantics: EQ null = lacks the skill, NE null = has it at any level,
    // and a missing skill fails every numeric comparison except NE.
    if (c.value === null) return c.operator === "EQ" ? level === undefined : c.operator === "NE" && level !== undefined;
    if (level === undefined) return c.operator === "NE";
    return compare(level, c.operator, c.value);
  }
  if (c.category === "profile" && c.key === "languages") {
    const speaks = t.profile.languages.includes(String(c.value));
    return c.operator === "IN" ? speaks : c.operator === "NOT_IN" ? !speaks : false;
  }
  const record: Record<string, unknown> = c.category === "profile" ? t.profile : t.computed;
  const actual = record[c.key];
  // The seed's filters only test fields every generated Toloker has, or use IN on regions, where
  // "unknown" failing is the only sensible reading; so unknown simply fails here.
  if (actual === undefined || c.value === null) return false;
  if (REGION_KEYS.has(c.key)) {
    const inside = regionWithin(Number(actual), Number(c.value));
    return c.operator === "IN" ? inside : c.operator === "NOT_IN" ? !inside : false;
  }
  if (typeof actual !== "string" && typeof actual !== "number" && typeof actual !== "boolean") return false;
  return compare(actual, c.operator, c.value);
}

/** Whether `toloker` passes `node`. A bare condition counts as `and` of one. */
export function matchesFilter(node: FilterNode, toloker: Toloker): boolean {
  if ("and" in node) return node.and.every((n) => matchesFilter(n, toloker));
  if ("or" in node) return node.or.some((n) => matchesFilter(n, toloker));
  return conditionMatches(node, toloker);
}

/** A filter the demo requester sends with, what it is for and which project it concerns. */
export interface FilterTemplate {
  /** Human summary, for test messages and debugging. */
  description: string;
  filter: FilterNode;
  /** Kinds of message this audience gets. */
  kinds: readonly MassComposeKind[];
  /** The project the message is about. */
  projectId: string;
}

const S = ACCOUNT_SKILL_IDS;
const skill = (key: string, operator: FilterOperator, value: number | null): FilterCondition => ({ category: "skill", key, operator, value });
const speaks = (lang: string): FilterCondition => ({ category: "profile", key: "languages", operator: "IN", value: lang });

/** The filters of the demo requester's FILTER composes. */
export const FILTER_TEMPLATES: readonly FilterTemplate[] = [
  {
    description: "Search relevance >= 80 and speaks EN",
    filter: { and: [skill(S.searchRelevance, "GTE", 80), speaks("EN")] },
    kinds: ["new-tasks", "instruction-update", "bonus"],
    projectId: "128460",
  },
  {
    description: "Accuracy >= 90 and (country TR or speaks TR)",
    filter: {
      and: [
        skill(S.accuracy, "GTE", 90),
        { or: [{ category: "profile", key: "country", operator: "EQ", value: "TR" }, speaks("TR")] },
      ],
    },
    kinds: ["new-tasks", "survey"],
    projectId: "139250",
  },
  {
    description: "Audio transcription RU >= 70 on a personal computer",
    filter: {
      and: [skill(S.audioRu, "GTE", 70), { category: "computed", key: "device_category", operator: "EQ", value: "PERSONAL_COMPUTER" }],
    },
    kinds: ["new-tasks", "instruction-update", "pause"],
    projectId: "133517",
  },
  {
    description: "Side-by-side > 60 and IP in Russia",
    filter: { and: [skill(S.sideBySide, "GT", 60), { category: "computed", key: "region_by_ip", operator: "IN", value: 225 }] },
    kinds: ["new-tasks", "survey"],
    projectId: "135004",
  },
  {
    description: "Accuracy >= 75 and has not taken the product categories exam",
    filter: { and: [skill(S.accuracy, "GTE", 75), skill(S.examCategories, "EQ", null)] },
    kinds: ["exam-invite"],
    projectId: "137811",
  },
  {
    description: "Speed >= 50, accuracy >= 85, verified English",
    filter: { and: [skill(S.speed, "GTE", 50), skill(S.accuracy, "GTE", 85), speaks("EN"), skill(LANGUAGE_SKILL_IDS.EN, "EQ", 100)] },
    kinds: ["bonus", "new-tasks"],
    projectId: "128460",
  },
  {
    description: "Translation EN-TR >= 75, speaks TR and EN",
    filter: { and: [skill(S.translationEnTr, "GTE", 75), speaks("TR"), speaks("EN")] },
    kinds: ["new-tasks", "instruction-update"],
    projectId: "139250",
  },
  {
    description: "Image moderation >= 60 and adult content allowed",
    filter: { and: [skill(S.imageModeration, "GTE", 60), { category: "profile", key: "adult_allowed", operator: "EQ", value: true }] },
    kinds: ["new-tasks", "instruction-update"],
    projectId: "131902",
  },
  {
    description: "Accuracy >= 80 in the Toloka app on Android",
    filter: {
      and: [
        skill(S.accuracy, "GTE", 80),
        { category: "computed", key: "client_type", operator: "EQ", value: "TOLOKA_APP" },
        { category: "computed", key: "os_family", operator: "EQ", value: "ANDROID" },
      ],
    },
    kinds: ["survey"],
    projectId: "135004",
  },
  {
    description: "Search relevance >= 70 and IP in the US, the UK or Canada",
    filter: {
      and: [
        skill(S.searchRelevance, "GTE", 70),
        {
          or: [84, 102, 95].map((region): FilterCondition => ({ category: "computed", key: "region_by_ip", operator: "IN", value: region })),
        },
      ],
    },
    kinds: ["new-tasks", "bonus"],
    projectId: "128460",
  },
];
