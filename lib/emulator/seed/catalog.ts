import type { Rng } from "./random";
import { ACCOUNT_SKILL_IDS } from "./skills";

/**
 * The demo requester's projects and pools. Threads, notices and `meta` refer to these, so a Toloker's
 * question about "Search relevance: EN queries" carries that project's id and one of its pool ids.
 */

/** One pool of a project. Ids are digit strings, as Toloka's. */
interface SeedPool {
  id: string;
  name: string;
}

/** One project with its pools and the skill its pools grant. */
export interface SeedProject {
  id: string;
  name: string;
  skillId: string;
  pools: readonly SeedPool[];
}

function pools(first: number, names: readonly string[]): SeedPool[] {
  // Pool ids of one project were created close together, so they are close numerically.
  return names.map((name, i) => ({ id: String(first + i * 37 + ((i * 7) % 5)), name }));
}

/** The account's projects. */
export const PROJECTS: readonly SeedProject[] = [
  {
    id: "128460",
    name: "Search relevance: EN queries",
    skillId: ACCOUNT_SKILL_IDS.searchRelevance,
    pools: pools(41822071, [
      "Relevance batch 17",
      "Relevance batch 18",
      "Relevance batch 19 (mobile)",
      "Relevance: long queries",
      "Relevance golden set check",
    ]),
  },
  {
    id: "131902",
    name: "Image moderation",
    skillId: ACCOUNT_SKILL_IDS.imageModeration,
    pools: pools(42110354, ["Moderation: marketplace photos", "Moderation: user avatars", "Moderation 18+ review"]),
  },
  {
    id: "133517",
    name: "Audio transcription RU",
    skillId: ACCOUNT_SKILL_IDS.audioRu,
    pools: pools(42387716, ["Call center audio, part 3", "Voice assistant queries", "Noisy street audio"]),
  },
  {
    id: "135004",
    name: "Side-by-side: product photos",
    skillId: ACCOUNT_SKILL_IDS.sideBySide,
    pools: pools(43012277, ["SbS photos: electronics", "SbS photos: clothing", "SbS: search snippets"]),
  },
  {
    id: "137811",
    name: "Product categories",
    skillId: ACCOUNT_SKILL_IDS.examCategories,
    pools: pools(43590012, ["Categories: exam", "Categories: training", "Categories: main pool", "Categories: home & garden"]),
  },
  {
    id: "139250",
    name: "Translation EN-TR review",
    skillId: ACCOUNT_SKILL_IDS.translationEnTr,
    pools: pools(44001893, ["EN-TR review: e-commerce", "EN-TR review: app strings"]),
  },
];

/** A project and one of its pools, with a plausible assignment id in that pool. */
export interface TaskRef {
  project: SeedProject;
  pool: SeedPool;
  /** `<pool id in hex, 10 chars>--<24 hex>`, the shape of real assignment ids. */
  assignmentId: string;
}

/** A random project, pool and assignment; the assignment was created `ageMs` before `at`. */
export function pickTask(rng: Rng, at: number): TaskRef {
  const project = rng.pick(PROJECTS);
  const pool = rng.pick(project.pools);
  const created = Math.floor((at - rng.int(10 * 60_000, 6 * 86_400_000)) / 1000);
  const assignmentId = `${Number(pool.id).toString(16).padStart(10, "0")}--${created.toString(16).padStart(8, "0")}${rng.hex(16)}`;
  return { project, pool, assignmentId };
}
