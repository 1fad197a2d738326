"use client";

import { useTranslations } from "next-intl";
import { SKILL_MODES } from "@/lib/compose/builder";
import { useSkills, type SkillOption } from "@/lib/queries/compose";
import { type BuilderWords, invalidProps, Row, SelectField, TextField, type ConditionEditorProps } from "./fields";

/** A skill's name in the picker, with what Toloka marks it as: "Old relevance (deprecated, hidden)". */
function skillLabel(s: SkillOption, t: BuilderWords): string {
  const marks = [s.deprecated ? t("skill.deprecated") : "", s.hidden ? t("skill.hidden") : ""].filter(Boolean);
  return marks.length > 0 ? t("skill.marked", { name: s.name, marks: marks.join(", ") }) : s.name;
}

/** A skill picked by name from the account's skills: at least, below, equals, has no skill, has it at any level. */
export function SkillCondition(props: ConditionEditorProps) {
  const t = useTranslations("compose.filterBuilder");
  const { row, onChange } = props;
  const skills = useSkills();
  const skill = row.fields.skill ?? "";
  const mode = row.fields.mode ?? "gte";
  const items = skills.data ?? [];
  const known = items.some((s) => s.id === skill);
  // A skill's name is the account's, not ours: its option is marked as data.
  const own = items.filter((s) => !s.global).map((s) => ({ value: s.id, label: skillLabel(s, t), data: true }));
  const global = items.filter((s) => s.global).map((s) => ({ value: s.id, label: skillLabel(s, t), data: true }));
  const chosen = items.find((s) => s.id === skill);
  return (
    <Row>
      <SelectField
        label={t("field.skill")}
        value={skill}
        placeholder={skills.isPending ? t("skill.loading") : skills.isError ? t("skill.loadFailed") : t("skill.choose")}
        onChange={(v) => onChange({ ...row.fields, skill: v })}
        groups={[
          ...(skill && !known ? [{ label: t("skill.asGiven"), options: [{ value: skill, label: t("skill.byId", { id: skill }) }] }] : []),
          { label: t("skill.own"), options: own },
          { label: t("skill.toloka"), options: global },
        ]}
        {...invalidProps(props, "skill")}
      />
      <SelectField
        label={t("skill.comparison")}
        value={mode}
        onChange={(m) => onChange({ ...row.fields, mode: m })}
        options={SKILL_MODES.map((m) => ({ value: m.mode, label: t(`skillMode.${m.mode}`) }))}
        {...invalidProps(props, "mode")}
      />
      {mode !== "none" && mode !== "any" && (
        <TextField
          label={t("skill.level")}
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
          {chosen.deprecated ? t("skill.deprecatedNote") : t("skill.hiddenNote")}
        </p>
      )}
    </Row>
  );
}
