import { describe, expect, it } from "vitest";
import {
  COMMON_LANGUAGE_CODES,
  COUNTRY_NAMES,
  COUNTRY_OPTIONS,
  LANGUAGE_NAMES,
  LANGUAGE_OPTIONS,
  VERIFIED_LANGUAGE_SKILL_IDS,
  countryName,
  languageName,
  verifiedLanguageOfSkill,
} from "./catalog";

describe("catalog", () => {
  it("holds the whole ISO 3166-1 alpha-2 and ISO 639-1 lists, in uppercase", () => {
    expect(Object.keys(COUNTRY_NAMES)).toHaveLength(249);
    expect(Object.keys(LANGUAGE_NAMES)).toHaveLength(183);
    for (const code of [...Object.keys(COUNTRY_NAMES), ...Object.keys(LANGUAGE_NAMES)]) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it("names the codes the product meets most", () => {
    expect(countryName("DE")).toBe("Germany");
    expect(countryName("GB")).toBe("United Kingdom");
    expect(countryName("RU")).toBe("Russia");
    expect(countryName("TR")).toBe("Turkey");
    expect(languageName("EN")).toBe("English");
    expect(languageName("UK")).toBe("Ukrainian");
    expect(languageName("ZH")).toBe("Chinese");
  });

  it("gives undefined for lowercase, unknown and inherited names", () => {
    expect(countryName("de")).toBeUndefined();
    expect(countryName("XX")).toBeUndefined();
    expect(languageName("toString")).toBeUndefined();
    expect(countryName("constructor")).toBeUndefined();
  });

  it("lists at least 40 common languages, all known, no repeats", () => {
    expect(COMMON_LANGUAGE_CODES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(COMMON_LANGUAGE_CODES).size).toBe(COMMON_LANGUAGE_CODES.length);
    for (const code of COMMON_LANGUAGE_CODES) expect(languageName(code), code).toBeDefined();
  });

  it("offers pickers sorted by name with every code once", () => {
    for (const [options, names] of [
      [COUNTRY_OPTIONS, COUNTRY_NAMES],
      [LANGUAGE_OPTIONS, LANGUAGE_NAMES],
    ] as const) {
      expect(options.map((o) => o.code).sort()).toEqual(Object.keys(names).sort());
      const sorted = [...options].sort((a, b) => a.name.localeCompare(b.name, "en"));
      expect(options).toEqual(sorted);
    }
  });

  it("maps verified-language skills both ways", () => {
    expect(VERIFIED_LANGUAGE_SKILL_IDS.EN).toBe("26366");
    expect(verifiedLanguageOfSkill("26296")).toBe("RU");
    expect(verifiedLanguageOfSkill("44742")).toBe("ZH-HANS");
    expect(verifiedLanguageOfSkill("1")).toBeUndefined();
    expect(new Set(Object.values(VERIFIED_LANGUAGE_SKILL_IDS)).size).toBe(Object.keys(VERIFIED_LANGUAGE_SKILL_IDS).length);
  });
});
