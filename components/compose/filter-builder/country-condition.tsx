"use client";

import { COUNTRY_OPTIONS, countryName, FILTER_KEYS } from "@/lib/filters";
import { invalidProps, OperatorField, operatorOptions, Row, SelectField, type ConditionEditorProps } from "./fields";

const countries = COUNTRY_OPTIONS.map((o) => ({ value: o.code, label: o.name }));

/** Country of residence, or citizenship (`keyName`), picked by name. */
export function CountryCondition(props: ConditionEditorProps & { keyName: "country" | "citizenship" }) {
  const { row, onChange, keyName } = props;
  const value = row.fields.value ?? "";
  return (
    <Row>
      <OperatorField editor={props} keyName={keyName} options={operatorOptions(["EQ", "NE"], "equality")} />
      <SelectField
        label={FILTER_KEYS.profile[keyName].label}
        value={value}
        placeholder="Choose a country"
        onChange={(v) => onChange({ ...row.fields, key: keyName, value: v })}
        options={value && !countryName(value) ? [{ value, label: value }, ...countries] : countries}
        {...invalidProps(props, "value")}
      />
    </Row>
  );
}
