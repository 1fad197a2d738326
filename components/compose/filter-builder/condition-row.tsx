"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ComponentType } from "react";
import { IconButton } from "@/components/ui/icon-button";
import type { FieldWatch } from "@/components/ui/use-touched";
import type { BuilderCondition, BuilderError, ConditionKind } from "@/lib/compose/builder";
import { AdultCondition } from "./adult-condition";
import { AgeCondition } from "./age-condition";
import { BirthDateCondition } from "./birth-date-condition";
import { BrowserCondition } from "./browser-condition";
import { ClientCondition } from "./client-condition";
import { CountryCondition } from "./country-condition";
import { DeviceCondition } from "./device-condition";
import { EducationCondition } from "./education-condition";
import { builderErrorText, fieldLabel, type ConditionEditorProps } from "./fields";
import { GenderCondition } from "./gender-condition";
import { LanguagesCondition } from "./languages-condition";
import { OsCondition } from "./os-condition";
import { RegionCondition } from "./region-condition";
import { SkillCondition } from "./skill-condition";
import { VerifiedCondition } from "./verified-condition";

const EDITORS: Record<ConditionKind, ComponentType<ConditionEditorProps>> = {
  skill: SkillCondition,
  languages: LanguagesCondition,
  country: (p) => <CountryCondition {...p} keyName="country" />,
  citizenship: (p) => <CountryCondition {...p} keyName="citizenship" />,
  gender: GenderCondition,
  age: AgeCondition,
  "birth-date": BirthDateCondition,
  adult: AdultCondition,
  verified: VerifiedCondition,
  education: EducationCondition,
  region: RegionCondition,
  device: DeviceCondition,
  client: ClientCondition,
  os: OsCondition,
  browser: BrowserCondition,
};

/** One condition: what kind, its editor, its own problem in words, and a way to remove it. */
export function ConditionRow({
  row,
  error,
  onChange,
  onRemove,
  watch,
}: {
  row: BuilderCondition;
  /** The row's problem, when it shows. */
  error?: BuilderError;
  onChange: (fields: Record<string, string>) => void;
  onRemove: () => void;
  /** Reports that the row was touched (left after a change in one of its inputs). */
  watch?: FieldWatch;
}) {
  const t = useTranslations("compose.filterBuilder");
  const locale = useLocale();
  const Editor = EDITORS[row.kind];
  const errorId = `${row.id}-error`;
  const label = t(`kind.${row.kind}`);
  return (
    <div
      role="group"
      aria-label={t("condition", { kind: label })}
      {...watch}
      data-testid="filter-condition"
      className="rounded-md border border-zinc-200 bg-white px-2 py-1.5 dark:border-zinc-800 dark:bg-zinc-950"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="min-w-24 text-sm font-medium">{label}</span>
        <Editor row={row} onChange={onChange} error={error} errorId={errorId} />
        <IconButton onClick={onRemove} aria-label={t("removeCondition", { kind: label.toLocaleLowerCase(locale) })} className="ml-auto">
          ✕
        </IconButton>
      </div>
      {error && (
        <p id={errorId} className="mt-1 text-xs text-red-700 dark:text-red-400">
          {error.field
            ? t("fieldError", { field: fieldLabel(error.field, t), message: builderErrorText(error, t, locale) })
            : builderErrorText(error, t, locale)}
        </p>
      )}
    </div>
  );
}
