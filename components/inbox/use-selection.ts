"use client";

import { useCallback, useEffect, useState } from "react";
import type { ListParams } from "@/lib/queries/keys";
import type { ThreadSummary } from "@/lib/schemas/threads";

/**
 * The keyboard's place in the list (-1: none yet). It follows the open thread, and starts over for another tab,
 * query or scope; `next` and `previous` move it within the loaded rows.
 */
export function useSelection(threads: readonly ThreadSummary[], threadId: string | null, params: ListParams) {
  const [selected, setSelected] = useState(-1);
  useEffect(() => {
    if (!threadId) return;
    const i = threads.findIndex((t) => t.id === threadId);
    if (i >= 0) setSelected(i);
  }, [threadId, threads]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another tab, query or scope is another list: the selection starts over.
  useEffect(() => setSelected(-1), [params.tab, params.q, params.scope]);

  const next = useCallback(() => setSelected((i) => Math.min(threads.length - 1, i + 1)), [threads.length]);
  const previous = useCallback(() => setSelected((i) => Math.max(0, i - 1)), []);
  return { selected, next, previous };
}
