"use client";

import { useId, useRef, type KeyboardEvent } from "react";
import { COMMON_LANGUAGE_CODES, languageName } from "@/lib/filters";
import type { DraftContent } from "@/lib/schemas/compose";
import { LinkButton } from "@/components/ui/link-button";
import { Tab } from "@/components/ui/tab";
import { errorAria, FieldError } from "@/components/ui/field-error";
import type { FieldWatch } from "@/components/ui/use-touched";

type Lang = DraftContent["languages"][number];

const inputClass =
  "block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";

function label(code: string): string {
  return languageName(code) ?? code;
}

/**
 * Subject and text per language, one tab each: Tolokers get the version in their language. Languages can be
 * added and removed; there is always at least one.
 */
export function LanguageTabs({
  languages,
  active,
  onActive,
  onChange,
  errors,
  watch,
}: {
  languages: Lang[];
  active: string;
  onActive: (lang: string) => void;
  onChange: (languages: Lang[]) => void;
  /** The errors that show (the form decides which, see `useTouched`). */
  errors?: { topic?: string; text?: string };
  /** What tells the form that the subject or the text was touched. */
  watch?: { topic?: FieldWatch; text?: FieldWatch };
}) {
  const base = useId();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const current = languages.find((l) => l.lang === active) ?? languages[0];
  const available = COMMON_LANGUAGE_CODES.filter((c) => !languages.some((l) => l.lang === c));
  const update = (patch: Partial<Lang>) => onChange(languages.map((l) => (l.lang === current.lang ? { ...l, ...patch } : l)));

  // Arrow keys move between tabs, as the tabs pattern expects.
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = (index + step + languages.length) % languages.length;
    onActive(languages[next].lang);
    tabs.current[next]?.focus();
  };

  return (
    <div>
      <div className="flex flex-wrap items-end gap-2 border-b border-zinc-200 dark:border-zinc-800">
        <div role="tablist" aria-label="Languages of the message" className="flex flex-wrap">
          {languages.map((l, i) => {
            const selected = l.lang === current.lang;
            return (
              <Tab
                key={l.lang}
                ref={(el) => {
                  tabs.current[i] = el;
                }}
                selected={selected}
                id={`${base}-tab-${l.lang}`}
                aria-controls={`${base}-panel`}
                onClick={() => onActive(l.lang)}
                onKeyDown={(e) => onKeyDown(e, i)}
              >
                {label(l.lang)} <span className="text-xs text-zinc-500">{l.lang}</span>
              </Tab>
            );
          })}
        </div>
        <select
          aria-label="Add a language"
          value=""
          onChange={(e) => {
            if (!e.target.value) return;
            onChange([...languages, { lang: e.target.value, topic: "", text: "" }]);
            onActive(e.target.value);
          }}
          className="mb-1 ml-auto rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">+ Add a language…</option>
          {available
            .map((c) => ({ c, name: label(c) }))
            .sort((a, b) => a.name.localeCompare(b.name, "en"))
            .map(({ c, name }) => (
              <option key={c} value={c}>
                {name} ({c})
              </option>
            ))}
        </select>
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${current.lang}`} className="space-y-3 pt-3">
        <div>
          <label htmlFor={`${base}-topic`} className="block text-sm font-medium">
            Subject
          </label>
          <input
            id={`${base}-topic`}
            value={current.topic}
            onChange={(e) => update({ topic: e.target.value })}
            maxLength={1000}
            data-autofocus
            // biome-ignore lint/a11y/noAutofocus: the dialog opens to write a message: the subject is where one starts.
            autoFocus
            {...watch?.topic}
            {...errorAria(`${base}-topic-error`, errors?.topic)}
            className={`mt-1 ${inputClass}`}
          />
          <FieldError id={`${base}-topic-error`} error={errors?.topic} />
        </div>
        <div>
          <label htmlFor={`${base}-text`} className="block text-sm font-medium">
            Text
          </label>
          <textarea
            id={`${base}-text`}
            value={current.text}
            onChange={(e) => update({ text: e.target.value })}
            rows={7}
            maxLength={20000}
            {...watch?.text}
            {...errorAria(`${base}-text-error`, errors?.text, `${base}-text-hint`)}
            className={`mt-1 ${inputClass}`}
          />
          <p id={`${base}-text-hint`} className="mt-1 text-xs text-zinc-500">
            Plain text, or HTML with links and basic formatting (b, i, u, p, lists).
          </p>
          <FieldError id={`${base}-text-error`} error={errors?.text} />
        </div>
        {languages.length > 1 && (
          <LinkButton
            tone="danger"
            className="text-sm"
            onClick={() => {
              const rest = languages.filter((l) => l.lang !== current.lang);
              onChange(rest);
              onActive(rest[0].lang);
            }}
          >
            Remove {label(current.lang)}
          </LinkButton>
        )}
      </div>
    </div>
  );
}
