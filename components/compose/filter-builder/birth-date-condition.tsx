"use client";

import { FIELD_LABELS, invalidProps, OperatorField, Row, TextField, type ConditionEditorProps } from "./fields";

const OPS = [
  { value: "LT", label: "born before" },
  { value: "LTE", label: "born on or before" },
  { value: "GT", label: "born after" },
  { value: "GTE", label: "born on or after" },
  { value: "EQ", label: "born on" },
  { value: "NE", label: "not born on" },
];

/** A date of birth compared with a day (UTC); a pasted instant that is not midnight stays as typed text. */
export function BirthDateCondition(props: ConditionEditorProps) {
  const { row, onChange } = props;
  const date = row.fields.date ?? "";
  const plainDay = date === "" || /^\d{4}-\d{2}-\d{2}$/.test(date);
  return (
    <Row>
      <OperatorField editor={props} options={OPS} />
      <TextField
        label={FIELD_LABELS.date}
        type={plainDay ? "date" : "text"}
        width="w-44"
        value={date}
        onChange={(d) => onChange({ ...row.fields, date: d })}
        {...invalidProps(props, "date")}
      />
    </Row>
  );
}
