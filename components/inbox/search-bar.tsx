"use client";

import { useTranslations } from "next-intl";
import { forwardRef, type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { IconButton } from "@/components/ui/icon-button";
import { useSaveSearch, useSavedSearches } from "@/lib/queries/threads";
import { SEARCH_MAX_LENGTH } from "@/lib/schemas/plain";
import { type ParsedSearch, parseSearch, type SearchProblem } from "@/lib/search/query";

type SearchWords = ReturnType<typeof useTranslations<"inbox.search">>;

/** What is wrong with the search, in the page's language; the operators' values are code and stay as typed. */
function searchProblem(t: SearchWords, p: SearchProblem): string {
  const { op, example, operators } = p;
  switch (p.kind) {
    case "is":
      return t("errors.is", { op, a: "unread", b: "important" });
    case "has":
      return t("errors.has", { op, a: "replies-off" });
    default:
      return t(`errors.${p.kind}`, { op, example, operators });
  }
}

/** The search language's operators, as typed: code, the same in every language. */
const OPERATOR_EXAMPLES = "pool:, is:unread";
function operatorSyntax(t: SearchWords): string {
  const date = t("dateFormat");
  return `from:<${t("tolokerId")}> pool:<id> project:<id> assignment:<id> is:unread is:important has:replies-off before:${date} after:${date}`;
}

/** The data in a filter chip (an id, a date, a word): not ours to translate. */
const data = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

/**
 * What a parsed search asks for, one chip each, in the page's language; the same list, in the same order, as
 * `describeFilters` (lib/search/query.ts) gives in English.
 */
function filterChips(q: ParsedSearch, t: SearchWords): { key: string; text: ReactNode }[] {
  const out: { key: string; text: ReactNode }[] = [];
  if (q.from) out.push({ key: "from", text: t.rich("filter.from", { id: q.from.length === 32 ? q.from.slice(0, 8) : q.from, v: data }) });
  if (q.pool) out.push({ key: "pool", text: t.rich("filter.pool", { id: q.pool, v: data }) });
  if (q.project) out.push({ key: "project", text: t.rich("filter.project", { id: q.project, v: data }) });
  if (q.assignment) out.push({ key: "assignment", text: t.rich("filter.assignment", { id: q.assignment, v: data }) });
  if (q.unread) out.push({ key: "unread", text: t("filter.unread") });
  if (q.important) out.push({ key: "important", text: t("filter.important") });
  if (q.repliesOff) out.push({ key: "repliesOff", text: t("filter.repliesOff") });
  if (q.after) out.push({ key: "after", text: t.rich("filter.after", { date: q.after, v: data }) });
  if (q.before) out.push({ key: "before", text: t.rich("filter.before", { date: q.before, v: data }) });
  for (const [i, w] of q.exclude.entries()) out.push({ key: `without:${i}:${w}`, text: t.rich("filter.without", { word: w, v: data }) });
  return out;
}

/**
 * One box for a Toloker id, words and operators (`pool:12 is:unread -spam`, lib/search/query.ts); it reports the
 * text after a short pause in typing, once it parses. A wrong operator is said under the box and the list stays as
 * it was; a text over the API's limit is cut there, with a note.
 */
export const SearchBar = forwardRef<
  HTMLInputElement,
  {
    value: string;
    scope: "tab" | "all";
    tabLabel: string;
    /** What the server said was wrong with the search in the address (a link with a bad operator). */
    serverError?: string;
    onChange(q: string): void;
    onScope(scope: "tab" | "all"): void;
  }
>(function SearchBar({ value, scope, tabLabel, serverError, onChange, onScope }, ref) {
  const t = useTranslations("inbox.search");
  const [text, setText] = useState(value);
  const [trimmed, setTrimmed] = useState(false);
  // Whether the text is the person's typing since the search last changed from outside (a chip, a saved
  // search, back): only typing is reported, so a change from outside never gets the old text written back.
  const typed = useRef(false);
  useEffect(() => {
    typed.current = false;
    setText(value);
  }, [value]);
  const parsed = useMemo(() => parseSearch(text), [text]);
  useEffect(() => {
    if (!typed.current || text === value || !parsed.ok) return;
    const t = setTimeout(() => onChange(text), 250);
    return () => clearTimeout(t);
  }, [text, value, parsed.ok, onChange]);
  const error = !parsed.ok ? searchProblem(t, parsed.problem) : text === value ? serverError : undefined;
  const filters = parsed.ok ? filterChips(parsed.query, t) : [];
  const clear = () => {
    setText("");
    setTrimmed(false);
    onChange("");
  };
  return (
    <div role="search" className="flex flex-col gap-1.5">
      <div className="relative">
        <label htmlFor="thread-search" className="sr-only">
          {t.rich("label", { pool: "pool:", unread: "is:unread", op: data })}
        </label>
        <input
          id="thread-search"
          ref={ref}
          type="search"
          value={text}
          autoComplete="off"
          spellCheck={false}
          // The box holds the person's own search text (and the operators, which are code).
          translate="no"
          placeholder={t("placeholder", { operators: OPERATOR_EXAMPLES })}
          title={t("title", { operators: operatorSyntax(t) })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "thread-search-error" : trimmed ? "thread-search-trimmed" : undefined}
          onChange={(e) => {
            const next = e.target.value;
            typed.current = true;
            setTrimmed(next.length > SEARCH_MAX_LENGTH);
            setText(next.slice(0, SEARCH_MAX_LENGTH));
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              clear();
              e.currentTarget.blur();
            }
          }}
          className="h-9 w-full rounded-md border border-zinc-300 bg-white pl-3 pr-8 text-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 aria-invalid:border-red-700 dark:border-zinc-700 dark:bg-zinc-900 [&::-webkit-search-cancel-button]:hidden"
        />
        {text && (
          <IconButton aria-label={t("clear")} onClick={clear} className="absolute right-1.5 top-1/2 -translate-y-1/2">
            ×
          </IconButton>
        )}
      </div>
      {error && (
        <p id="thread-search-error" role="alert" data-testid="search-error" className="text-xs text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
      {trimmed && !error && (
        <p id="thread-search-trimmed" role="status" data-testid="search-trimmed" className="text-xs text-amber-800 dark:text-amber-300">
          {t("trimmed", { max: SEARCH_MAX_LENGTH })}
        </p>
      )}
      {filters.length > 0 && (
        <ul aria-label={t("filters")} className="flex flex-wrap gap-1 text-[11px]">
          {filters.map((f) => (
            <li key={f.key} data-testid="search-filter" className="rounded bg-blue-50 px-1.5 py-0.5 text-blue-900 dark:bg-blue-950 dark:text-blue-100">
              {f.text}
            </li>
          ))}
        </ul>
      )}
      {text && (
        <fieldset className="flex items-center gap-3 text-xs text-zinc-700 dark:text-zinc-300">
          <legend className="sr-only">{t("scope")}</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name="scope" checked={scope === "tab"} onChange={() => onScope("tab")} />
            {tabLabel}
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="scope" checked={scope === "all"} onChange={() => onScope("all")} />
            {t("allFolders")}
          </label>
        </fieldset>
      )}
    </div>
  );
});

/** "Save this search": names the search in the box and keeps it in the member's sidebar (keyed by the search, so a new one starts over). */
export function SaveSearch({ q, scope }: { q: string; scope: "tab" | "all" }) {
  const t = useTranslations("inbox.search");
  const saved = useSavedSearches();
  const save = useSaveSearch();
  const [naming, setNaming] = useState<string | null>(null);
  const inputId = useId();
  if (saved.data?.items.some((s) => s.q === q && s.scope === scope)) {
    return <span className="text-xs text-zinc-600 dark:text-zinc-400">{t("saved")}</span>;
  }
  if (naming === null) {
    return (
      <Button size="xs" variant="ghost" onClick={() => setNaming(q.slice(0, 80))}>
        {t("save")}
      </Button>
    );
  }
  return (
    <form
      className="flex flex-wrap items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ name: naming, q, scope }, { onSuccess: () => setNaming(null) });
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        {t("name")}
      </label>
      <input
        id={inputId}
        value={naming}
        maxLength={80}
        // biome-ignore lint/a11y/noAutofocus: the field appears because the person asked to name the search.
        autoFocus
        onChange={(e) => setNaming(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") setNaming(null);
        }}
        className="h-7 min-w-0 flex-1 rounded border border-zinc-300 bg-white px-2 text-xs dark:border-zinc-700 dark:bg-zinc-900"
      />
      <Button size="xs" type="submit" disabled={!naming.trim() || save.isPending}>
        {t("submit")}
      </Button>
      <Button size="xs" variant="ghost" onClick={() => setNaming(null)}>
        {t("cancel")}
      </Button>
      {save.isError && (
        <p role="alert" className="w-full text-xs text-red-800 dark:text-red-300">
          {save.error.message}
        </p>
      )}
    </form>
  );
}
