import type { useTranslations } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import { countryName, languageName, verifiedLanguageOfSkill } from "./catalog";
import { data, stripMarks } from "./marks";
import { regionById } from "./regions";
import { FILTER_KEYS, OPERATOR_SYMBOLS, groupParts, isFilterGroup, type FilterCondition, type FilterNode, type KeySpec, type SkillCondition } from "./schema";

/*
 * Plain-language descriptions of filters, for the compose form's summary and the sent thread's details, in the
 * reader's language: every word is a message of `compose.words` (messages/<locale>/compose.json), which the
 * caller's translator reads, and names of codes come from catalog.ts in that language.
 * Wording: groups read infix ("A and B", "A or B"); a nested group with more than one child is parenthesised so
 * "and"/"or" never need precedence rules; a group of one reads as its child. An "or" whose children are all
 * EQ (or all IN) on the same key reads as one clause ("device is a smartphone or a tablet"). Codes and region
 * ids read as names where catalog.ts / regions.ts know them, else as themselves. Unknown values are not
 * spelt out ("country is not DE" also covers Tolokers with no country) except for skills, where a missing skill
 * is common and "≠ 80" would mislead: "skill X ≠ 80 (or absent)". A key's sentence subject ("phone number
 * region") is its message under `filter.subject`, else its spec's `subject` in FILTER_KEYS.
 *
 * What is data rather than words (a skill's name, a brand such as "Windows", a code no table knows) can be told
 * apart: `describeFilterMarked` wraps each such piece in DATA_OPEN/DATA_CLOSE, so a page can mark it
 * translate="no" (`markedParts`); `describeFilter` is the same text without the marks.
 */

/** The translator of `compose.words`: `useTranslations("compose.words")`, or createTranslator on the server. */
type WordsTranslator = ReturnType<typeof useTranslations<"compose.words">>;

/** What the description is read with: the words of `compose.words` and the language they are in. */
export interface FilterWords {
  t: WordsTranslator;
  locale: Locale;
}

export interface DescribeOptions {
  /** Skill id to its name, e.g. {"26366": "Accuracy"}; a skill without one reads as `skill #26366`. */
  skillNames?: Readonly<Record<string, string>>;
}

/**
 * A filter in plain words, e.g. `skill "Accuracy" ≥ 80 and speaks English and (device is a smartphone or a
 * tablet)`. Accepts a group or a bare condition; never throws on a parsed filter and never returns "".
 */
export function describeFilter(filter: FilterNode, words: FilterWords, options: DescribeOptions = {}): string {
  return stripMarks(describeFilterMarked(filter, words, options));
}

/** describeFilter with its data marked (see `markedParts`). */
export function describeFilterMarked(filter: FilterNode, words: FilterWords, options: DescribeOptions = {}): string {
  return describeNode(filter, false, { ...words, options });
}

interface Context extends FilterWords {
  options: DescribeOptions;
}

type WordKey = Parameters<WordsTranslator>[0];

/** The message at a key made from data (a key name, a value), or undefined when there is none. */
function wordAt(t: WordsTranslator, key: string): string | undefined {
  const k = key as WordKey;
  return t.has(k) ? (t as unknown as (key: string) => string)(k) : undefined;
}

/** "A and B and C" / "A or B": the parts joined, pair by pair, by the language's word. */
function joined(c: Context, op: "and" | "or", parts: string[]): string {
  return parts.reduce((left, right) => (op === "and" ? c.t("filter.and", { left, right }) : c.t("filter.or", { left, right })));
}

function describeNode(node: FilterNode, nested: boolean, c: Context): string {
  if (!isFilterGroup(node)) return describeCondition(node, c);
  const { op, children } = groupParts(node);
  // The schema rejects empty groups; read one the way evaluation treats it rather than print nothing.
  if (children.length === 0) return op === "and" ? c.t("filter.anyone") : c.t("filter.noOne");
  if (children.length === 1) return describeNode(children[0], nested, c);
  const text =
    (op === "or" && describeMergedOr(children, c)) ||
    joined(
      c,
      op,
      children.map((child) => describeNode(child, true, c)),
    );
  return nested ? `(${text})` : text;
}

/** "x is A or B" for an `or` of EQ (or IN) conditions on one non-skill key; undefined when the group isn't one. */
function describeMergedOr(children: FilterNode[], c: Context): string | undefined {
  const conditions = children.filter((n): n is Exclude<FilterCondition, SkillCondition> => !isFilterGroup(n) && n.category !== "skill");
  if (conditions.length !== children.length) return undefined;
  const [first] = conditions;
  if (first.operator !== "EQ" && first.operator !== "IN") return undefined;
  const sameKey = conditions.every((n) => n.category === first.category && n.key === first.key && n.operator === first.operator);
  const spec = specOf(first);
  if (!sameKey || spec.kind === "bool") return undefined;
  return keyedPhrase(
    first,
    spec,
    conditions.map((n) => valueText(n.key, spec, n.value, c)),
    c,
  );
}

function describeCondition(condition: FilterCondition, c: Context): string {
  if (condition.category === "skill") return describeSkill(condition, c);
  const spec = specOf(condition);
  return keyedPhrase(condition, spec, [valueText(condition.key, spec, condition.value, c)], c);
}

function specOf(condition: Exclude<FilterCondition, SkillCondition>): KeySpec {
  return (FILTER_KEYS[condition.category] as Record<string, KeySpec>)[condition.key];
}

/** Keys whose values are brand names ("Windows", "Chrome"): data, the same in every language. */
const BRAND_KEYS = new Set(["os_family", "user_agent_family"]);

/** The clause for one keyed condition; several `values` (a merged `or`) read as "A or B". */
function keyedPhrase(condition: Exclude<FilterCondition, SkillCondition>, spec: KeySpec, values: string[], c: Context): string {
  const { key, operator } = condition;
  const { t } = c;
  const either = joined(c, "or", values);
  const subject = wordAt(t, `filter.subject.${key}`) ?? spec.subject;
  switch (spec.kind) {
    case "bool":
      return describeBool(key, operator === "EQ" ? condition.value === true : null, operator === "NE" ? condition.value === true : null, c);
    case "language":
      return operator === "IN" ? t("filter.speaks", { languages: either }) : t("filter.doesNotSpeak", { languages: either });
    case "region":
      return operator === "IN" ? t("filter.isIn", { subject, values: either }) : t("filter.isNotIn", { subject, values: either });
    case "date-unix":
      return describeBirth(subject, operator, either, c);
    case "country":
      if (key === "citizenship") return operator === "EQ" ? t("filter.citizen", { values: either }) : t("filter.notCitizen", { values: either });
      return operator === "EQ" ? t("filter.is", { subject, values: either }) : t("filter.isNot", { subject, values: either });
    case "enum":
      return operator === "EQ" ? t("filter.is", { subject, values: either }) : t("filter.isNot", { subject, values: either });
    case "int":
    case "float":
    case "skill":
      return t("filter.compare", { subject, op: OPERATOR_SYMBOLS[operator], value: either });
  }
}

/** `eq`: the EQ value, or null for NE; `ne`: the NE value, or null for EQ. */
function describeBool(key: string, eq: boolean | null, ne: boolean | null, { t }: Context): string {
  const adult = key === "adult_allowed";
  const yes = () => (adult ? t("filter.adult.yes") : t("filter.verified.yes"));
  const no = () => (adult ? t("filter.adult.no") : t("filter.verified.no"));
  const notNo = () => (adult ? t("filter.adult.notNo") : t("filter.verified.notNo"));
  if (eq !== null) return eq ? yes() : no();
  // NE true is "false or unknown", which "is not verified" already says; NE false needs its own wording.
  return ne ? no() : notNo();
}

function describeBirth(subject: string, operator: FilterCondition["operator"], date: string, { t }: Context): string {
  switch (operator) {
    case "EQ":
      return t("filter.born.EQ", { date });
    case "NE":
      return t("filter.born.NE", { date });
    case "GT":
      return t("filter.born.GT", { date });
    case "GTE":
      return t("filter.born.GTE", { date });
    case "LT":
      return t("filter.born.LT", { date });
    case "LTE":
      return t("filter.born.LTE", { date });
    default:
      return t("filter.compare", { subject, op: OPERATOR_SYMBOLS[operator], value: date });
  }
}

function valueText(key: string, spec: KeySpec, value: unknown, c: Context): string {
  const raw = String(value);
  switch (spec.kind) {
    case "enum": {
      if (BRAND_KEYS.has(key)) return data((spec.valueLabels as Record<string, string>)[raw] ?? raw);
      return wordAt(c.t, `filter.value.${key}.${raw}`) ?? data(raw);
    }
    case "country":
      return countryName(raw, c.locale) ?? data(raw);
    case "language":
      return languageName(raw, c.locale) ?? data(raw);
    case "region":
      return regionLabel(Number(value), c) ?? c.t("filter.region", { id: raw });
    case "date-unix":
      return formatUnixDate(Number(value), c);
    default:
      return raw;
  }
}

/**
 * A region of regions.ts by its name in the reader's language: a country by its code (catalog.ts), a city or a
 * region by its message under `regions`; undefined when the tree does not hold the id.
 */
export function regionLabel(id: number, { t, locale }: FilterWords): string | undefined {
  const region = regionById(id);
  if (!region) return undefined;
  if (region.iso) return countryName(region.iso, locale) ?? region.name;
  return wordAt(t, `regions.${id}`) ?? region.name;
}

// A day as the reader's language writes it in digits (English keeps ISO, "2001-01-01", as it always has).
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();
function dayText(date: Date, iso: string, locale: Locale): string {
  if (locale === "en") return iso;
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(locale, format);
  }
  return format.format(date);
}

/** "2001-01-01" at midnight UTC, else "2001-01-01 12:30:00 UTC"; raw seconds if out of Date's range. */
function formatUnixDate(seconds: number, { t, locale }: Context): string {
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(date.getTime())) return t("filter.unixSeconds", { seconds: String(seconds) });
  const iso = date.toISOString();
  const [day, time] = [iso.slice(0, iso.indexOf("T")), iso.slice(iso.indexOf("T") + 1, iso.indexOf("T") + 9)];
  const shown = dayText(date, day, locale);
  return time === "00:00:00" ? shown : t("filter.dateTime", { date: shown, time });
}

function describeSkill(condition: SkillCondition, c: Context): string {
  const skill = skillLabel(condition.key, c);
  if (condition.value === null) return condition.operator === "EQ" ? c.t("filter.hasNot", { skill }) : c.t("filter.has", { skill });
  const values = { skill, op: OPERATOR_SYMBOLS[condition.operator], value: String(condition.value) };
  return condition.operator === "NE" ? c.t("filter.skillNotEqual", values) : c.t("filter.skillCompare", values);
}

function skillLabel(id: string, { t, locale, options }: Context): string {
  const given = options.skillNames && Object.hasOwn(options.skillNames, id) ? options.skillNames[id] : undefined;
  if (given !== undefined && given.trim() !== "") return t("filter.skillNamed", { name: data(given) });
  const language = verifiedLanguageOfSkill(id);
  if (language) return t("filter.skillVerified", { language: languageName(language, locale) ?? data(language) });
  return t("filter.skillId", { id });
}

/** The ids of the skills a filter names, each once, in the order they first appear. */
export function filterSkillIds(filter: FilterNode): string[] {
  const ids = new Set<string>();
  const walk = (node: FilterNode) => {
    if (isFilterGroup(node)) groupParts(node).children.forEach(walk);
    else if (node.category === "skill") ids.add(String(node.key));
  };
  walk(filter);
  return [...ids];
}
