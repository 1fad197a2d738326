"use client";

import { useState } from "react";
import { REGIONS, regionName } from "@/lib/filters";
import { invalidProps, OperatorField, Row, SelectField, TextField, type ConditionEditorProps } from "./fields";

const OTHER = "other";

const countries = REGIONS.filter((r) => r.kind === "country").sort((a, b) => a.name.localeCompare(b.name, "en"));
const inside = REGIONS.filter((r) => r.kind !== "country").sort((a, b) => a.name.localeCompare(b.name, "en"));

/** Region by IP address, by phone number, or the legacy city key: a known region by name, any other by its id. */
export function RegionCondition(props: ConditionEditorProps) {
  const { row, onChange } = props;
  const value = row.fields.value ?? "";
  const known = value !== "" && /^\d+$/.test(value) && regionName(Number(value)) !== undefined;
  const [other, setOther] = useState(value !== "" && !known);
  const picked = other ? OTHER : known ? value : "";
  return (
    <Row>
      <SelectField
        label="Region of"
        value={row.fields.key ?? "region_by_ip"}
        onChange={(key) => onChange({ ...row.fields, key })}
        // Phrases that follow "Region of", not the keys' labels ("Region by IP address") from FILTER_KEYS.
        options={[
          { value: "region_by_ip", label: "by IP address" },
          { value: "region_by_phone", label: "by phone number" },
          { value: "city", label: "city in profile (legacy)" },
        ]}
        {...invalidProps(props, "key")}
      />
      <OperatorField
        editor={props}
        options={[
          { value: "IN", label: "is in" },
          { value: "NOT_IN", label: "is not in" },
        ]}
      />
      <SelectField
        label="Region"
        value={picked}
        placeholder="Choose a region"
        onChange={(v) => {
          setOther(v === OTHER);
          onChange({ ...row.fields, value: v === OTHER ? "" : v });
        }}
        groups={[
          { label: "Countries", options: countries.map((r) => ({ value: String(r.id), label: r.name })) },
          { label: "Regions and cities", options: inside.map((r) => ({ value: String(r.id), label: `${r.name} (${regionName(r.parentId!) ?? ""})` })) },
          { label: "Other", options: [{ value: OTHER, label: "Another region, by id…" }] },
        ]}
        {...invalidProps(props, "value")}
      />
      {other && (
        <TextField
          label="Region id"
          inputMode="numeric"
          value={value}
          onChange={(v) => onChange({ ...row.fields, value: v })}
          placeholder="e.g. 11316"
          {...invalidProps(props, "value")}
        />
      )}
    </Row>
  );
}
