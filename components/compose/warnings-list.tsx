"use client";

import { Chip } from "@/components/ui/chip";
import type { ComposeWarning, TextFix } from "@/lib/compose/checks";
import type { WarningCode } from "@/lib/schemas/compose";

/** The pre-send warnings: each says what was found and why it matters; the requester fixes it or sends anyway. */
export function WarningsList({
  warnings,
  acknowledged,
  onAcknowledge,
  onFix,
}: {
  warnings: ComposeWarning[];
  acknowledged: ReadonlySet<WarningCode>;
  onAcknowledge: (code: WarningCode, yes: boolean) => void;
  onFix: (fix: TextFix) => void;
}) {
  if (warnings.length === 0) return null;
  return (
    <section aria-labelledby="compose-warnings-title" data-testid="compose-warnings" className="min-w-0 space-y-2">
      <h3 id="compose-warnings-title" className="text-sm font-semibold">
        Before you send ({warnings.length} {warnings.length === 1 ? "warning" : "warnings"})
      </h3>
      <ul className="space-y-2">
        {warnings.map((w) => (
          <li
            key={w.code}
            data-testid={`warning-${w.code}`}
            className="min-w-0 break-words rounded-md border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950/30"
          >
            <p className="font-medium text-amber-950 dark:text-amber-100">{w.title}</p>
            <p className="text-amber-900 dark:text-amber-200">{w.message}</p>
            {w.findings.length > 0 && (
              <p className="mt-1 flex flex-wrap gap-1">
                {w.findings.map((f) => (
                  <code key={f} className="break-all rounded bg-white px-1 text-xs dark:bg-zinc-900">
                    {f}
                  </code>
                ))}
              </p>
            )}
            {w.fixes?.map((fix) => (
              <Chip key={`${fix.lang}-${fix.field}-${fix.from}`} tone="warning" onClick={() => onFix(fix)} className="mt-1 mr-2">
                Use {fix.to} instead ({fix.lang})
              </Chip>
            ))}
            <label className="mt-1 flex items-center gap-2">
              <input
                type="checkbox"
                checked={acknowledged.has(w.code)}
                onChange={(e) => onAcknowledge(w.code, e.target.checked)}
                aria-label={`Send anyway: ${w.title}`}
              />
              <span>I have read this; send anyway</span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
