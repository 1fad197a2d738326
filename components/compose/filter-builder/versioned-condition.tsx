"use client";

import { useTranslations } from "next-intl";
import { defaultFields, keysOfKind, specOfKey, type ConditionKind } from "@/lib/compose/builder";
import { enumOptions, invalidProps, keyLabel, OperatorField, operatorOptions, Row, SelectField, TextField, type ConditionEditorProps } from "./fields";

/**
 * Shared by the operating system and browser rows: first what is compared (the family, a type, or a version or
 * one part of it), then how, then the value: a list for a family or type, a number for a version. What is compared
 * reads as its key's label, unless `labels` words a key otherwise.
 */
export function VersionedCondition(props: ConditionEditorProps & { kind: ConditionKind; labels?: Readonly<Record<string, string>> }) {
  const t = useTranslations("compose.filterBuilder");
  const { row, onChange, kind, labels } = props;
  const keys = keysOfKind(kind).map(({ key }) => ({ value: key, label: labels?.[key] ?? keyLabel(t, "computed", key) }));
  const key = row.fields.key ?? keys[0].value;
  const spec = specOfKey("computed", key);
  const changeKey = (next: string) => {
    const nextSpec = specOfKey("computed", next);
    const first = defaultFields(kind);
    onChange({ key: next, op: nextSpec.operators[0], value: nextSpec.kind === "enum" ? (first.key === next ? first.value : nextSpec.values[0]) : "" });
  };
  return (
    <Row>
      <SelectField label={t("versioned.compare")} value={key} onChange={changeKey} options={keys} {...invalidProps(props, "key")} />
      <OperatorField editor={props} keyName={key} options={operatorOptions(spec.operators, spec.kind === "enum" ? "equality" : "compare", t)} />
      {spec.kind === "enum" ? (
        <SelectField
          label={t("field.value")}
          value={row.fields.value ?? ""}
          onChange={(value) => onChange({ ...row.fields, key, value })}
          options={enumOptions(t, "computed", key)}
          {...invalidProps(props, "value")}
        />
      ) : (
        <TextField
          label={t("versioned.version")}
          inputMode={spec.kind === "int" ? "numeric" : "decimal"}
          placeholder={t("versioned.example", { version: spec.kind === "int" ? "14" : "13.4" })}
          value={row.fields.value ?? ""}
          onChange={(value) => onChange({ ...row.fields, key, value })}
          {...invalidProps(props, "value")}
        />
      )}
    </Row>
  );
}
