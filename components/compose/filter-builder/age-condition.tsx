"use client";

import { useTranslations } from "next-intl";
import { invalidProps, Row, TextField, type ConditionEditorProps } from "./fields";

/** An age range in whole years, sent as dates of birth counted from today. */
export function AgeCondition(props: ConditionEditorProps) {
  const t = useTranslations("compose.filterBuilder");
  const { row, onChange } = props;
  return (
    <Row>
      <span className="text-sm">{t("age.from")}</span>
      <TextField
        label={t("field.min")}
        inputMode="numeric"
        width="w-16"
        placeholder={t("age.any")}
        value={row.fields.min ?? ""}
        onChange={(min) => onChange({ ...row.fields, min })}
        {...invalidProps(props, "min")}
      />
      <span className="text-sm">{t("age.to")}</span>
      <TextField
        label={t("field.max")}
        inputMode="numeric"
        width="w-16"
        placeholder={t("age.any")}
        value={row.fields.max ?? ""}
        onChange={(max) => onChange({ ...row.fields, max })}
        {...invalidProps(props, "max")}
      />
      <span className="text-sm">{t("age.yearsOld")}</span>
    </Row>
  );
}
