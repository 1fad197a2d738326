import { describe, expect, it } from "vitest";
import { countryName } from "./catalog";
import { REGIONS, isRegionWithin, regionById, regionName } from "./regions";

describe("the region tree", () => {
  it("has unique ids, known parents and no cycles", () => {
    const ids = REGIONS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const region of REGIONS) {
      if (region.parentId !== null) expect(regionById(region.parentId), `parent of ${region.id}`).toBeDefined();
      let current: number | null = region.id;
      let steps = 0;
      while (current !== null && steps <= REGIONS.length) {
        current = regionById(current)!.parentId;
        steps++;
      }
      expect(current, `region ${region.id} reaches a root`).toBeNull();
    }
  });

  it("roots are exactly the countries, and each country's name matches the catalog", () => {
    for (const region of REGIONS) {
      expect(region.parentId === null).toBe(region.kind === "country");
      if (region.kind === "country") expect(region.name).toBe(countryName(region.iso!));
    }
  });

  it.each([
    [84, "US"],
    [93, "AR"],
    [94, "BR"],
    [95, "CA"],
    [96, "DE"],
    [102, "GB"],
    [124, "FR"],
    [134, "CN"],
    [225, "RU"],
    [983, "TR"],
    [187, "UA"],
    [159, "KZ"],
    [149, "BY"],
    [994, "IN"],
  ])("holds country %i (%s)", (id, iso) => {
    expect(regionById(id)).toMatchObject({ kind: "country", iso, parentId: null });
  });

  it.each([
    [213, "Moscow", 225],
    [2, "Saint Petersburg", 225],
    [11508, "Istanbul", 983],
    [177, "Berlin", 96],
    [10393, "London", 102],
    [202, "New York", 84],
  ])("holds city %i (%s) inside %i", (id, name, country) => {
    expect(regionName(id)).toBe(name);
    expect(isRegionWithin(id, country)).toBe(true);
  });

  it("marks the ids toloka-api.md lists as coming from it", () => {
    const fromDoc = REGIONS.filter((r) => r.source === "toloka-doc").map((r) => r.id);
    expect(fromDoc.sort((a, b) => a - b)).toEqual([84, 93, 94, 95, 96, 102, 124, 134]);
  });
});

describe("isRegionWithin", () => {
  it("is reflexive, also for ids the tree doesn't know", () => {
    expect(isRegionWithin(225, 225)).toBe(true);
    expect(isRegionWithin(424242, 424242)).toBe(true);
  });

  it("goes up any number of levels and never down or sideways", () => {
    expect(isRegionWithin(213, 1)).toBe(true);
    expect(isRegionWithin(213, 225)).toBe(true);
    expect(isRegionWithin(225, 213)).toBe(false);
    expect(isRegionWithin(2, 1)).toBe(false);
    expect(isRegionWithin(213, 96)).toBe(false);
    expect(isRegionWithin(424242, 225)).toBe(false);
  });

  it("regionName is undefined for an unknown id", () => {
    expect(regionName(424242)).toBeUndefined();
  });
});
