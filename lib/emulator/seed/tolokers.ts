import type { Toloker } from "@/lib/filters/toloker";
import type { Rng } from "./random";
import { COUNTRY_REGION } from "./regions";
import { ACCOUNT_SKILL_IDS, LANGUAGE_SKILL_IDS } from "./skills";

/**
 * The population of Tolokers the emulator knows: profiles, computed device data and skill levels,
 * shaped like the filter language's keys so recipient filters evaluate straight against them.
 */

/**
 * A generated Toloker. `didTask` marks those who have done at least one of the account's tasks (the
 * audience of an ALL compose). Tolokers have no names in Toloka's API, and `name?: never` keeps it so.
 */
export type SeedToloker = Toloker & { didTask: boolean; name?: never };

type Computed = Toloker["computed"];
type OsFamily = NonNullable<Computed["os_family"]>;
type UaFamily = NonNullable<Computed["user_agent_family"]>;

interface CountrySpec {
  code: string;
  weight: number;
  /** Cities with their own region id and the share of the country's Tolokers living there. */
  cities?: readonly (readonly [number, number])[];
  /** The first language is always spoken; the others with the given probability. */
  languages: readonly (readonly [string, number])[];
  /** Probability of also speaking English, when English is not already listed. */
  english: number;
  /** Share of personal computers among devices. */
  pc: number;
  /** Share of iOS among phones and tablets. */
  ios: number;
  /** Share of Yandex Browser among browsers (high only where Yandex is a common default). */
  yandex: number;
  /** Other citizenships seen among residents. */
  foreigners: readonly string[];
}

// Weights follow the rough make-up of Toloka's crowd: a large CIS core, then Turkey, South and
// South-East Asia, Africa and Latin America, a thinner Western Europe and North America.
const COUNTRIES: readonly CountrySpec[] = [
  {
    code: "RU",
    weight: 20,
    cities: [
      [213, 0.3],
      [2, 0.12],
    ],
    languages: [
      ["RU", 1],
      ["TT", 0.03],
    ],
    english: 0.35,
    pc: 0.5,
    ios: 0.25,
    yandex: 0.45,
    foreigners: ["UA", "KZ", "BY", "UZ", "AM"],
  },
  {
    code: "TR",
    weight: 8,
    cities: [[11508, 0.35]],
    languages: [
      ["TR", 1],
      ["KU", 0.04],
    ],
    english: 0.4,
    pc: 0.42,
    ios: 0.18,
    yandex: 0.03,
    foreigners: ["AZ", "SY", "DE"],
  },
  {
    code: "IN",
    weight: 9,
    languages: [
      ["EN", 1],
      ["HI", 0.75],
      ["BN", 0.08],
      ["TA", 0.08],
    ],
    english: 1,
    pc: 0.35,
    ios: 0.05,
    yandex: 0,
    foreigners: ["NP", "BD"],
  },
  {
    code: "ID",
    weight: 7,
    languages: [
      ["ID", 1],
      ["JV", 0.15],
    ],
    english: 0.45,
    pc: 0.3,
    ios: 0.08,
    yandex: 0,
    foreigners: ["MY"],
  },
  {
    code: "US",
    weight: 6,
    cities: [[202, 0.1]],
    languages: [
      ["EN", 1],
      ["ES", 0.13],
    ],
    english: 1,
    pc: 0.6,
    ios: 0.5,
    yandex: 0,
    foreigners: ["MX", "IN", "CN", "PH"],
  },
  {
    code: "BR",
    weight: 5,
    languages: [
      ["PT", 1],
      ["ES", 0.1],
    ],
    english: 0.35,
    pc: 0.4,
    ios: 0.12,
    yandex: 0,
    foreigners: ["AR", "PT"],
  },
  {
    code: "KE",
    weight: 5,
    languages: [
      ["EN", 1],
      ["SW", 0.8],
    ],
    english: 1,
    pc: 0.25,
    ios: 0.04,
    yandex: 0,
    foreigners: ["UG", "TZ"],
  },
  {
    code: "NG",
    weight: 5,
    languages: [
      ["EN", 1],
      ["YO", 0.2],
      ["HA", 0.15],
      ["IG", 0.1],
    ],
    english: 1,
    pc: 0.25,
    ios: 0.06,
    yandex: 0,
    foreigners: ["GH"],
  },
  {
    code: "UA",
    weight: 4,
    languages: [
      ["UK", 1],
      ["RU", 0.8],
    ],
    english: 0.4,
    pc: 0.5,
    ios: 0.2,
    yandex: 0.1,
    foreigners: ["RU", "MD"],
  },
  {
    code: "PH",
    weight: 4,
    languages: [
      ["EN", 1],
      ["TL", 0.85],
    ],
    english: 1,
    pc: 0.35,
    ios: 0.12,
    yandex: 0,
    foreigners: [],
  },
  {
    code: "KZ",
    weight: 3,
    languages: [
      ["RU", 1],
      ["KK", 0.5],
    ],
    english: 0.25,
    pc: 0.45,
    ios: 0.2,
    yandex: 0.35,
    foreigners: ["RU", "UZ", "KG"],
  },
  { code: "VN", weight: 3, languages: [["VI", 1]], english: 0.4, pc: 0.4, ios: 0.2, yandex: 0, foreigners: [] },
  { code: "MX", weight: 3, languages: [["ES", 1]], english: 0.35, pc: 0.45, ios: 0.15, yandex: 0, foreigners: ["US", "GT", "VE"] },
  { code: "EG", weight: 3, languages: [["AR", 1]], english: 0.55, pc: 0.35, ios: 0.08, yandex: 0, foreigners: ["SD"] },
  { code: "PK", weight: 3, languages: [["UR", 1]], english: 0.85, pc: 0.35, ios: 0.04, yandex: 0, foreigners: ["AF"] },
  {
    code: "BY",
    weight: 2,
    languages: [
      ["RU", 1],
      ["BE", 0.3],
    ],
    english: 0.3,
    pc: 0.5,
    ios: 0.2,
    yandex: 0.4,
    foreigners: ["RU", "UA"],
  },
  {
    code: "DE",
    weight: 2,
    cities: [[177, 0.15]],
    languages: [
      ["DE", 1],
      ["TR", 0.08],
      ["RU", 0.06],
    ],
    english: 0.75,
    pc: 0.65,
    ios: 0.35,
    yandex: 0.01,
    foreigners: ["TR", "PL", "RU", "SY"],
  },
  {
    code: "FR",
    weight: 2,
    languages: [
      ["FR", 1],
      ["AR", 0.06],
    ],
    english: 0.55,
    pc: 0.6,
    ios: 0.35,
    yandex: 0,
    foreigners: ["DZ", "MA", "PT"],
  },
  {
    code: "GB",
    weight: 2,
    cities: [[10393, 0.3]],
    languages: [
      ["EN", 1],
      ["PL", 0.04],
      ["FR", 0.05],
    ],
    english: 1,
    pc: 0.6,
    ios: 0.5,
    yandex: 0,
    foreigners: ["IN", "PL", "PK", "NG"],
  },
  {
    code: "ES",
    weight: 2,
    languages: [
      ["ES", 1],
      ["CA", 0.1],
    ],
    english: 0.5,
    pc: 0.55,
    ios: 0.25,
    yandex: 0,
    foreigners: ["MA", "RO", "CO"],
  },
  {
    code: "CA",
    weight: 1,
    languages: [
      ["EN", 1],
      ["FR", 0.25],
    ],
    english: 1,
    pc: 0.6,
    ios: 0.45,
    yandex: 0,
    foreigners: ["IN", "CN", "PH"],
  },
  { code: "AR", weight: 1, languages: [["ES", 1]], english: 0.35, pc: 0.5, ios: 0.15, yandex: 0, foreigners: ["PY", "BO"] },
  { code: "CN", weight: 0.5, languages: [["ZH", 1]], english: 0.3, pc: 0.55, ios: 0.3, yandex: 0, foreigners: [] },
];

const COUNTRY_WEIGHTS = COUNTRIES.map((c) => [c, c.weight] as const);

type Triple = readonly [number, number, number];

// Windows reports its NT version: 10.0 for Windows 10 and 11, 6.1 for Windows 7, 6.3 for 8.1.
const WINDOWS_VERSIONS: readonly (readonly [Triple, number])[] = [
  [[10, 0, 0], 0.8],
  [[6, 1, 0], 0.12],
  [[6, 3, 0], 0.06],
  [[6, 2, 0], 0.02],
];
// Apple's desktop OS is OS_X up to 10.x and MAC_OS from 11 (Big Sur) on.
const MAC_VERSIONS: readonly (readonly [Triple, number])[] = [
  [[10, 15, 7], 0.3],
  [[11, 7, 10], 0.08],
  [[12, 7, 6], 0.12],
  [[13, 6, 9], 0.15],
  [[14, 7, 1], 0.22],
  [[15, 1, 0], 0.13],
];
const ANDROID_VERSIONS: readonly (readonly [Triple, number])[] = [
  [[8, 1, 0], 0.04],
  [[9, 0, 0], 0.06],
  [[10, 0, 0], 0.12],
  [[11, 0, 0], 0.16],
  [[12, 0, 0], 0.17],
  [[13, 0, 0], 0.22],
  [[14, 0, 0], 0.18],
  [[15, 0, 0], 0.05],
];
const IOS_VERSIONS: readonly (readonly [Triple, number])[] = [
  [[15, 8, 3], 0.05],
  [[16, 7, 10], 0.15],
  [[17, 5, 1], 0.15],
  [[17, 6, 1], 0.2],
  [[18, 1, 1], 0.3],
  [[18, 2, 0], 0.15],
];

/** `major.minor` as the float Toloka reports in `os_version` / `user_agent_version`. */
function versionFloat(major: number, minor: number): number {
  return Number.parseFloat(`${major}.${minor}`);
}

function chromeVersion(rng: Rng): Triple {
  const major = rng.weighted([
    [rng.int(109, 119), 0.15],
    [rng.int(120, 127), 0.35],
    [rng.int(128, 131), 0.5],
  ]);
  // Chrome's build number grows by roughly 70-90 per release.
  return [major, 0, 5000 + (major - 109) * 78 + rng.int(0, 60)];
}

function firefoxVersion(rng: Rng): Triple {
  return [
    rng.weighted([
      [115, 0.2],
      [rng.int(120, 133), 0.8],
    ]),
    0,
    rng.int(0, 2),
  ];
}

function yandexVersion(rng: Rng): Triple {
  return [
    rng.weighted([
      [23, 0.3],
      [24, 0.7],
    ]),
    rng.int(1, 12),
    rng.int(0, 5),
  ];
}

function safariVersion(rng: Rng): Triple {
  return rng.pick([
    [15, 6, 1],
    [16, 6, 0],
    [17, 5, 0],
    [17, 6, 0],
    [18, 0, 1],
    [18, 1, 0],
  ] as const);
}

function desktopBrowser(rng: Rng, os: OsFamily, spec: CountrySpec): [UaFamily, Triple] {
  const options: [UaFamily, number][] = [
    ["CHROME", 0.62],
    ["FIREFOX", 0.11],
    ["YANDEX_BROWSER", spec.yandex],
    ["CHROMIUM", os === "LINUX" ? 0.2 : 0.02],
  ];
  if (os === "OS_X" || os === "MAC_OS") options.push(["SAFARI", 0.55]);
  const family = rng.weighted(options);
  switch (family) {
    case "FIREFOX":
      return [family, firefoxVersion(rng)];
    case "YANDEX_BROWSER":
      return [family, yandexVersion(rng)];
    case "SAFARI":
      return [family, safariVersion(rng)];
    default:
      return [family, chromeVersion(rng)];
  }
}

function mobileBrowser(rng: Rng, os: OsFamily, osVersion: Triple, spec: CountrySpec): [UaFamily, Triple] {
  if (os === "IOS") {
    const family = rng.weighted<UaFamily>([
      ["MOBILE_SAFARI", 0.8],
      ["CHROME_MOBILE", 0.15],
      ["YANDEX_BROWSER", spec.yandex * 0.3],
    ]);
    // Safari on iOS carries the iOS version; other iOS browsers carry their own.
    if (family === "MOBILE_SAFARI") return [family, [osVersion[0], osVersion[1], 0]];
    return [family, family === "YANDEX_BROWSER" ? yandexVersion(rng) : chromeVersion(rng)];
  }
  const family = rng.weighted<UaFamily>([
    ["CHROME_MOBILE", 0.78],
    ["YANDEX_BROWSER", spec.yandex * 0.6],
    ["MOBILE_FIREFOX", 0.06],
  ]);
  if (family === "MOBILE_FIREFOX") return [family, firefoxVersion(rng)];
  return [family, family === "YANDEX_BROWSER" ? yandexVersion(rng) : chromeVersion(rng)];
}

/** A consistent device: category, OS and version, client, browser and version. */
function device(rng: Rng, spec: CountrySpec): Computed {
  const category = rng.weighted<NonNullable<Computed["device_category"]>>([
    ["PERSONAL_COMPUTER", spec.pc],
    ["SMARTPHONE", (1 - spec.pc) * 0.93],
    ["TABLET", (1 - spec.pc) * 0.07],
  ]);
  const out: Computed = { device_category: category };
  let os: OsFamily;
  let osVersion: Triple | undefined;
  if (category === "PERSONAL_COMPUTER") {
    os = rng.weighted<OsFamily>([
      ["WINDOWS", 0.8 - spec.ios * 0.4],
      ["OS_X", spec.ios * 0.4 * 0.3],
      ["MAC_OS", spec.ios * 0.4 * 0.7],
      ["LINUX", 0.07],
    ]);
    if (os === "WINDOWS") osVersion = rng.weighted(WINDOWS_VERSIONS);
    else if (os === "OS_X") osVersion = MAC_VERSIONS[0][0];
    else if (os === "MAC_OS") osVersion = rng.weighted(MAC_VERSIONS.slice(1));
    // Linux user agents carry no OS version.
  } else {
    os = rng.chance(spec.ios) ? "IOS" : "ANDROID";
    osVersion = rng.weighted(os === "IOS" ? IOS_VERSIONS : ANDROID_VERSIONS);
  }
  out.os_family = os;
  if (osVersion) {
    out.os_version = versionFloat(osVersion[0], osVersion[1]);
    out.os_version_major = osVersion[0];
    out.os_version_minor = osVersion[1];
    out.os_version_bugfix = osVersion[2];
  }

  // Phones and tablets often run the Toloka app, which reports no browser.
  const app = category !== "PERSONAL_COMPUTER" && rng.chance(0.6);
  out.client_type = app ? "TOLOKA_APP" : "BROWSER";
  if (app) {
    out.user_agent_type = "OTHER";
    return out;
  }
  let family: UaFamily;
  let version: Triple;
  if (category === "PERSONAL_COMPUTER") {
    if (os === "WINDOWS" && osVersion && osVersion[0] === 6 && rng.chance(0.08)) {
      family = "IE";
      version = [11, 0, 0];
    } else {
      [family, version] = desktopBrowser(rng, os, spec);
    }
    out.user_agent_type = "BROWSER";
  } else {
    [family, version] = mobileBrowser(rng, os, osVersion ?? [0, 0, 0], spec);
    out.user_agent_type = "MOBILE_BROWSER";
  }
  out.user_agent_family = family;
  out.user_agent_version = versionFloat(version[0], version[1]);
  out.user_agent_version_major = version[0];
  out.user_agent_version_minor = version[1];
  out.user_agent_version_bugfix = version[2];
  return out;
}

function clampLevel(x: number): number {
  return Math.max(0, Math.min(100, Math.round(x)));
}

/** Skill levels: the account's skills for those who worked on its projects, verified languages for some. */
function skillLevels(rng: Rng, languages: readonly string[], didTask: boolean, adult: boolean): Record<string, number> {
  const skills: Record<string, number> = {};
  for (const lang of languages) {
    const id = LANGUAGE_SKILL_IDS[lang as keyof typeof LANGUAGE_SKILL_IDS];
    // Verified-language skills are 100 when the test is passed; most never take it.
    if (id && rng.chance(lang === "EN" ? 0.3 : 0.2)) skills[id] = 100;
  }
  if (!didTask) return skills;
  const S = ACCOUNT_SKILL_IDS;
  const accuracy = clampLevel(rng.normal(80, 13));
  if (rng.chance(0.92)) skills[S.accuracy] = accuracy;
  if (rng.chance(0.8)) skills[S.speed] = clampLevel(rng.float(5, 100));
  // A Toloker's project skills track their general accuracy.
  const project = () => clampLevel(accuracy + rng.normal(0, 12));
  if (languages.includes("EN") && rng.chance(0.6)) skills[S.searchRelevance] = project();
  if (adult && rng.chance(0.35)) skills[S.imageModeration] = project();
  if (languages.includes("RU") && rng.chance(0.5)) skills[S.audioRu] = project();
  if (rng.chance(0.4)) skills[S.sideBySide] = project();
  if (languages.includes("EN") && languages.includes("TR") && rng.chance(0.7)) skills[S.translationEnTr] = project();
  if (rng.chance(0.35))
    skills[S.examCategories] = rng.weighted([
      [0, 0.05],
      [20, 0.05],
      [40, 0.1],
      [60, 0.2],
      [80, 0.35],
      [100, 0.25],
    ]);
  return skills;
}

const DAY_SECONDS = 86_400;

/** One Toloker. `nowSeconds` anchors ages so the same seed gives the same birthdays. */
function toloker(rng: Rng, nowSeconds: number): SeedToloker {
  const spec = rng.weighted(COUNTRY_WEIGHTS);
  const languages: string[] = [];
  for (const [lang, p] of spec.languages) if (languages.length === 0 || rng.chance(p)) languages.push(lang);
  if (!languages.includes("EN") && rng.chance(spec.english)) languages.push("EN");

  // Ages skew young, as on every crowdsourcing platform: a median around 30.
  const age = 18 + 52 * rng.next() ** 1.9;
  const birthDay = Math.floor((nowSeconds - age * 365.25 * DAY_SECONDS) / DAY_SECONDS);

  const countryRegion = COUNTRY_REGION[spec.code];
  let city: number | undefined = countryRegion;
  if (spec.cities) {
    let r = rng.next();
    for (const [id, share] of spec.cities) {
      r -= share;
      if (r < 0) {
        city = id;
        break;
      }
    }
  }

  const computed = device(rng, spec);
  if (city !== undefined) {
    // The IP usually geolocates to the city; sometimes only to the country, or abroad through a VPN.
    computed.region_by_ip = rng.weighted<number>([
      [city, 0.85],
      [countryRegion ?? city, 0.08],
      [rng.pick([118, 96, 84]), 0.07],
    ]);
    if (rng.chance(0.9)) computed.region_by_phone = rng.chance(0.8) ? city : (countryRegion ?? city);
  }

  const adult = rng.chance(0.72);
  const didTask = rng.chance(0.85);
  const profile: SeedToloker["profile"] = {
    gender: rng.chance(0.53) ? "MALE" : "FEMALE",
    country: spec.code,
    citizenship: spec.foreigners.length > 0 && rng.chance(0.07) ? rng.pick(spec.foreigners) : spec.code,
    education: rng.weighted<"BASIC" | "MIDDLE" | "HIGH">([
      ["BASIC", 0.1],
      ["MIDDLE", 0.35],
      ["HIGH", 0.55],
    ]),
    adult_allowed: adult,
    verified: rng.chance(0.35),
    date_of_birth: birthDay * DAY_SECONDS,
    languages,
  };
  if (city !== undefined) profile.city = city;
  // Profiles filled in years ago often lack education.
  if (rng.chance(0.06)) delete profile.education;

  return {
    id: rng.hex(32),
    profile,
    computed,
    skills: skillLevels(rng, languages, didTask, adult),
    didTask,
  };
}

/** Options of {@link generateTolokers}. */
export interface GenerateTolokersOptions {
  /** Reference time for ages (date_of_birth is 18-70 years before it). Default 2026-11-21. */
  now?: Date;
}

/**
 * `count` Tolokers with realistic, internally consistent profiles: languages match the country,
 * devices match OS and browser, region ids match the city, about 85% have done the account's tasks
 * and only those carry the account's skills. Ids are 32 lowercase hex characters and unique.
 */
export function generateTolokers(rng: Rng, count = 2000, options: GenerateTolokersOptions = {}): SeedToloker[] {
  const nowSeconds = Math.floor((options.now ?? new Date(Date.UTC(2026, 10, 21))).getTime() / 1000);
  const out: SeedToloker[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const t = toloker(rng, nowSeconds);
    // 128 random bits never collide in practice; the check keeps the uniqueness promise unconditional.
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    out.push(t);
  }
  return out;
}
