"use client";

import { forwardRef, useEffect, useState } from "react";
import { IconButton } from "@/components/ui/icon-button";

/** One box for a Toloker id or words; it reports the text after a short pause in typing. */
export const SearchBar = forwardRef<
  HTMLInputElement,
  { value: string; scope: "tab" | "all"; tabLabel: string; onChange(q: string): void; onScope(scope: "tab" | "all"): void }
>(function SearchBar({ value, scope, tabLabel, onChange, onScope }, ref) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => onChange(text), 250);
    return () => clearTimeout(t);
  }, [text, value, onChange]);
  return (
    <div role="search" className="flex flex-col gap-1.5">
      <div className="relative">
        <label htmlFor="thread-search" className="sr-only">
          Search by Toloker id or words
        </label>
        <input
          id="thread-search"
          ref={ref}
          type="search"
          value={text}
          autoComplete="off"
          placeholder="Search: Toloker id or words  ( / )"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setText("");
              onChange("");
              e.currentTarget.blur();
            }
          }}
          className="h-9 w-full rounded-md border border-zinc-300 bg-white pl-3 pr-8 text-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 dark:border-zinc-700 dark:bg-zinc-900 [&::-webkit-search-cancel-button]:hidden"
        />
        {text && (
          <IconButton
            aria-label="Clear the search"
            onClick={() => {
              setText("");
              onChange("");
            }}
            className="absolute right-1.5 top-1/2 -translate-y-1/2"
          >
            ×
          </IconButton>
        )}
      </div>
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
