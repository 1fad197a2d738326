import type { FilterCondition, FilterNode, SkillCondition } from "@/lib/filters";
import { ACCOUNT_SKILL_IDS, LANGUAGE_SKILL_IDS } from "./skills";
import type { MassComposeKind } from "./phrases";

/**
 * The recipient filters the demo requester has used. They are written in lib/filters' language and evaluated
 * with its evaluator (`evaluateFilter`), so each FILTER thread's `recipients` is exactly the set its filter
 * selects, as the emulator's own compose would select it.
 *
 * Every filter includes a numeric condition on one of the account's own skills. Only Tolokers who did
 * the account's tasks hold those skills, so the matching set is the same whether an evaluator scopes
 * FILTER to "Tolokers who did your tasks" or to everyone.
 */

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
function skill(key: string, operator: "EQ" | "NE", value: number | null): SkillCondition;
function skill(key: string, operator: "GT" | "GTE" | "LT" | "LTE", value: number): SkillCondition;
function skill(key: string, operator: SkillCondition["operator"], value: number | null): SkillCondition {
  // The overloads pair each operator with the values it takes; the schema's union can't see that through one signature.
  return { category: "skill", key, operator, value } as SkillCondition;
}
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
      and: [skill(S.accuracy, "GTE", 90), { or: [{ category: "profile", key: "country", operator: "EQ", value: "TR" }, speaks("TR")] }],
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
