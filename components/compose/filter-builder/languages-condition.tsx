"use client";

import { useLocale, useTranslations } from "next-intl";
import { COMMON_LANGUAGE_CODES, languageName, languageOptions, languageTitle } from "@/lib/filters";
import { invalidProps, OperatorField, Row, SelectField, type ConditionEditorProps } from "./fields";

/** A language the Toloker speaks (or does not), picked by name in the reader's language. */
export function LanguagesCondition(props: ConditionEditorProps) {
  const t = useTranslations("compose.filterBuilder");
  const locale = useLocale();
  const { row, onChange } = props;
  const value = row.fields.value ?? "";
  const known = languageName(value) !== undefined;
  const common = COMMON_LANGUAGE_CODES.map((code) => ({ value: code, label: languageTitle(code, locale) ?? code })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  );
  const rest = languageOptions(locale)
    .filter((o) => !(COMMON_LANGUAGE_CODES as readonly string[]).includes(o.code))
    .map((o) => ({ value: o.code, label: o.name }));
  return (
    <Row>
      <OperatorField
        editor={props}
        keyName="languages"
        options={[
          { value: "IN", label: t("languages.speaks") },
          { value: "NOT_IN", label: t("languages.doesNotSpeak") },
        ]}
      />
      <SelectField
        label={t("kind.languages")}
        value={value}
        placeholder={t("languages.choose")}
        onChange={(v) => onChange({ ...row.fields, key: "languages", value: v })}
        groups={[
          ...(value && !known ? [{ label: t("languages.asGiven"), options: [{ value, label: value, data: true }] }] : []),
          { label: t("languages.common"), options: common },
          { label: t("languages.all"), options: rest },
        ]}
        {...invalidProps(props, "value")}
      />
    </Row>
  );
}
