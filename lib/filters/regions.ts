/**
 * A small region tree for `city`, `region_by_phone` and `region_by_ip`. Toloka's region ids are Yandex geobase
 * ids, and `IN x` means "in x or anywhere inside it", so evaluating a filter needs to know which region contains
 * which. This is not the whole geobase: it is enough for the emulator's population, the filter builder's picker
 * and the description.
 *
 * Provenance of the ids (every id here is meant to be the real Yandex id; none is this project's invention):
 * - "toloka-doc": listed in Toloka's docs (toloka-api.md §4): 84, 93, 94, 95, 96, 102, 124, 134;
 * - "yandex": Yandex geobase ids from Yandex's published region lists (Search API and Metrica region tables)
 *   and common knowledge of them, not checked against Toloka itself. Check one before relying on it for a real
 *   send; a wrong id here only mislabels a description or mis-nests an emulated Toloker.
 * The tree is simplified where the geobase has more levels (e.g. Kazan sits directly under Russia, skipping
 * Tatarstan and the Volga Federal District); "inside" stays true because containment is transitive.
 * An id missing from the tree contains only itself and has no name.
 */

type RegionKind = "country" | "region" | "city";

export interface Region {
  id: number;
  /** English name. */
  name: string;
  /** The region that contains this one; null for a country (the tree's roots). */
  parentId: number | null;
  kind: RegionKind;
  /** ISO 3166-1 alpha-2 code, for countries. */
  iso?: string;
  source: "toloka-doc" | "yandex";
}

/** The region tree: countries (roots), a few first-level regions, and cities. */
export const REGIONS: readonly Region[] = [
  { id: 84, name: "United States", parentId: null, kind: "country", iso: "US", source: "toloka-doc" },
  { id: 93, name: "Argentina", parentId: null, kind: "country", iso: "AR", source: "toloka-doc" },
  { id: 94, name: "Brazil", parentId: null, kind: "country", iso: "BR", source: "toloka-doc" },
  { id: 95, name: "Canada", parentId: null, kind: "country", iso: "CA", source: "toloka-doc" },
  { id: 96, name: "Germany", parentId: null, kind: "country", iso: "DE", source: "toloka-doc" },
  { id: 102, name: "United Kingdom", parentId: null, kind: "country", iso: "GB", source: "toloka-doc" },
  { id: 124, name: "France", parentId: null, kind: "country", iso: "FR", source: "toloka-doc" },
  { id: 134, name: "China", parentId: null, kind: "country", iso: "CN", source: "toloka-doc" },
  { id: 118, name: "Netherlands", parentId: null, kind: "country", iso: "NL", source: "yandex" },
  { id: 120, name: "Poland", parentId: null, kind: "country", iso: "PL", source: "yandex" },
  { id: 137, name: "Japan", parentId: null, kind: "country", iso: "JP", source: "yandex" },
  { id: 149, name: "Belarus", parentId: null, kind: "country", iso: "BY", source: "yandex" },
  { id: 159, name: "Kazakhstan", parentId: null, kind: "country", iso: "KZ", source: "yandex" },
  { id: 171, name: "Uzbekistan", parentId: null, kind: "country", iso: "UZ", source: "yandex" },
  { id: 187, name: "Ukraine", parentId: null, kind: "country", iso: "UA", source: "yandex" },
  { id: 204, name: "Spain", parentId: null, kind: "country", iso: "ES", source: "yandex" },
  { id: 205, name: "Italy", parentId: null, kind: "country", iso: "IT", source: "yandex" },
  { id: 225, name: "Russia", parentId: null, kind: "country", iso: "RU", source: "yandex" },
  { id: 983, name: "Turkey", parentId: null, kind: "country", iso: "TR", source: "yandex" },
  { id: 994, name: "India", parentId: null, kind: "country", iso: "IN", source: "yandex" },

  { id: 1, name: "Moscow and Moscow Oblast", parentId: 225, kind: "region", source: "yandex" },
  { id: 10174, name: "Saint Petersburg and Leningrad Oblast", parentId: 225, kind: "region", source: "yandex" },

  { id: 213, name: "Moscow", parentId: 1, kind: "city", source: "yandex" },
  { id: 2, name: "Saint Petersburg", parentId: 10174, kind: "city", source: "yandex" },
  { id: 54, name: "Yekaterinburg", parentId: 225, kind: "city", source: "yandex" },
  { id: 43, name: "Kazan", parentId: 225, kind: "city", source: "yandex" },
  { id: 65, name: "Novosibirsk", parentId: 225, kind: "city", source: "yandex" },
  { id: 143, name: "Kyiv", parentId: 187, kind: "city", source: "yandex" },
  { id: 157, name: "Minsk", parentId: 149, kind: "city", source: "yandex" },
  { id: 162, name: "Almaty", parentId: 159, kind: "city", source: "yandex" },
  { id: 163, name: "Astana", parentId: 159, kind: "city", source: "yandex" },
  { id: 11508, name: "Istanbul", parentId: 983, kind: "city", source: "yandex" },
  { id: 177, name: "Berlin", parentId: 96, kind: "city", source: "yandex" },
  { id: 10393, name: "London", parentId: 102, kind: "city", source: "yandex" },
  { id: 10502, name: "Paris", parentId: 124, kind: "city", source: "yandex" },
  { id: 202, name: "New York", parentId: 84, kind: "city", source: "yandex" },
];

const byId: ReadonlyMap<number, Region> = new Map(REGIONS.map((region) => [region.id, region]));

/** The region with this id, or undefined when the tree does not hold it. */
export function regionById(id: number): Region | undefined {
  return byId.get(id);
}

/** English name of a region, or undefined when the tree does not hold it. */
export function regionName(id: number): string | undefined {
  return byId.get(id)?.name;
}

/**
 * Whether region `id` is `ancestorId` or lies inside it (at any depth). This is what `IN` means for region keys.
 * A region is within itself even when the tree does not know it; an unknown id is within nothing else.
 */
export function isRegionWithin(id: number, ancestorId: number): boolean {
  // The step bound guards against a cycle slipping into the table: a lookup must terminate whatever the data.
  let current: number | null = id;
  for (let steps = 0; current !== null && steps <= REGIONS.length; steps++) {
    if (current === ancestorId) return true;
    current = byId.get(current)?.parentId ?? null;
  }
  return false;
}
