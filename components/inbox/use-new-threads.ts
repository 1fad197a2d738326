"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { queryKeys, type ListParams } from "@/lib/queries/keys";
import { useListHead, type useThreadList } from "@/lib/queries/threads";
import type { ThreadSummary } from "@/lib/schemas/threads";

/**
 * How many of the polled head's rows are newer than the top of what is loaded: later activity, or the same moment
 * as the top row but another thread not yet in the list. With nothing loaded, every head row is new.
 */
type Row = Pick<ThreadSummary, "id" | "lastActivity">;

export function countNewer(head: readonly Row[], loaded: readonly Row[]): number {
  const top = loaded[0];
  if (!top) return head.length;
  return head.filter((t) => t.lastActivity > top.lastActivity || (t.lastActivity === top.lastActivity && t.id !== top.id && !loaded.some((x) => x.id === t.id)))
    .length;
}

/**
 * The "N new" marker: rows newer than the top of what is loaded. While the list is scrolled to the top they are
 * fetched in at once; scrolled away, the marker says how many there are, and `pullNews` scrolls up and loads the
 * list afresh. Give `scrollRef` and `setScrolledAway` to the list.
 */
export function useNewThreads(params: ListParams, list: ReturnType<typeof useThreadList>, threads: readonly ThreadSummary[]) {
  const qc = useQueryClient();
  const head = useListHead(params);
  const [scrolledAway, setScrolledAway] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const fresh = useMemo(() => {
    if (!head.data || list.isPending) return 0;
    return countNewer(head.data.items, threads);
  }, [head.data, threads, list.isPending]);
  const pullNews = useCallback(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    void qc.resetQueries({ queryKey: queryKeys.list(params), exact: true });
  }, [qc, params]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch only when news appears, not whenever the query object changes.
  useEffect(() => {
    if (fresh > 0 && !scrolledAway) void list.refetch();
  }, [fresh, scrolledAway]);

  return { fresh, scrolledAway, setScrolledAway, scrollRef, pullNews };
}
