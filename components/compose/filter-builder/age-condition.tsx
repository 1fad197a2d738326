"use client";

import { FIELD_LABELS, invalidProps, Row, TextField, type ConditionEditorProps } from "./fields";

/** An age range in whole years, sent as dates of birth counted from today. */
export function AgeCondition(props: ConditionEditorProps) {
  const { row, onChange } = props;
  return (
    <Row>
      <span className="text-sm">from</span>
      <TextField
        label={FIELD_LABELS.min}
        inputMode="numeric"
        width="w-16"
        placeholder="any"
        value={row.fields.min ?? ""}
        onChange={(min) => onChange({ ...row.fields, min })}
        {...invalidProps(props, "min")}
      />
      <span className="text-sm">to</span>
      <TextField
        label={FIELD_LABELS.max}
        inputMode="numeric"
        width="w-16"
        placeholder="any"
        value={row.fields.max ?? ""}
        onChange={(max) => onChange({ ...row.fields, max })}
        {...invalidProps(props, "max")}
      />
      <span className="text-sm">years old</span>
    </Row>
  );
}
