"use client";

import { forwardRef, useEffect, useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { IconButton } from "@/components/ui/icon-button";
import { useSaveSearch, useSavedSearches } from "@/lib/queries/threads";
import { SEARCH_MAX_LENGTH } from "@/lib/schemas/plain";
import { describeFilters, parseSearch } from "@/lib/search/query";

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
  const error = !parsed.ok ? parsed.error : text === value ? serverError : undefined;
  const filters = parsed.ok ? describeFilters(parsed.query) : [];
  const clear = () => {
    setText("");
    setTrimmed(false);
    onChange("");
  };
  return (
    <div role="search" className="flex flex-col gap-1.5">
      <div className="relative">
        <label htmlFor="thread-search" className="sr-only">
          Search by Toloker id or words (and operators such as pool: or is:unread)
        </label>
        <input
          id="thread-search"
          ref={ref}
          type="search"
          value={text}
          autoComplete="off"
          spellCheck={false}
          placeholder="Search: words, Toloker id, pool:, is:unread…  ( / )"
          title="Words and “phrases”; -word leaves out; from:<Toloker id> pool:<id> project:<id> assignment:<id> is:unread is:important has:replies-off before:YYYY-MM-DD after:YYYY-MM-DD"
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
          <IconButton aria-label="Clear the search" onClick={clear} className="absolute right-1.5 top-1/2 -translate-y-1/2">
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
          A search is at most {SEARCH_MAX_LENGTH} characters: the rest was cut off.
        </p>
      )}
      {filters.length > 0 && (
        <ul aria-label="Search filters" className="flex flex-wrap gap-1 text-[11px]">
          {filters.map((f) => (
            <li key={f} data-testid="search-filter" className="rounded bg-blue-50 px-1.5 py-0.5 text-blue-900 dark:bg-blue-950 dark:text-blue-100">
              {f}
            </li>
          ))}
        </ul>
      )}
      {text && (
        <fieldset className="flex items-center gap-3 text-xs text-zinc-700 dark:text-zinc-300">
          <legend className="sr-only">Search in</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name="scope" checked={scope === "tab"} onChange={() => onScope("tab")} />
            {tabLabel}
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="scope" checked={scope === "all"} onChange={() => onScope("all")} />
            All folders
          </label>
        </fieldset>
      )}
    </div>
  );
});

/** "Save this search": names the search in the box and keeps it in the member's sidebar (keyed by the search, so a new one starts over). */
export function SaveSearch({ q, scope }: { q: string; scope: "tab" | "all" }) {
  const saved = useSavedSearches();
  const save = useSaveSearch();
  const [naming, setNaming] = useState<string | null>(null);
  const inputId = useId();
  if (saved.data?.items.some((s) => s.q === q && s.scope === scope)) {
    return <span className="text-xs text-zinc-600 dark:text-zinc-400">Saved</span>;
  }
  if (naming === null) {
    return (
      <Button size="xs" variant="ghost" onClick={() => setNaming(q.slice(0, 80))}>
        Save this search
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
        Name of the saved search
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
        Save
      </Button>
      <Button size="xs" variant="ghost" onClick={() => setNaming(null)}>
        Cancel
      </Button>
      {save.isError && (
        <p role="alert" className="w-full text-xs text-red-800 dark:text-red-300">
          {save.error.message}
        </p>
      )}
    </form>
  );
}
