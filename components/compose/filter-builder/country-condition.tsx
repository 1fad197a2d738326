"use client";

import { useLocale, useTranslations } from "next-intl";
import { countryName, countryOptions } from "@/lib/filters";
import { invalidProps, keyLabel, OperatorField, operatorOptions, Row, SelectField, type ConditionEditorProps } from "./fields";

/** Country of residence, or citizenship (`keyName`), picked by name in the reader's language. */
export function CountryCondition(props: ConditionEditorProps & { keyName: "country" | "citizenship" }) {
  const t = useTranslations("compose.filterBuilder");
  const locale = useLocale();
  const { row, onChange, keyName } = props;
  const value = row.fields.value ?? "";
  const countries = countryOptions(locale).map((o) => ({ value: o.code, label: o.name }));
  return (
    <Row>
      <OperatorField editor={props} keyName={keyName} options={operatorOptions(["EQ", "NE"], "equality", t)} />
      <SelectField
        label={keyLabel(t, "profile", keyName)}
        value={value}
        placeholder={t("country.choose")}
        onChange={(v) => onChange({ ...row.fields, key: keyName, value: v })}
        options={value && !countryName(value) ? [{ value, label: value, data: true }, ...countries] : countries}
        {...invalidProps(props, "value")}
      />
    </Row>
  );
}
