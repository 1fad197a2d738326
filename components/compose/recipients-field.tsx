"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { emptyRoot, type BuilderGroup } from "@/lib/compose/builder";
import type { DraftContent } from "@/lib/schemas/compose";
import { errorAria, FieldError } from "@/components/ui/field-error";
import type { Touched } from "@/components/ui/use-touched";
import { IdsInput } from "./ids-input";
import { LazyFilterBuilder as FilterBuilder } from "./lazy-filter-builder";

type Recipients = DraftContent["recipients"];

// Each mode's words are compose.recipients.<mode>Label and <mode>Hint.
const MODES = ["ids", "filter", "all"] as const satisfies ReadonlyArray<Recipients["mode"]>;

/** Who the message goes to: Tolokers by id, a group by filter, or all Tolokers (behind a confirmation). */
export function RecipientsField({
  value,
  onChange,
  allConfirmed,
  onAllConfirmed,
  errors,
  touched,
}: {
  value: Recipients;
  onChange: (value: Recipients) => void;
  allConfirmed: boolean;
  onAllConfirmed: (yes: boolean) => void;
  /** The errors that show (`touched` decided which). */
  errors: { ids?: string; filter?: string; all?: string };
  /** The form's touched state: the ids field and the confirmation report to it, the filter builder follows its submit. */
  touched: Touched;
}) {
  const t = useTranslations("compose.recipients");
  const name = useId();
  const allErrorId = useId();
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold">{t("legend")}</legend>
      <div className="flex flex-wrap gap-2">
        {MODES.map((mode) => (
          <label
            key={mode}
            className={`flex cursor-pointer flex-col rounded-md border px-3 py-1.5 text-sm ${value.mode === mode ? "border-blue-700 bg-blue-50 dark:bg-blue-950/30" : "border-zinc-300 dark:border-zinc-700"}`}
          >
            <span className="flex items-center gap-2">
              <input
                type="radio"
                name={name}
                value={mode}
                checked={value.mode === mode}
                onChange={() => onChange({ ...value, mode, filter: mode === "filter" ? (value.filter ?? emptyRoot()) : value.filter })}
              />
              <span className="font-medium">{t(`${mode}Label`)}</span>
            </span>
            <span className="pl-5 text-xs text-zinc-600 dark:text-zinc-400">{t(`${mode}Hint`)}</span>
          </label>
        ))}
      </div>

      {value.mode === "ids" && (
        <IdsInput
          value={value.idsText}
          onChange={(idsText) => onChange({ ...value, idsText })}
          error={errors.ids}
          showProblems={touched.shows("ids")}
          watch={touched.field("ids")}
        />
      )}

      {value.mode === "filter" && (
        <div>
          <FilterBuilder
            value={(value.filter as BuilderGroup | undefined) ?? emptyRoot()}
            onChange={(filter) => onChange({ ...value, filter })}
            attempted={touched.attempted}
          />
          <FieldError id={`${name}-filter-error`} error={errors.filter} />
        </div>
      )}

      {value.mode === "all" && (
        <div data-testid="all-confirmation" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950/30">
          <p className="font-medium">{t("allWarning")}</p>
          <p className="mt-1">{t.rich("allRule", { b: (chunks) => <strong>{chunks}</strong> })}</p>
          <label className="mt-2 flex items-start gap-2">
            <input
              type="checkbox"
              checked={allConfirmed}
              onChange={(e) => onAllConfirmed(e.target.checked)}
              {...touched.field("all")}
              {...errorAria(allErrorId, errors.all)}
              className="mt-0.5"
            />
            <span>{t("allConfirm")}</span>
          </label>
          <FieldError id={allErrorId} error={errors.all} />
        </div>
      )}
    </fieldset>
  );
}
