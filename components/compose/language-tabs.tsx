"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { COMMON_LANGUAGE_CODES, languageTitle } from "@/lib/filters";
import type { Locale } from "@/lib/i18n/locales";
import type { DraftContent } from "@/lib/schemas/compose";
import { LinkButton } from "@/components/ui/link-button";
import { Tab } from "@/components/ui/tab";
import { errorAria, FieldError } from "@/components/ui/field-error";
import type { FieldWatch } from "@/components/ui/use-touched";
import { MessageEditor } from "@/components/editor/message-editor";
import { MessagePreview } from "@/components/editor/message-preview";

type Lang = DraftContent["languages"][number];

const inputClass =
  "block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";

function label(code: string, locale: Locale): string {
  return languageTitle(code, locale) ?? code;
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
  const t = useTranslations("compose.languageTabs");
  const locale = useLocale();
  const base = useId();
  const [previewing, setPreviewing] = useState(false);
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
        <div role="tablist" aria-label={t("tabs")} className="flex flex-wrap">
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
                {label(l.lang, locale)}{" "}
                <span translate="no" className="text-xs text-zinc-500">
                  {l.lang}
                </span>
              </Tab>
            );
          })}
        </div>
        <select
          aria-label={t("add")}
          value=""
          onChange={(e) => {
            if (!e.target.value) return;
            onChange([...languages, { lang: e.target.value, topic: "", text: "" }]);
            onActive(e.target.value);
          }}
          className="mb-1 ml-auto rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">{t("addOption")}</option>
          {available
            .map((c) => ({ c, name: label(c, locale) }))
            .sort((a, b) => a.name.localeCompare(b.name, locale))
            .map(({ c, name }) => (
              <option key={c} value={c}>
                {t("option", { name, code: c })}
              </option>
            ))}
        </select>
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${current.lang}`} className="space-y-3 pt-3">
        <div>
          <label htmlFor={`${base}-topic`} className="block text-sm font-medium">
            {t("subject")}
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
          <span id={`${base}-text-label`} className="block text-sm font-medium">
            {t("text")}
          </span>
          <div className="mt-1">
            <MessageEditor
              key={current.lang}
              id={`${base}-text`}
              labelId={`${base}-text-label`}
              value={current.text}
              onChange={(text) => update({ text })}
              placeholder={t("placeholder")}
              watch={watch?.text}
              describedBy={[`${base}-text-hint`, errors?.text ? `${base}-text-error` : undefined].filter(Boolean).join(" ")}
              invalid={Boolean(errors?.text)}
              onSubmit={() => document.getElementById(`${base}-text`)?.closest("form")?.requestSubmit()}
              toolbarEnd={
                <button
                  type="button"
                  aria-pressed={previewing}
                  aria-controls={`${base}-preview`}
                  onClick={() => setPreviewing(!previewing)}
                  className="inline-flex h-8 items-center rounded px-1.5 text-xs text-zinc-700 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-blue-600 aria-pressed:bg-zinc-300 aria-pressed:text-zinc-950 dark:text-zinc-200 dark:hover:bg-zinc-700 dark:aria-pressed:bg-zinc-600 dark:aria-pressed:text-white"
                >
                  {t("preview")}
                </button>
              }
            />
          </div>
          <p id={`${base}-text-hint`} className="mt-1 text-xs text-zinc-500">
            {t("hint")}
          </p>
          <FieldError id={`${base}-text-error`} error={errors?.text} />
          <div id={`${base}-preview`}>{previewing && <MessagePreview topic={current.topic} body={current.text} lang={current.lang} />}</div>
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
            {t("remove", { language: label(current.lang, locale) })}
          </LinkButton>
        )}
      </div>
    </div>
  );
}
