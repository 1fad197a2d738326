/**
 * The Yandex region ids the seed uses for `city`, `region_by_ip` and `region_by_phone`.
 * Only ids confirmed by Toloka's or Yandex Tasks' published tables are listed; for the other countries
 * the seed leaves the region unknown rather than invent an id a real filter would never match.
 */

/** One region: its Yandex id, an English name, the ISO country code and the enclosing region. */
export interface SeedRegion {
  id: number;
  name: string;
  country: string;
  parent?: number;
}

/** Every region id the seed can produce. Cities point at their country. */
export const REGIONS: readonly SeedRegion[] = [
  { id: 225, name: "Russia", country: "RU" },
  { id: 213, name: "Moscow", country: "RU", parent: 225 },
  { id: 2, name: "Saint Petersburg", country: "RU", parent: 225 },
  { id: 983, name: "Turkey", country: "TR" },
  { id: 11508, name: "Istanbul", country: "TR", parent: 983 },
  { id: 84, name: "United States", country: "US" },
  { id: 202, name: "New York", country: "US", parent: 84 },
  { id: 96, name: "Germany", country: "DE" },
  { id: 177, name: "Berlin", country: "DE", parent: 96 },
  { id: 102, name: "United Kingdom", country: "GB" },
  { id: 10393, name: "London", country: "GB", parent: 102 },
  { id: 124, name: "France", country: "FR" },
  { id: 94, name: "Brazil", country: "BR" },
  { id: 95, name: "Canada", country: "CA" },
  { id: 93, name: "Argentina", country: "AR" },
  { id: 134, name: "China", country: "CN" },
  { id: 187, name: "Ukraine", country: "UA" },
  { id: 159, name: "Kazakhstan", country: "KZ" },
  { id: 149, name: "Belarus", country: "BY" },
  { id: 204, name: "Spain", country: "ES" },
  { id: 118, name: "Netherlands", country: "NL" },
];

const parentOf = new Map<number, number | undefined>(REGIONS.map((r) => [r.id, r.parent]));

/** The region id of a country, when the seed knows one. */
export const COUNTRY_REGION: Readonly<Record<string, number>> = Object.fromEntries(
  REGIONS.filter((r) => r.parent === undefined).map((r) => [r.country, r.id]),
);

/**
 * Whether `region` is `ancestor` or lies inside it: the meaning of `IN` for the region keys of a filter
 * ("that region or inside it", toloka-api.md §4). Unknown ids are only inside themselves.
 */
export function regionWithin(region: number, ancestor: number): boolean {
  let current: number | undefined = region;
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    if (current === ancestor) return true;
    current = parentOf.get(current);
  }
  return false;
}
