"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ListParams } from "@/lib/queries/keys";
import type { ThreadSummary } from "@/lib/schemas/threads";

/** The ids a shift-click covers: every row from the last one toggled to this one, in list order. */
export function rangeOf(threads: readonly ThreadSummary[], from: number, to: number): string[] {
  const [lo, hi] = from < to ? [from, to] : [to, from];
  return threads.slice(Math.max(0, lo), hi + 1).map((t) => t.id);
}

/**
 * The rows checked for a bulk change (by click, shift-click for a range, or `x`). It starts over for another tab,
 * query or scope: a selection made in one list is not acted on in another.
 */
export function useChecked(threads: readonly ThreadSummary[], params: ListParams) {
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef(-1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another tab, query or scope is another list: the selection starts over.
  useEffect(() => {
    setChecked(new Set());
    anchor.current = -1;
  }, [params.tab, params.q, params.scope]);

  /** Checks or unchecks row `index`; with `range`, every row from the last one toggled takes its new state. */
  const toggle = useCallback(
    (index: number, range = false) => {
      const t = threads[index];
      if (!t) return;
      setChecked((prev) => {
        const next = new Set(prev);
        const on = !prev.has(t.id);
        const ids = range && anchor.current >= 0 ? rangeOf(threads, anchor.current, index) : [t.id];
        for (const id of ids) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      });
      anchor.current = index;
    },
    [threads],
  );
  const clear = useCallback(() => {
    setChecked(new Set());
    anchor.current = -1;
  }, []);
  return { checked, toggle, clear };
}
