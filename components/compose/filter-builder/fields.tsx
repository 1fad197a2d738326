"use client";

import type { ReactNode } from "react";
import { specOfKey, type BuilderCondition, type BuilderError } from "@/lib/compose/builder";
import { SKILL_KEY_SPEC, type FilterOperator, type KeyedCategory } from "@/lib/filters";

/** What every condition row's editor gets. */
export interface ConditionEditorProps {
  row: BuilderCondition;
  onChange: (fields: Record<string, string>) => void;
  /** The row's own problem, if any; `errorId` is the id of the element saying it. */
  error?: BuilderError;
  errorId: string;
}

/**
 * The name of each input a row can have (by its field in the row): the input's aria-label, and the start of its
 * problem under the row ("Youngest age: must be ..."). A few inputs have a longer name of their own ("Skill
 * level", "Skill comparison", "Compare", "Region of"); their problems start with the short word here.
 */
export const FIELD_LABELS = {
  skill: SKILL_KEY_SPEC.label,
  level: "Level",
  value: "Value",
  op: "Comparison",
  key: "What",
  min: "Youngest age",
  max: "Oldest age",
  date: "Date",
  mode: "Comparison",
} as const;

/** The name of a row's input by its field, for its problem; an unknown field reads as itself. */
export function fieldLabel(field: string): string {
  return Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field as keyof typeof FIELD_LABELS] : field;
}

const control =
  "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";

interface Option {
  value: string;
  label: string;
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
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {groups?.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.options.map((o) => (
            <option key={o.value} value={o.value}>
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

/** Operators in words, per kind of value. */
const OPERATOR_WORDS: Record<string, Partial<Record<FilterOperator, string>>> = {
  equality: { EQ: "is", NE: "is not" },
  membership: { IN: "is in", NOT_IN: "is not in" },
  compare: { EQ: "=", NE: "≠", GT: ">", GTE: "≥", LT: "<", LTE: "≤" },
};

export function operatorOptions(operators: readonly FilterOperator[], words: "equality" | "membership" | "compare"): Option[] {
  return operators.map((op) => ({ value: op, label: OPERATOR_WORDS[words][op] ?? op }));
}

/** The field the row's error is about gets aria-invalid and points at the message. */
export function invalidProps(props: ConditionEditorProps, field: string) {
  return { invalid: props.error?.field === field, describedBy: props.errorId };
}

/** The comparison every condition starts with; the first option until one is chosen. `keyName` is set with it. */
export function OperatorField({ editor, options, keyName }: { editor: ConditionEditorProps; options: Option[]; keyName?: string }) {
  const { row, onChange } = editor;
  return (
    <SelectField
      label={FIELD_LABELS.op}
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
  const { row, onChange, category, keyName } = props;
  const spec = specOfKey(category, keyName);
  if (spec.kind !== "enum") throw new Error(`${keyName} is not an enum key`);
  const labels = spec.valueLabels as Record<string, string>;
  return (
    <Row>
      <OperatorField editor={props} keyName={keyName} options={operatorOptions(spec.operators, "equality")} />
      <SelectField
        label={spec.label}
        value={row.fields.value ?? ""}
        onChange={(value) => onChange({ ...row.fields, key: keyName, value })}
        options={spec.values.map((v) => ({ value: v, label: labels[v] ?? v }))}
        {...invalidProps(props, "value")}
      />
    </Row>
  );
}

/** Editor for a yes/no key (adult content allowed, verified). */
export function BoolCondition(props: ConditionEditorProps & { keyName: string; yes: string; no: string }) {
  const { row, onChange, keyName, yes, no } = props;
  // "is not" exists because pasted filters may use NE; the builder reads it back as written.
  return (
    <Row>
      <OperatorField editor={props} keyName={keyName} options={operatorOptions(["EQ", "NE"], "equality")} />
      <SelectField
        label={FIELD_LABELS.value}
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
