import { describe, expect, it } from "vitest";
import { tolokerSchema } from "@/lib/filters/toloker";
import { createRng } from "./random";
import { generateTolokers, type SeedToloker } from "./tolokers";
import { regionById } from "@/lib/filters";
import { COUNTRY_REGION } from "./regions";
import { ACCOUNT_SKILL_IDS, LANGUAGE_SKILL_IDS } from "./skills";

const NOW = new Date("2026-11-21T12:00:00Z");
const tolokers = generateTolokers(createRng("tolokers-test"), 2000, { now: NOW });

/** The ISO code of the country a region lies in (lib/filters' tree: countries are its roots). */
function countryOf(id: number): string | undefined {
  let region = regionById(id);
  for (let steps = 0; region && region.parentId !== null && steps < 10; steps++) region = regionById(region.parentId);
  return region?.iso;
}

/** Everything inconsistent about one Toloker's device, OS and browser. */
function deviceProblems(t: SeedToloker): string[] {
  const c = t.computed;
  const out: string[] = [];
  const desktop = ["WINDOWS", "OS_X", "MAC_OS", "LINUX"];
  const mobile = ["ANDROID", "IOS"];
  if (c.device_category === "PERSONAL_COMPUTER") {
    if (!desktop.includes(c.os_family ?? "")) out.push("PC with a mobile OS");
    if (c.client_type !== "BROWSER") out.push("PC without a browser");
    if (c.user_agent_type !== "BROWSER") out.push("PC with a non-desktop user agent");
  } else {
    if (!mobile.includes(c.os_family ?? "")) out.push("phone or tablet with a desktop OS");
    if (c.client_type === "BROWSER" && c.user_agent_type !== "MOBILE_BROWSER") out.push("mobile browser not MOBILE_BROWSER");
  }
  if (c.client_type === "TOLOKA_APP" && (c.user_agent_type !== "OTHER" || c.user_agent_family !== undefined)) out.push("app with a browser");
  const f = c.user_agent_family;
  if (f === "MOBILE_SAFARI" && c.os_family !== "IOS") out.push("MOBILE_SAFARI off iOS");
  if (f === "SAFARI" && c.os_family !== "OS_X" && c.os_family !== "MAC_OS") out.push("SAFARI off macOS");
  if ((f === "IE" || f === "IE_MOBILE") && c.os_family !== "WINDOWS") out.push("IE off Windows");
  if ((f === "CHROME_MOBILE" || f === "MOBILE_FIREFOX" || f === "MOBILE_SAFARI") && !mobile.includes(c.os_family ?? ""))
    out.push("mobile browser on a desktop OS");
  if ((f === "CHROME" || f === "FIREFOX" || f === "SAFARI" || f === "CHROMIUM" || f === "IE") && !desktop.includes(c.os_family ?? ""))
    out.push("desktop browser on a mobile OS");
  if (c.os_family === "OS_X" && c.os_version_major !== 10) out.push("OS_X not 10.x");
  if (c.os_family === "MAC_OS" && (c.os_version_major ?? 0) < 11) out.push("MAC_OS before 11");
  if (f === "MOBILE_SAFARI" && c.user_agent_version_major !== c.os_version_major) out.push("iOS Safari version differs from iOS");
  if (c.os_version !== undefined && c.os_version !== Number.parseFloat(`${c.os_version_major}.${c.os_version_minor}`))
    out.push("os_version differs from major.minor");
  if (c.os_version !== undefined && !Number.isInteger(c.os_version_bugfix)) out.push("os bugfix missing");
  if (c.user_agent_version !== undefined && c.user_agent_version !== Number.parseFloat(`${c.user_agent_version_major}.${c.user_agent_version_minor}`))
    out.push("ua version differs from major.minor");
  if ((f === undefined) !== (c.user_agent_version === undefined)) out.push("browser family and version disagree");
  return out;
}

// The language everybody in the country speaks, per the seed's country table.
const MAIN_LANGUAGE: Record<string, string> = {
  RU: "RU",
  TR: "TR",
  US: "EN",
  IN: "EN",
  ID: "ID",
  BR: "PT",
  KE: "EN",
  NG: "EN",
  UA: "UK",
  PH: "EN",
  KZ: "RU",
  VN: "VI",
  MX: "ES",
  EG: "AR",
  PK: "UR",
  BY: "RU",
  DE: "DE",
  FR: "FR",
  GB: "EN",
  ES: "ES",
  CA: "EN",
  AR: "ES",
  CN: "ZH",
};

describe("generateTolokers", () => {
  it("makes the requested number with unique 32-hex ids that parse as Tolokers", () => {
    expect(tolokers).toHaveLength(2000);
    expect(new Set(tolokers.map((t) => t.id)).size).toBe(2000);
    for (const t of tolokers) {
      expect(t.id).toMatch(/^[0-9a-f]{32}$/);
      const parsed = tolokerSchema.safeParse(t);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect("name" in t).toBe(false);
    }
  });

  it("marks about 85% as having done a task", () => {
    const share = tolokers.filter((t) => t.didTask).length / tolokers.length;
    expect(share).toBeGreaterThan(0.81);
    expect(share).toBeLessThan(0.89);
  });

  it("spreads countries realistically, with citizenship mostly the country", () => {
    const byCountry = new Map<string, number>();
    for (const t of tolokers) byCountry.set(t.profile.country!, (byCountry.get(t.profile.country!) ?? 0) + 1);
    expect(byCountry.size).toBeGreaterThanOrEqual(18);
    const top = [...byCountry.entries()].sort((a, b) => b[1] - a[1])[0][0];
    expect(top).toBe("RU");
    for (const c of ["TR", "US", "IN", "ID", "BR", "KE", "NG", "UA", "KZ", "DE", "FR", "GB", "ES", "PH", "MX"]) expect(byCountry.get(c), c).toBeGreaterThan(0);
    const same = tolokers.filter((t) => t.profile.citizenship === t.profile.country).length / tolokers.length;
    expect(same).toBeGreaterThan(0.88);
    expect(same).toBeLessThan(1);
  });

  it("gives languages consistent with the country, and English to many", () => {
    for (const t of tolokers) {
      expect(t.profile.languages, t.profile.country).toContain(MAIN_LANGUAGE[t.profile.country!]);
      expect(new Set(t.profile.languages).size).toBe(t.profile.languages.length);
      for (const l of t.profile.languages) expect(l).toMatch(/^[A-Z]{2}$/);
    }
    const english = tolokers.filter((t) => t.profile.languages.includes("EN")).length / tolokers.length;
    expect(english).toBeGreaterThan(0.45);
    expect(english).toBeLessThan(0.85);
  });

  it("sets ages 18-70, both genders and the education levels", () => {
    const nowS = NOW.getTime() / 1000;
    const year = 365.25 * 86400;
    for (const t of tolokers) {
      const age = (nowS - t.profile.date_of_birth!) / year;
      expect(age).toBeGreaterThanOrEqual(17.99);
      expect(age).toBeLessThanOrEqual(70.01);
      expect(Number.isInteger(t.profile.date_of_birth)).toBe(true);
    }
    expect(new Set(tolokers.map((t) => t.profile.gender))).toEqual(new Set(["MALE", "FEMALE"]));
    expect(new Set(tolokers.map((t) => t.profile.education))).toEqual(new Set(["BASIC", "MIDDLE", "HIGH", undefined]));
    expect(tolokers.some((t) => t.profile.verified)).toBe(true);
    expect(tolokers.some((t) => !t.profile.adult_allowed)).toBe(true);
  });

  it("uses Yandex region ids that belong to the Toloker's country, cities where they live", () => {
    for (const t of tolokers) {
      const city = t.profile.city;
      if (city === undefined) {
        expect(COUNTRY_REGION[t.profile.country!], t.profile.country).toBeUndefined();
        expect(t.computed.region_by_ip).toBeUndefined();
        continue;
      }
      expect(countryOf(city)).toBe(t.profile.country);
      if (t.computed.region_by_phone !== undefined) expect(countryOf(t.computed.region_by_phone)).toBe(t.profile.country);
      expect(regionById(t.computed.region_by_ip!)).toBeDefined();
    }
    const cities = new Set(tolokers.map((t) => t.profile.city));
    for (const id of [213, 2, 225, 11508, 983, 84, 96, 102, 187, 159, 149]) expect(cities.has(id), String(id)).toBe(true);
    const withCity = tolokers.filter((t) => t.profile.city !== undefined);
    const sameIp = withCity.filter((t) => t.computed.region_by_ip === t.profile.city).length / withCity.length;
    expect(sameIp).toBeGreaterThan(0.78);
    expect(sameIp).toBeLessThan(0.95);
  });

  it("makes every device consistent (no MOBILE_SAFARI on Windows...) and covers every kind", () => {
    const problems = tolokers.flatMap((t) => deviceProblems(t).map((p) => `${t.id}: ${p}`));
    expect(problems).toEqual([]);
    const values = (key: keyof SeedToloker["computed"]) => new Set(tolokers.map((t) => t.computed[key]));
    expect(values("device_category")).toEqual(new Set(["PERSONAL_COMPUTER", "SMARTPHONE", "TABLET"]));
    expect(values("os_family")).toEqual(new Set(["WINDOWS", "OS_X", "MAC_OS", "LINUX", "ANDROID", "IOS"]));
    expect(values("client_type")).toEqual(new Set(["BROWSER", "TOLOKA_APP"]));
    for (const f of ["CHROME", "FIREFOX", "SAFARI", "YANDEX_BROWSER", "CHROME_MOBILE", "MOBILE_SAFARI"])
      expect(values("user_agent_family").has(f as never), f).toBe(true);
  });

  it("detects an inconsistent device (the check can fail)", () => {
    const t = structuredClone(tolokers.find((x) => x.computed.os_family === "WINDOWS" && x.computed.user_agent_family === "CHROME")!);
    t.computed.user_agent_family = "MOBILE_SAFARI";
    expect(deviceProblems(t)).toContain("MOBILE_SAFARI off iOS");
  });

  it("gives account skills only to those who did a task, levels 0-100, verified languages they speak", () => {
    const own = new Set<string>(Object.values(ACCOUNT_SKILL_IDS));
    const lang = new Map<string, string>(Object.entries(LANGUAGE_SKILL_IDS).map(([l, id]) => [id, l]));
    const held = new Set<string>();
    for (const t of tolokers) {
      for (const [id, level] of Object.entries(t.skills)) {
        held.add(id);
        expect(Number.isInteger(level) && level >= 0 && level <= 100).toBe(true);
        if (own.has(id)) expect(t.didTask).toBe(true);
        else {
          expect(lang.has(id), id).toBe(true);
          expect(level).toBe(100);
          expect(t.profile.languages).toContain(lang.get(id));
        }
      }
      if (t.skills[ACCOUNT_SKILL_IDS.audioRu] !== undefined) expect(t.profile.languages).toContain("RU");
    }
    for (const id of own) expect(held.has(id), id).toBe(true);
    const withSkills = tolokers.filter((t) => t.didTask && Object.keys(t.skills).some((id) => own.has(id))).length;
    expect(withSkills / tolokers.filter((t) => t.didTask).length).toBeGreaterThan(0.9);
  });

  it("is deterministic for a seed", () => {
    expect(generateTolokers(createRng("tolokers-test"), 2000, { now: NOW })).toEqual(tolokers);
    expect(generateTolokers(createRng("other"), 5, { now: NOW })[0].id).not.toBe(tolokers[0].id);
  });
});
