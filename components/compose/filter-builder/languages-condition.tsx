"use client";

import { KIND_LABELS } from "@/lib/compose/builder";
import { COMMON_LANGUAGE_CODES, LANGUAGE_OPTIONS, languageName } from "@/lib/filters";
import { invalidProps, OperatorField, Row, SelectField, type ConditionEditorProps } from "./fields";

const common = COMMON_LANGUAGE_CODES.map((code) => ({ value: code, label: languageName(code) ?? code })).sort((a, b) => a.label.localeCompare(b.label, "en"));
const rest = LANGUAGE_OPTIONS.filter((o) => !(COMMON_LANGUAGE_CODES as readonly string[]).includes(o.code)).map((o) => ({ value: o.code, label: o.name }));

/** A language the Toloker speaks (or does not), picked by name. */
export function LanguagesCondition(props: ConditionEditorProps) {
  const { row, onChange } = props;
  const value = row.fields.value ?? "";
  const known = languageName(value) !== undefined;
  return (
    <Row>
      <OperatorField
        editor={props}
        keyName="languages"
        options={[
          { value: "IN", label: "speaks" },
          { value: "NOT_IN", label: "does not speak" },
        ]}
      />
      <SelectField
        label={KIND_LABELS.languages}
        value={value}
        placeholder="Choose a language"
        onChange={(v) => onChange({ ...row.fields, key: "languages", value: v })}
        groups={[
          ...(value && !known ? [{ label: "As given", options: [{ value, label: value }] }] : []),
          { label: "Common", options: common },
          { label: "All languages", options: rest },
        ]}
        {...invalidProps(props, "value")}
      />
    </Row>
  );
}
