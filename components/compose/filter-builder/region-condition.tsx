"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { REGIONS, regionLabel, regionName } from "@/lib/filters";
import { invalidProps, OperatorField, Row, SelectField, TextField, type ConditionEditorProps } from "./fields";

const OTHER = "other";

/** Region by IP address, by phone number, or the legacy city key: a known region by name, any other by its id. */
export function RegionCondition(props: ConditionEditorProps) {
  const t = useTranslations("compose.filterBuilder");
  const words = { t: useTranslations("compose.words"), locale: useLocale() };
  const { row, onChange } = props;
  const value = row.fields.value ?? "";
  const known = value !== "" && /^\d+$/.test(value) && regionName(Number(value)) !== undefined;
  const [other, setOther] = useState(value !== "" && !known);
  const picked = other ? OTHER : known ? value : "";
  // Each region by its name in the reader's language, sorted in that language.
  const named = REGIONS.map((r) => ({ region: r, name: regionLabel(r.id, words) ?? r.name })).sort((a, b) => a.name.localeCompare(b.name, words.locale));
  const countries = named.filter(({ region }) => region.kind === "country");
  const inside = named.filter(({ region }) => region.kind !== "country");
  return (
    <Row>
      <SelectField
        label={t("region.of")}
        value={row.fields.key ?? "region_by_ip"}
        onChange={(key) => onChange({ ...row.fields, key })}
        // Phrases that follow "Region of", not the keys' labels ("Region by IP address") from FILTER_KEYS.
        options={[
          { value: "region_by_ip", label: t("region.byIp") },
          { value: "region_by_phone", label: t("region.byPhone") },
          { value: "city", label: t("region.city") },
        ]}
        {...invalidProps(props, "key")}
      />
      <OperatorField
        editor={props}
        options={[
          { value: "IN", label: t("membership.IN") },
          { value: "NOT_IN", label: t("membership.NOT_IN") },
        ]}
      />
      <SelectField
        label={t("region.label")}
        value={picked}
        placeholder={t("region.choose")}
        onChange={(v) => {
          setOther(v === OTHER);
          onChange({ ...row.fields, value: v === OTHER ? "" : v });
        }}
        groups={[
          { label: t("region.countries"), options: countries.map(({ region, name }) => ({ value: String(region.id), label: name })) },
          {
            label: t("region.inside"),
            options: inside.map(({ region, name }) => ({
              value: String(region.id),
              label: t("region.inParent", { name, parent: regionLabel(region.parentId!, words) ?? "" }),
            })),
          },
          { label: t("region.other"), options: [{ value: OTHER, label: t("region.another") }] },
        ]}
        {...invalidProps(props, "value")}
      />
      {other && (
        <TextField
          label={t("region.id")}
          inputMode="numeric"
          value={value}
          onChange={(v) => onChange({ ...row.fields, value: v })}
          placeholder={t("region.example", { id: "11316" })}
          {...invalidProps(props, "value")}
        />
      )}
    </Row>
  );
}
