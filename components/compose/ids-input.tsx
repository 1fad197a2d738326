"use client";

import { useTranslations } from "next-intl";
import { useDeferredValue, useId, useMemo } from "react";
import { BATCH_SIZE, parseTolokerIds } from "@/lib/compose/ids";
import { errorAria, FieldError } from "@/components/ui/field-error";
import type { FieldWatch } from "@/components/ui/use-touched";

const SHOWN_BAD = 12;

/**
 * Toloker ids pasted as text: each checked, duplicates removed, counted, the bad ones marked once the field was
 * touched (`showProblems`: left after a change, or a try to send), not while they are being pasted or typed.
 */
export function IdsInput({
  value,
  onChange,
  error,
  showProblems,
  watch,
}: {
  value: string;
  onChange: (text: string) => void;
  /** The form's error for the field, when it shows. */
  error?: string;
  showProblems: boolean;
  watch?: FieldWatch;
}) {
  const t = useTranslations("compose.ids");
  const id = useId();
  const summaryId = useId();
  const errorId = useId();
  const deferred = useDeferredValue(value);
  const parsed = useMemo(() => parseTolokerIds(deferred), [deferred]);
  const n = parsed.ids.length;
  const batches = Math.ceil(n / BATCH_SIZE);
  const invalid = showProblems ? parsed.invalid : [];
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium">
        {t("label")}
      </label>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={5}
        spellCheck={false}
        translate="no"
        placeholder={t("placeholder")}
        {...watch}
        {...errorAria(errorId, error, summaryId)}
        aria-invalid={invalid.length > 0 || !!error || undefined}
        className="block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div id={summaryId} data-testid="ids-summary" className="text-sm" aria-live="polite">
        <span className="font-medium">{t("count", { count: n })}</span>
        {n > 0 && <span className="text-zinc-600 dark:text-zinc-400"> · {t("batches", { count: batches, size: BATCH_SIZE })}</span>}
        {parsed.duplicates > 0 && <span className="text-zinc-600 dark:text-zinc-400"> · {t("duplicates", { count: parsed.duplicates })}</span>}
        {invalid.length > 0 && <span className="text-red-700 dark:text-red-400"> · {t("invalid", { count: invalid.length })}</span>}
      </div>
      {invalid.length > 0 && (
        <ul aria-label={t("invalidList")} className="flex flex-wrap gap-1">
          {invalid.slice(0, SHOWN_BAD).map((b) => (
            <li
              key={`${b.position}-${b.token}`}
              translate="no"
              className="rounded bg-red-50 px-1.5 py-0.5 font-mono text-xs text-red-800 line-through decoration-red-400 dark:bg-red-950/40 dark:text-red-200"
              title={t("invalidEntry", { position: b.position })}
            >
              {b.token.length > 40 ? `${b.token.slice(0, 37)}…` : b.token}
            </li>
          ))}
          {invalid.length > SHOWN_BAD && <li className="text-xs text-zinc-500">{t("more", { count: invalid.length - SHOWN_BAD })}</li>}
        </ul>
      )}
      <FieldError id={errorId} error={error} />
    </div>
  );
}
