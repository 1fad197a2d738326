import { VERIFIED_LANGUAGE_SKILL_IDS, languageName } from "@/lib/filters";
import type { WireSkill } from "@/lib/toloka/wire";
import { REQUESTER_ID, SYSTEM_ID } from "./constants";

/**
 * The demo account's skills, in the wire shape GET /skills returns: the requester's own skills
 * (what its pools grant and its filters select on) and a few of Toloka's global verified-language skills.
 */

/** Ids of the requester's own skills, by the role they play in the demo world. */
export const ACCOUNT_SKILL_IDS = {
  searchRelevance: "41027",
  imageModeration: "41312",
  audioRu: "42095",
  sideBySide: "43870",
  accuracy: "44102",
  speed: "44103",
  translationEnTr: "45218",
  examCategories: "46654",
} as const;

/**
 * The global verified-language skills the demo account lists and its Tolokers can hold, in GET /skills order.
 * A subset of Toloka's (lib/filters' VERIFIED_LANGUAGE_SKILL_IDS): adding a language here changes the population.
 */
const VERIFIED_LANGUAGES = ["EN", "RU", "DE", "FR", "ES", "PT", "ID"] as const;
type VerifiedLanguage = (typeof VERIFIED_LANGUAGES)[number];

/** Global verified-language skills (toloka-api.md §4): language code to skill id, from lib/filters. */
export const LANGUAGE_SKILL_IDS: Readonly<Record<VerifiedLanguage, string>> = Object.fromEntries(
  VERIFIED_LANGUAGES.map((lang) => [lang, VERIFIED_LANGUAGE_SKILL_IDS[lang]]),
) as Record<VerifiedLanguage, string>;

interface OwnSkillSpec {
  id: string;
  name: string;
  publicName: Record<string, string>;
  description?: Record<string, string>;
  comment: string;
  hidden: boolean;
  ttlHours?: number;
  created: string;
  deprecated?: boolean;
}

// Creation dates are fixed rather than relative to `now`: a skill's age is part of the account's
// history and must not drift between runs.
const OWN_SKILLS: readonly OwnSkillSpec[] = [
  {
    id: ACCOUNT_SKILL_IDS.searchRelevance,
    name: "Search relevance",
    publicName: { EN: "Search relevance", RU: "Релевантность поиска", TR: "Arama alaka düzeyi" },
    description: { EN: "Accuracy on control tasks in search relevance pools" },
    comment: "Majority vote of 5 on golden sets, recalculated daily",
    hidden: false,
    created: "2022-01-25T09:19:16.455",
  },
  {
    id: ACCOUNT_SKILL_IDS.imageModeration,
    name: "Image moderation",
    publicName: { EN: "Image moderation", RU: "Модерация изображений" },
    comment: "Only for Tolokers with adult content allowed",
    hidden: false,
    created: "2022-03-14T12:02:41.107",
  },
  {
    id: ACCOUNT_SKILL_IDS.audioRu,
    name: "Audio transcription RU",
    publicName: { EN: "Audio transcription (Russian)", RU: "Расшифровка аудио (русский)" },
    comment: "WER on golden audio, 0-100",
    hidden: true,
    created: "2022-06-01T07:45:00.000",
  },
  {
    id: ACCOUNT_SKILL_IDS.sideBySide,
    name: "Side-by-side",
    publicName: { EN: "Side-by-side comparison", RU: "Сравнение side-by-side", TR: "Karşılaştırma" },
    comment: "",
    hidden: false,
    created: "2022-09-19T15:30:12.980",
  },
  {
    id: ACCOUNT_SKILL_IDS.accuracy,
    name: "Accuracy",
    publicName: { EN: "Accuracy", RU: "Точность", TR: "Doğruluk" },
    description: { EN: "Share of correct answers on control tasks across all our projects" },
    comment: "Shared by every project of the account",
    hidden: false,
    ttlHours: 2160,
    created: "2023-02-07T10:11:53.311",
  },
  {
    id: ACCOUNT_SKILL_IDS.speed,
    name: "Speed",
    publicName: { EN: "Speed" },
    comment: "Percentile of median time per task suite; low = suspiciously fast",
    hidden: true,
    created: "2023-02-07T10:12:20.004",
  },
  {
    id: ACCOUNT_SKILL_IDS.translationEnTr,
    name: "Translation EN-TR",
    publicName: { EN: "Translation EN-TR", TR: "Çeviri EN-TR" },
    comment: "Expert review score",
    hidden: false,
    created: "2023-08-22T08:00:00.000",
  },
  {
    id: ACCOUNT_SKILL_IDS.examCategories,
    name: "Exam: product categories",
    publicName: { EN: "Exam: product categories", RU: "Экзамен: категории товаров" },
    description: { EN: "Result of the qualification exam for the product categories project" },
    comment: "20 questions, 5 points each",
    hidden: false,
    created: "2024-04-10T13:27:45.562",
  },
  {
    id: "38211",
    name: "Old relevance (2021)",
    publicName: { EN: "Relevance (old)" },
    comment: "Replaced by Search relevance",
    hidden: true,
    created: "2021-05-18T11:00:03.000",
    deprecated: true,
  },
];

/**
 * The account's skills as GET /skills returns them to `requesterId`: own skills first (owner is the
 * requester, `myself: true`), then the global verified-language skills (owned by the platform).
 */
export function buildSkills(requesterId: string = REQUESTER_ID): WireSkill[] {
  const own: WireSkill[] = OWN_SKILLS.map((s) => ({
    id: s.id,
    name: s.name,
    public_name: s.publicName,
    ...(s.description ? { public_requester_description: s.description } : {}),
    private_comment: s.comment,
    hidden: s.hidden,
    deprecated: s.deprecated ?? false,
    ...(s.ttlHours !== undefined ? { skill_ttl_hours: s.ttlHours } : {}),
    owner: { id: requesterId, myself: true },
    created: s.created,
    global: false,
  }));
  const global: WireSkill[] = VERIFIED_LANGUAGES.map((lang) => {
    const name = languageName(lang) ?? lang;
    return {
      id: LANGUAGE_SKILL_IDS[lang],
      name: `${name} (verified)`,
      public_name: { EN: `${name} language test` },
      hidden: false,
      deprecated: false,
      owner: { id: SYSTEM_ID, myself: false },
      created: "2020-10-01T00:00:00.000",
      global: true,
    };
  });
  return [...own, ...global];
}
