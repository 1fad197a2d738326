"use client";

import { useTranslations } from "next-intl";
import { invalidProps, OperatorField, Row, TextField, type ConditionEditorProps } from "./fields";

/** The comparisons, in the order the list shows them; each reads as `birth.<op>`. */
const OPS = ["LT", "LTE", "GT", "GTE", "EQ", "NE"] as const;

/** A date of birth compared with a day (UTC); a pasted instant that is not midnight stays as typed text. */
export function BirthDateCondition(props: ConditionEditorProps) {
  const t = useTranslations("compose.filterBuilder");
  const { row, onChange } = props;
  const date = row.fields.date ?? "";
  const plainDay = date === "" || /^\d{4}-\d{2}-\d{2}$/.test(date);
  return (
    <Row>
      <OperatorField editor={props} options={OPS.map((op) => ({ value: op, label: t(`birth.${op}`) }))} />
      <TextField
        label={t("field.date")}
        type={plainDay ? "date" : "text"}
        width="w-44"
        value={date}
        onChange={(d) => onChange({ ...row.fields, date: d })}
        {...invalidProps(props, "date")}
      />
    </Row>
  );
}
