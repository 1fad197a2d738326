"use client";

import { useId } from "react";
import { emptyRoot, type BuilderGroup } from "@/lib/compose/builder";
import type { DraftContent } from "@/lib/schemas/compose";
import { errorAria, FieldError } from "@/components/ui/field-error";
import type { Touched } from "@/components/ui/use-touched";
import { IdsInput } from "./ids-input";
import { LazyFilterBuilder as FilterBuilder } from "./lazy-filter-builder";

type Recipients = DraftContent["recipients"];

const MODES: Array<{ mode: Recipients["mode"]; label: string; hint: string }> = [
  { mode: "ids", label: "Tolokers by id", hint: "Paste their ids" },
  { mode: "filter", label: "A group by filter", hint: "Skills, languages, country, age, device…" },
  { mode: "all", label: "All Tolokers", hint: "Everyone who has done your tasks" },
];

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
  const name = useId();
  const allErrorId = useId();
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold">Recipients</legend>
      <div className="flex flex-wrap gap-2">
        {MODES.map((m) => (
          <label
            key={m.mode}
            className={`flex cursor-pointer flex-col rounded-md border px-3 py-1.5 text-sm ${value.mode === m.mode ? "border-blue-700 bg-blue-50 dark:bg-blue-950/30" : "border-zinc-300 dark:border-zinc-700"}`}
          >
            <span className="flex items-center gap-2">
              <input
                type="radio"
                name={name}
                value={m.mode}
                checked={value.mode === m.mode}
                onChange={() => onChange({ ...value, mode: m.mode, filter: m.mode === "filter" ? (value.filter ?? emptyRoot()) : value.filter })}
              />
              <span className="font-medium">{m.label}</span>
            </span>
            <span className="pl-5 text-xs text-zinc-600 dark:text-zinc-400">{m.hint}</span>
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
          <p className="font-medium">This goes to every Toloker who has done at least one of your tasks.</p>
          <p className="mt-1">
            Toloka allows <strong>one message to all Tolokers a day</strong> (UTC). Once this one is sent, no other message to all can go out until tomorrow,
            and it cannot be taken back.
          </p>
          <label className="mt-2 flex items-start gap-2">
            <input
              type="checkbox"
              checked={allConfirmed}
              onChange={(e) => onAllConfirmed(e.target.checked)}
              {...touched.field("all")}
              {...errorAria(allErrorId, errors.all)}
              className="mt-0.5"
            />
            <span>Yes, send this to all Tolokers, using today&apos;s one message to all</span>
          </label>
          <FieldError id={allErrorId} error={errors.all} />
        </div>
      )}
    </fieldset>
  );
}
