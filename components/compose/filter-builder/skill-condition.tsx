"use client";

import { SKILL_MODES } from "@/lib/compose/builder";
import { useSkills, type SkillOption } from "@/lib/queries/compose";
import { FIELD_LABELS, invalidProps, Row, SelectField, TextField, type ConditionEditorProps } from "./fields";

/** A skill's name in the picker, with what Toloka marks it as: "Old relevance (deprecated, hidden)". */
function skillLabel(s: SkillOption): string {
  const marks = [s.deprecated ? "deprecated" : "", s.hidden ? "hidden" : ""].filter(Boolean);
  return marks.length > 0 ? `${s.name} (${marks.join(", ")})` : s.name;
}

/** A skill picked by name from the account's skills: at least, below, equals, has no skill, has it at any level. */
export function SkillCondition(props: ConditionEditorProps) {
  const { row, onChange } = props;
  const skills = useSkills();
  const skill = row.fields.skill ?? "";
  const mode = row.fields.mode ?? "gte";
  const items = skills.data ?? [];
  const known = items.some((s) => s.id === skill);
  const own = items.filter((s) => !s.global).map((s) => ({ value: s.id, label: skillLabel(s) }));
  const global = items.filter((s) => s.global).map((s) => ({ value: s.id, label: skillLabel(s) }));
  const chosen = items.find((s) => s.id === skill);
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
      {chosen && (chosen.deprecated || chosen.hidden) && (
        <p data-testid="skill-mark" className="basis-full text-xs text-amber-800 dark:text-amber-300">
          {chosen.deprecated
            ? "Toloka marks this skill deprecated: it may no longer be kept up to date, so the filter may select fewer Tolokers than you expect."
            : "Toloka marks this skill hidden: Tolokers do not see it, but a filter on it still selects them."}
        </p>
      )}
    </Row>
  );
}
