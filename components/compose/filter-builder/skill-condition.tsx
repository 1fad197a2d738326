"use client";

import { SKILL_MODES } from "@/lib/compose/builder";
import { useSkills } from "@/lib/queries/compose";
import { FIELD_LABELS, invalidProps, Row, SelectField, TextField, type ConditionEditorProps } from "./fields";

/** A skill picked by name from the account's skills: at least, below, equals, has no skill, has it at any level. */
export function SkillCondition(props: ConditionEditorProps) {
  const { row, onChange } = props;
  const skills = useSkills();
  const skill = row.fields.skill ?? "";
  const mode = row.fields.mode ?? "gte";
  const items = skills.data ?? [];
  const known = items.some((s) => s.id === skill);
  const own = items.filter((s) => !s.global).map((s) => ({ value: s.id, label: s.name }));
  const global = items.filter((s) => s.global).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Row>
      <SelectField
        label={FIELD_LABELS.skill}
        value={skill}
        placeholder={skills.isPending ? "Loading skills…" : skills.isError ? "Skills could not be loaded" : "Choose a skill"}
        onChange={(v) => onChange({ ...row.fields, skill: v })}
        groups={[
          ...(skill && !known ? [{ label: "As given", options: [{ value: skill, label: `skill #${skill}` }] }] : []),
          { label: "Your skills", options: own },
          { label: "Toloka's skills", options: global },
        ]}
        {...invalidProps(props, "skill")}
      />
      <SelectField
        label="Skill comparison"
        value={mode}
        onChange={(m) => onChange({ ...row.fields, mode: m })}
        options={SKILL_MODES.map((m) => ({ value: m.mode, label: m.label }))}
        {...invalidProps(props, "mode")}
      />
      {mode !== "none" && mode !== "any" && (
        <TextField
          label="Skill level"
          inputMode="decimal"
          width="w-20"
          placeholder="0–100"
          value={row.fields.level ?? ""}
          onChange={(level) => onChange({ ...row.fields, level })}
          {...invalidProps(props, "level")}
        />
      )}
    </Row>
  );
}
