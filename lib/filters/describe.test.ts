import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";
import { describeFilter, describeFilterMarked, filterSkillIds, regionLabel, type FilterWords } from "./describe";
import { markedParts } from "./marks";
import { REGIONS } from "./regions";
import { recipientFilterSchema, type FilterCondition, type RecipientFilter } from "./schema";

const c = (category: string, key: string | number, operator: string, value?: unknown): FilterCondition =>
  (recipientFilterSchema.parse({ category, key, operator, value }) as { and: FilterCondition[] }).and[0];
const parse = (input: unknown): RecipientFilter => recipientFilterSchema.parse(input);
const words = (locale: "en" | "ru"): FilterWords => ({ t: createTranslator({ locale, messages: MESSAGES[locale], namespace: "compose.words" }), locale });
const en = words("en");
const ru = words("ru");

describe("describeFilter", () => {
  it("reads the brief's example", () => {
    const filter = parse({
      and: [
        c("skill", "123", "GTE", 80),
        c("profile", "languages", "IN", "EN"),
        { or: [c("computed", "device_category", "EQ", "SMARTPHONE"), c("computed", "device_category", "EQ", "TABLET")] },
      ],
    });
    expect(describeFilter(filter, en, { skillNames: { "123": "Accuracy" } })).toBe(
      'skill "Accuracy" ≥ 80 and speaks English and (device is a smartphone or a tablet)',
    );
  });

  it.each([
    [c("profile", "gender", "EQ", "MALE"), "gender is male"],
    [c("profile", "gender", "NE", "FEMALE"), "gender is not female"],
    [c("profile", "country", "EQ", "DE"), "country is Germany"],
    [c("profile", "country", "NE", "XX"), "country is not XX"],
    [c("profile", "citizenship", "EQ", "TR"), "citizen of Turkey"],
    [c("profile", "citizenship", "NE", "GB"), "not a citizen of United Kingdom"],
    [c("profile", "education", "EQ", "HIGH"), "education is higher"],
    [c("profile", "adult_allowed", "EQ", true), "allows adult content"],
    [c("profile", "adult_allowed", "EQ", false), "does not allow adult content"],
    [c("profile", "adult_allowed", "NE", true), "does not allow adult content"],
    [c("profile", "adult_allowed", "NE", false), "is not marked as refusing adult content"],
    [c("profile", "verified", "EQ", true), "is verified"],
    [c("profile", "verified", "NE", false), "is not marked as unverified"],
    [c("profile", "date_of_birth", "LT", 978307200), "born before 2001-01-01"],
    [c("profile", "date_of_birth", "GTE", 946684800), "born on or after 2000-01-01"],
    [c("profile", "date_of_birth", "GT", 978352200), "born after 2001-01-01 12:30:00 UTC"],
    [c("profile", "date_of_birth", "LTE", -86400), "born on or before 1969-12-31"],
    [c("profile", "date_of_birth", "EQ", 0), "born on 1970-01-01"],
    [c("profile", "date_of_birth", "NE", 0), "not born on 1970-01-01"],
    [c("profile", "city", "IN", 213), "city is in Moscow"],
    [c("profile", "city", "NOT_IN", 424242), "city is not in region 424242"],
    [c("profile", "languages", "IN", "TR"), "speaks Turkish"],
    [c("profile", "languages", "NOT_IN", "RU"), "does not speak Russian"],
    [c("profile", "languages", "IN", "QQ"), "speaks QQ"],
    [c("computed", "region_by_phone", "IN", 225), "phone number region is in Russia"],
    [c("computed", "region_by_ip", "NOT_IN", 11508), "IP address region is not in Istanbul"],
    [c("computed", "device_category", "NE", "PERSONAL_COMPUTER"), "device is not a personal computer"],
    [c("computed", "client_type", "EQ", "TOLOKA_APP"), "client is the Toloka app"],
    [c("computed", "os_family", "EQ", "IOS"), "OS is iOS"],
    [c("computed", "os_version", "GTE", 10.15), "OS version ≥ 10.15"],
    [c("computed", "os_version_major", "LT", 11), "OS major version < 11"],
    [c("computed", "user_agent_type", "EQ", "OTHER"), "browser type is something else"],
    [c("computed", "user_agent_type", "EQ", "MOBILE_BROWSER"), "browser type is a mobile browser"],
    [c("computed", "user_agent_family", "NE", "YANDEX_BROWSER"), "browser is not Yandex Browser"],
    [c("computed", "user_agent_version_bugfix", "NE", 3), "browser bugfix version ≠ 3"],
    [c("skill", "42", "GT", 50), "skill #42 > 50"],
    [c("skill", "42", "EQ", null), "does not have skill #42"],
    [c("skill", "42", "NE", null), "has skill #42"],
    [c("skill", "42", "NE", 80), "skill #42 ≠ 80 (or absent)"],
    [c("skill", "26366", "EQ", 100), 'skill "English (verified)" = 100'],
  ])("%j reads %j", (condition, text) => {
    expect(describeFilter(condition, en)).toBe(text);
    expect(describeFilter({ and: [condition] }, en)).toBe(text);
  });

  it("names skills from skillNames first, ignoring blank names", () => {
    expect(describeFilter(c("skill", "26366", "GTE", 90), en, { skillNames: { "26366": "English test" } })).toBe('skill "English test" ≥ 90');
    expect(describeFilter(c("skill", "42", "GTE", 90), en, { skillNames: { "42": "  " } })).toBe("skill #42 ≥ 90");
    expect(describeFilter(c("skill", "42", "GTE", 90), en, { skillNames: {} })).toBe("skill #42 ≥ 90");
  });

  it("parenthesises nested groups of several, not the top or groups of one", () => {
    const a = c("profile", "gender", "EQ", "MALE");
    const b = c("profile", "country", "EQ", "DE");
    const d = c("profile", "languages", "IN", "EN");
    expect(describeFilter(parse({ or: [a, { and: [b, d] }] }), en)).toBe("gender is male or (country is Germany and speaks English)");
    expect(describeFilter(parse({ and: [a, { or: [{ and: [b] }] }] }), en)).toBe("gender is male and country is Germany");
    expect(describeFilter(parse({ and: [{ or: [a, { and: [b, { or: [d, a] }] }] }] }), en)).toBe(
      "gender is male or (country is Germany and (speaks English or gender is male))",
    );
  });

  it("merges an or of EQ or IN on one key into one clause, and nothing else", () => {
    const lang = (code: string, op = "IN") => c("profile", "languages", op, code);
    expect(describeFilter(parse({ or: [lang("EN"), lang("DE"), lang("FR")] }), en)).toBe("speaks English or German or French");
    expect(describeFilter(parse({ or: [c("computed", "region_by_ip", "IN", 225), c("computed", "region_by_ip", "IN", 187)] }), en)).toBe(
      "IP address region is in Russia or Ukraine",
    );
    expect(describeFilter(parse({ or: [lang("EN", "NOT_IN"), lang("DE", "NOT_IN")] }), en)).toBe("does not speak English or does not speak German");
    expect(describeFilter(parse({ and: [lang("EN"), lang("DE")] }), en)).toBe("speaks English and speaks German");
    expect(describeFilter(parse({ or: [lang("EN"), c("profile", "country", "EQ", "DE")] }), en)).toBe("speaks English or country is Germany");
  });

  it("reads a hand-made empty group instead of printing nothing", () => {
    expect(describeFilter({ and: [] }, en)).toBe("anyone");
    expect(describeFilter({ or: [] }, en)).toBe("no one");
  });
});

describe("describeFilter in Russian", () => {
  it.each([
    [c("profile", "gender", "EQ", "MALE"), "пол — мужской"],
    [c("profile", "country", "NE", "DE"), "страна — не Германия"],
    [c("profile", "citizenship", "EQ", "TR"), "гражданство — Турция"],
    [c("profile", "languages", "IN", "EN"), "знает английский"],
    [c("profile", "languages", "NOT_IN", "QQ"), "не знает QQ"],
    [c("profile", "city", "IN", 213), "город — Москва"],
    [c("computed", "region_by_ip", "NOT_IN", 225), "регион по IP-адресу — не Россия"],
    [c("computed", "region_by_phone", "IN", 424242), "регион по номеру телефона — регион 424242"],
    [c("profile", "date_of_birth", "LT", 978307200), "дата рождения — раньше 01.01.2001"],
    [c("profile", "date_of_birth", "GT", 978352200), "дата рождения — позже 01.01.2001 12:30:00 UTC"],
    [c("profile", "verified", "EQ", true), "верификация пройдена"],
    [c("computed", "client_type", "EQ", "TOLOKA_APP"), "клиент — приложение Толоки"],
    [c("computed", "os_family", "EQ", "IOS"), "ОС — iOS"],
    [c("computed", "os_version", "GTE", 10.15), "версия ОС ≥ 10.15"],
    [c("skill", "42", "EQ", null), "навык №42 отсутствует"],
    [c("skill", "42", "NE", 80), "навык №42 ≠ 80 (или отсутствует)"],
    [c("skill", "26366", "EQ", 100), "навык «английский (подтверждён)» = 100"],
  ])("%j reads %j", (condition, text) => {
    expect(describeFilter(condition, ru)).toBe(text);
  });

  it("joins groups and merged clauses with Russian words", () => {
    const filter = parse({
      and: [
        c("skill", "123", "GTE", 80),
        c("profile", "languages", "IN", "EN"),
        { or: [c("computed", "device_category", "EQ", "SMARTPHONE"), c("computed", "device_category", "EQ", "TABLET")] },
      ],
    });
    expect(describeFilter(filter, ru, { skillNames: { "123": "Accuracy" } })).toBe(
      "навык «Accuracy» ≥ 80 и знает английский и (устройство — смартфон или планшет)",
    );
    expect(describeFilter({ and: [] }, ru)).toBe("все");
  });
});

describe("describeFilterMarked", () => {
  it("marks what is data, not words: skill names, brands, codes no table knows", () => {
    const filter = parse({
      and: [c("skill", "7", "GTE", 80), c("computed", "os_family", "EQ", "ANDROID"), c("profile", "country", "EQ", "XX"), c("profile", "country", "EQ", "DE")],
    });
    expect(markedParts(describeFilterMarked(filter, en, { skillNames: { "7": "Accuracy" } }))).toEqual([
      { text: 'skill "', data: false },
      { text: "Accuracy", data: true },
      { text: '" ≥ 80 and OS is ', data: false },
      { text: "Android", data: true },
      { text: " and country is ", data: false },
      { text: "XX", data: true },
      { text: " and country is Germany", data: false },
    ]);
  });
});

describe("regionLabel", () => {
  it("names every region of the tree as regions.ts does in English, and in Russian in Russian", () => {
    for (const region of REGIONS) {
      expect(regionLabel(region.id, en), String(region.id)).toBe(region.name);
      expect(regionLabel(region.id, ru), String(region.id)).toMatch(/^[А-ЯЁ][А-ЯЁа-яё -]+$/);
    }
    expect(regionLabel(424242, ru)).toBeUndefined();
  });
});

describe("filterSkillIds", () => {
  it("lists each skill a filter names once, in order, and nothing for a filter without skills", () => {
    const filter = parse({
      or: [
        { category: "skill", key: "41027", operator: "GTE", value: 80 },
        {
          and: [
            { category: "skill", key: 44102, operator: "EQ", value: null },
            { category: "profile", key: "gender", operator: "EQ", value: "FEMALE" },
          ],
        },
        { category: "skill", key: "41027", operator: "LT", value: 20 },
      ],
    });
    expect(filterSkillIds(filter)).toEqual(["41027", "44102"]);
    expect(filterSkillIds(parse({ category: "profile", key: "gender", operator: "EQ", value: "MALE" }))).toEqual([]);
  });
});
