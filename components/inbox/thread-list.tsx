"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, type RefObject } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import type { ThreadSummary } from "@/lib/schemas/threads";
import { ThreadRow, type RowActions } from "./thread-row";

const ROW_HEIGHT = 92;

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
}) {
  const count = threads.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
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
        const isAway = e.currentTarget.scrollTop > ROW_HEIGHT;
        if (isAway !== away.current) {
          away.current = isAway;
          onScrolledAway(isAway);
        }
      }}
    >
      <div role="list" aria-label={label} data-testid="thread-list" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
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
              />
            ) : (
              <RowSkeleton />
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

export function RowSkeleton() {
  return (
    <div className="flex h-full gap-3 border-b border-zinc-100 px-3 py-3 dark:border-zinc-800" aria-hidden>
      <div className="flex-1 space-y-2">
        <Skeleton className="h-3 w-1/3" />
        <Skeleton className="h-3 w-2/3" />
        <Skeleton className="h-3 w-5/6" />
      </div>
    </div>
  );
}
