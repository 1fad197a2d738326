import { REGIONS } from "@/lib/filters";

/**
 * Where the seed places Tolokers. The region ids and the tree that gives `IN` its meaning are lib/filters'
 * (regions.ts); what is the seed's own is the choice of countries whose Tolokers get a region at all for `city`,
 * `region_by_ip` and `region_by_phone`. Tolokers of the other countries (India, Indonesia, Kenya...) keep their
 * region unknown, even where lib/filters knows the country's id: adding a country here changes the population.
 */
const PLACED_COUNTRIES = ["RU", "TR", "US", "DE", "GB", "FR", "BR", "CA", "AR", "CN", "UA", "KZ", "BY", "ES"] as const;

/** The region id of a country, when the seed places that country's Tolokers in a region. */
export const COUNTRY_REGION: Readonly<Record<string, number>> = Object.fromEntries(
  PLACED_COUNTRIES.map((code) => {
    const region = REGIONS.find((r) => r.kind === "country" && r.iso === code);
    // Fail loudly rather than quietly generate a different population if lib/filters ever drops a country.
    if (!region) throw new Error(`lib/filters has no region for country ${code}, which the seed places Tolokers in`);
    return [code, region.id];
  }),
);
