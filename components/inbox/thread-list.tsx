"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, type RefObject } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import type { ThreadSummary } from "@/lib/schemas/threads";
import { type Density, ROW_HEIGHTS, rowHeight } from "./density";
import { hasMeta, ThreadRow, type RowActions } from "./thread-row";

/**
 * The thread list: only the rows in view are rendered, so it stays smooth with ten thousand loaded;
 * the next page loads as the end comes into view.
 */
export function ThreadList({
  threads,
  selectedIndex,
  checked,
  openId,
  actions,
  hasMore,
  loadingMore,
  onLoadMore,
  scrollRef,
  onScrolledAway,
  label,
  density,
}: {
  threads: ThreadSummary[];
  selectedIndex: number;
  checked: ReadonlySet<string>;
  openId: string | null;
  actions: RowActions;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  scrollRef: RefObject<HTMLDivElement | null>;
  onScrolledAway(away: boolean): void;
  label: string;
  density: Density;
}) {
  const count = threads.length + (hasMore ? 1 : 0);
  // Each row's height is known from its data and the density (rowHeight), so nothing is measured in the DOM. The
  // virtualiser caches sizes by key and recomputes its layout when getItemKey changes: a new page, a refreshed
  // list or another density gives it a new one.
  const getItemKey = useCallback((i: number) => (i < threads.length ? `${density}:${threads[i].id}` : `${density}:more`), [threads, density]);
  const estimateSize = useCallback(
    (i: number) => (i < threads.length ? rowHeight(density, hasMeta(threads[i])) : rowHeight(density, false)),
    [threads, density],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (last && last.index >= threads.length - 1 && hasMore && !loadingMore) onLoadMore();
  }, [last, threads.length, hasMore, loadingMore, onLoadMore]);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  const away = useRef(false);
  return (
    <div
      ref={scrollRef}
      className="h-full overflow-y-auto"
      onScroll={(e) => {
        const isAway = e.currentTarget.scrollTop > ROW_HEIGHTS.comfortableMeta;
        if (isAway !== away.current) {
          away.current = isAway;
          onScrolledAway(isAway);
        }
      }}
    >
      <div
        role="list"
        aria-label={label}
        data-testid="thread-list"
        data-density={density}
        data-rows={threads.length}
        style={{ height: virtualizer.getTotalSize(), position: "relative" }}
      >
        {items.map((v) => (
          <div
            key={v.key}
            role="listitem"
            aria-setsize={hasMore ? -1 : threads.length}
            aria-posinset={v.index + 1}
            style={{ position: "absolute", top: 0, left: 0, width: "100%", height: v.size, transform: `translateY(${v.start}px)` }}
          >
            {v.index < threads.length ? (
              <ThreadRow
                t={threads[v.index]}
                index={v.index}
                selected={v.index === selectedIndex}
                checked={checked.has(threads[v.index].id)}
                open={threads[v.index].id === openId}
                actions={actions}
                compact={density === "compact"}
              />
            ) : (
              <RowSkeleton compact={density === "compact"} />
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

export function RowSkeleton({ compact = false }: { compact?: boolean }) {
  return (
    <div className={`flex h-full gap-3 overflow-hidden border-b border-zinc-100 px-3 dark:border-zinc-800 ${compact ? "py-2" : "py-3"}`} aria-hidden>
      <div className={`flex-1 ${compact ? "space-y-1.5" : "space-y-2"}`}>
        <Skeleton className="h-3 w-1/3" />
        <Skeleton className="h-3 w-2/3" />
        {!compact && <Skeleton className="h-3 w-5/6" />}
      </div>
    </div>
  );
}
