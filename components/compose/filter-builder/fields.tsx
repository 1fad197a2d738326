"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { specOfKey, type BuilderCondition, type BuilderError } from "@/lib/compose/builder";
import type { FilterOperator, KeyedCategory } from "@/lib/filters";
import type { Locale } from "@/lib/i18n/locales";

/** What every condition row's editor gets. */
export interface ConditionEditorProps {
  row: BuilderCondition;
  onChange: (fields: Record<string, string>) => void;
  /** The row's own problem, if any; `errorId` is the id of the element saying it. */
  error?: BuilderError;
  errorId: string;
}

/** The builder's words (`compose.filterBuilder`), for the helpers here that the rows share. */
export type BuilderWords = ReturnType<typeof useTranslations<"compose.filterBuilder">>;

/**
 * The inputs a row can have (by its field in the row), each named by `compose.filterBuilder.field.<field>`: the
 * input's aria-label, and the start of its problem under the row ("Youngest age: must be ..."). A few inputs have a
 * longer name of their own ("Skill level", "Skill comparison", "Compare", "Region of"); their problems start with
 * the short word.
 */
const FIELDS = ["skill", "level", "value", "op", "key", "min", "max", "date", "mode"] as const;
type Field = (typeof FIELDS)[number];

/**
 * A builder problem in the page's language: by its message key when it has one; else (the schema's or the JSON
 * parser's words) as it is in English, and in another language just "the value is not valid".
 */
export function builderErrorText(error: Pick<BuilderError, "message" | "say">, t: BuilderWords, locale: Locale): string {
  if (error.say) return t(`errors.${error.say.key}`, error.say.values as never);
  return locale === "en" ? error.message : t("errors.invalidValue");
}

/** The name of a row's input by its field, for its problem; an unknown field reads as itself. */
export function fieldLabel(field: string, t: BuilderWords): string {
  return (FIELDS as readonly string[]).includes(field) ? t(`field.${field as Field}`) : field;
}

/** A message of the builder at a key made from data (a key name, a value), or undefined when there is none. */
function wordAt(t: BuilderWords, key: string): string | undefined {
  const k = key as Parameters<BuilderWords>[0];
  return t.has(k) ? (t as unknown as (key: string) => string)(k) : undefined;
}

/** Keys whose values are brand names ("Windows", "Chrome"): shown as they are, in every language. */
const BRAND_KEYS = new Set(["os_family", "user_agent_family"]);

/** A key's label in the reader's language, else as FILTER_KEYS has it. */
export function keyLabel(t: BuilderWords, category: KeyedCategory, key: string): string {
  return wordAt(t, `keyLabel.${key}`) ?? specOfKey(category, key).label;
}

/** An enum key's values as options: our words for ours, brand names as data. */
export function enumOptions(t: BuilderWords, category: KeyedCategory, key: string): Option[] {
  const spec = specOfKey(category, key);
  if (spec.kind !== "enum") return [];
  const labels = spec.valueLabels as Record<string, string>;
  return spec.values.map((v) =>
    BRAND_KEYS.has(key) ? { value: v, label: labels[v] ?? v, data: true } : { value: v, label: wordAt(t, `valueLabel.${key}.${v}`) ?? labels[v] ?? v },
  );
}

const control =
  "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";

export interface Option {
  value: string;
  label: string;
  /** The label is data (a skill's name, a brand), not words: the option is marked translate="no". */
  data?: boolean;
}

/** A labelled select; the label is for assistive technology, the chosen option shows what it is. */
export function SelectField({
  label,
  value,
  onChange,
  options,
  groups,
  invalid,
  describedBy,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options?: Option[];
  groups?: Array<{ label: string; options: Option[] }>;
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
}) {
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? describedBy : undefined}
      className={`${control} max-w-[16rem]`}
    >
      {placeholder !== undefined && (
        <option value="" disabled>
          {placeholder}
        </option>
      )}
      {options?.map((o) => (
        <option key={o.value} value={o.value} translate={o.data ? "no" : undefined}>
          {o.label}
        </option>
      ))}
      {groups?.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.options.map((o) => (
            <option key={o.value} value={o.value} translate={o.data ? "no" : undefined}>
              {o.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

export function TextField({
  label,
  value,
  onChange,
  invalid,
  describedBy,
  inputMode,
  type = "text",
  width = "w-24",
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  describedBy?: string;
  inputMode?: "numeric" | "decimal" | "text";
  type?: "text" | "date";
  width?: string;
  placeholder?: string;
}) {
  return (
    <input
      aria-label={label}
      type={type}
      value={value}
      inputMode={inputMode}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? describedBy : undefined}
      className={`${control} ${width}`}
    />
  );
}

/** Comparisons as symbols; equality and membership read as words (`equality.*`, `membership.*`). */
const COMPARE_SYMBOLS: Partial<Record<FilterOperator, string>> = { EQ: "=", NE: "≠", GT: ">", GTE: "≥", LT: "<", LTE: "≤" };

function operatorWord(op: FilterOperator, words: "equality" | "membership" | "compare", t: BuilderWords): string {
  if (words === "compare") return COMPARE_SYMBOLS[op] ?? op;
  if (words === "equality") return op === "EQ" ? t("equality.EQ") : op === "NE" ? t("equality.NE") : op;
  return op === "IN" ? t("membership.IN") : op === "NOT_IN" ? t("membership.NOT_IN") : op;
}

/** Operators in words, per kind of value. */
export function operatorOptions(operators: readonly FilterOperator[], words: "equality" | "membership" | "compare", t: BuilderWords): Option[] {
  return operators.map((op) => ({ value: op, label: operatorWord(op, words, t) }));
}

/** The field the row's error is about gets aria-invalid and points at the message. */
export function invalidProps(props: ConditionEditorProps, field: string) {
  return { invalid: props.error?.field === field, describedBy: props.errorId };
}

/** The comparison every condition starts with; the first option until one is chosen. `keyName` is set with it. */
export function OperatorField({ editor, options, keyName }: { editor: ConditionEditorProps; options: Option[]; keyName?: string }) {
  const t = useTranslations("compose.filterBuilder");
  const { row, onChange } = editor;
  return (
    <SelectField
      label={t("field.op")}
      value={row.fields.op ?? options[0].value}
      onChange={(op) => onChange({ ...row.fields, ...(keyName ? { key: keyName } : {}), op })}
      options={options}
      {...invalidProps(editor, "op")}
    />
  );
}

/** A row's editors in one line that wraps. */
export function Row({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap items-center gap-2">{children}</div>;
}

/**
 * Editor for a key whose values are a fixed list (gender, device, education...): is / is not, then the value, in a
 * list named by the key's label.
 */
export function EnumCondition(props: ConditionEditorProps & { category: KeyedCategory; keyName: string }) {
  const t = useTranslations("compose.filterBuilder");
  const { row, onChange, category, keyName } = props;
  const spec = specOfKey(category, keyName);
  if (spec.kind !== "enum") throw new Error(`${keyName} is not an enum key`);
  return (
    <Row>
      <OperatorField editor={props} keyName={keyName} options={operatorOptions(spec.operators, "equality", t)} />
      <SelectField
        label={keyLabel(t, category, keyName)}
        value={row.fields.value ?? ""}
        onChange={(value) => onChange({ ...row.fields, key: keyName, value })}
        options={enumOptions(t, category, keyName)}
        {...invalidProps(props, "value")}
      />
    </Row>
  );
}

/** Editor for a yes/no key (adult content allowed, verified). */
export function BoolCondition(props: ConditionEditorProps & { keyName: string; yes: string; no: string }) {
  const t = useTranslations("compose.filterBuilder");
  const { row, onChange, keyName, yes, no } = props;
  // "is not" exists because pasted filters may use NE; the builder reads it back as written.
  return (
    <Row>
      <OperatorField editor={props} keyName={keyName} options={operatorOptions(["EQ", "NE"], "equality", t)} />
      <SelectField
        label={t("field.value")}
        value={row.fields.value ?? "true"}
        onChange={(value) => onChange({ ...row.fields, key: keyName, value })}
        options={[
          { value: "true", label: yes },
          { value: "false", label: no },
        ]}
        {...invalidProps(props, "value")}
      />
    </Row>
  );
}
