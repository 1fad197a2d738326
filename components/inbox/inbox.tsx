"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { queryKeys, type ListParams } from "@/lib/queries/keys";
import { useListHead, useSetFlags, useThread, useThreadList, useUnreadCounts, type FlagChange } from "@/lib/queries/threads";
import { TAB_LABELS, TABS, type Tab, type ThreadSummary } from "@/lib/schemas/threads";
import { FolderNav } from "./folder-nav";
import { MarkAllRead } from "./mark-all-read";
import type { ReplyBoxHandle } from "./reply-box";
import { SearchBar } from "./search-bar";
import { ShortcutsHelp } from "./shortcuts-help";
import { SyncStatus } from "./sync-status";
import { RowSkeleton, ThreadList } from "./thread-list";
import type { RowActions } from "./thread-row";
import { ThreadView } from "./thread-view";

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

function flagActionName(c: FlagChange): string {
  if (c.important === true) return "mark the thread important";
  if (c.important === false) return "remove the important mark";
  if (c.read === true) return "mark the thread read";
  return "mark the thread unread";
}

/**
 * The inbox in three panes: folders, the thread list, the open thread. The view lives in the URL
 * (`/messages/<tab>?q=&scope=&thread=`), so back, forward, reload and a shared link show the same thing.
 */
export function Inbox({ tab, canWrite, webUrl }: { tab: Tab; canWrite: boolean; webUrl: string }) {
  const router = useRouter();
  const search = useSearchParams();
  const qc = useQueryClient();
  const toast = useToast();
  const q = search.get("q") ?? "";
  const scope: "tab" | "all" = search.get("scope") === "all" ? "all" : "tab";
  const threadId = search.get("thread");
  const params: ListParams = useMemo(() => ({ tab, q, scope }), [tab, q, scope]);

  const setUrl = useCallback(
    (change: { q?: string; scope?: "tab" | "all"; thread?: string | null }, mode: "push" | "replace" = "push") => {
      const sp = new URLSearchParams(search.toString());
      for (const [k, v] of Object.entries(change)) {
        if (v === undefined) continue;
        if (v === null || v === "" || (k === "scope" && v === "tab")) sp.delete(k);
        else sp.set(k, v);
      }
      if (!sp.get("q")) sp.delete("scope");
      const qs = sp.toString();
      router[mode](`/messages/${tab}${qs ? `?${qs}` : ""}`, { scroll: false });
    },
    [router, search, tab],
  );

  const list = useThreadList(params);
  const head = useListHead(params);
  const counts = useUnreadCounts();
  const detail = useThread(threadId);
  const threads = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  // Rows newer than the top of what is loaded: fetch them in at the top, or say so when scrolled away.
  const [scrolledAway, setScrolledAway] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const fresh = useMemo(() => {
    const top = threads[0];
    if (!head.data || list.isPending) return 0;
    if (!top) return head.data.items.length;
    return head.data.items.filter(
      (t) => t.lastActivity > top.lastActivity || (t.lastActivity === top.lastActivity && t.id !== top.id && !threads.some((x) => x.id === t.id)),
    ).length;
  }, [head.data, threads, list.isPending]);
  const pullNews = useCallback(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    void qc.resetQueries({ queryKey: queryKeys.list(params), exact: true });
  }, [qc, params]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch only when news appears, not whenever the query object changes.
  useEffect(() => {
    if (fresh > 0 && !scrolledAway) void list.refetch();
  }, [fresh, scrolledAway]);

  const onFlagError = useCallback((c: FlagChange, message: string) => toast.error(`Could not ${flagActionName(c)}: ${message}`), [toast]);
  const flags = useSetFlags(onFlagError);

  const [selected, setSelected] = useState(-1);
  useEffect(() => {
    if (!threadId) return;
    const i = threads.findIndex((t) => t.id === threadId);
    if (i >= 0) setSelected(i);
  }, [threadId, threads]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another tab, query or scope is another list: the selection starts over.
  useEffect(() => setSelected(-1), [tab, q, scope]);

  const open = useCallback((id: string) => setUrl({ thread: id }), [setUrl]);
  const back = useCallback(() => setUrl({ thread: null }), [setUrl]);

  // Opening an unread thread marks it read (for those who may change flags).
  const markedRead = useRef<string | null>(null);
  useEffect(() => {
    const t = detail.data;
    if (!t || !canWrite || !t.unread || markedRead.current === t.id) return;
    markedRead.current = t.id;
    flags.mutate({ id: t.id, read: true });
  }, [detail.data, canWrite, flags]);
  useEffect(() => {
    if (threadId !== markedRead.current) markedRead.current = null;
  }, [threadId]);

  const actions: RowActions = useMemo(
    () => ({
      canWrite,
      onOpen: open,
      onToggleImportant: (t: ThreadSummary) => flags.mutate({ id: t.id, important: !t.important }),
      onToggleRead: (t: ThreadSummary) => {
        if (t.unread === false && t.id === threadId) markedRead.current = t.id;
        flags.mutate({ id: t.id, read: t.unread });
      },
    }),
    [canWrite, open, flags, threadId],
  );

  const searchRef = useRef<HTMLInputElement>(null);
  const replyRef = useRef<ReplyBoxHandle>(null);
  const [help, setHelp] = useState(false);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e.target) || document.querySelector("dialog[open]")) return;
      const current = threadId ? (threads.find((t) => t.id === threadId) ?? detail.data) : threads[selected];
      switch (e.key) {
        case "j":
          setSelected((i) => Math.min(threads.length - 1, i + 1));
          break;
        case "k":
          setSelected((i) => Math.max(0, i - 1));
          break;
        case "o":
        case "Enter":
          if ((e.target as HTMLElement).tagName === "BUTTON" && e.key === "Enter") return;
          if (threads[selected]) open(threads[selected].id);
          break;
        case "r":
          if (threadId) replyRef.current?.focus();
          break;
        case "s":
          if (canWrite && current) flags.mutate({ id: current.id, important: !current.important });
          break;
        case "u":
          if (canWrite && current && !current.awaitingAnswer) {
            markedRead.current = current.id;
            flags.mutate({ id: current.id, read: false });
          }
          break;
        case "e":
          back();
          break;
        case "/":
          searchRef.current?.focus();
          break;
        case "?":
          setHelp(true);
          break;
        default:
          return;
      }
      e.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [threads, selected, threadId, detail.data, canWrite, flags, open, back]);

  const query = q ? `?q=${encodeURIComponent(q)}${scope === "all" ? "&scope=all" : ""}` : "";
  const unreadHere = counts.data?.[tab] ?? 0;
  const listLabel = q ? `Search results for ${q}` : `${TAB_LABELS[tab]} threads`;

  return (
    <div className="flex h-full min-h-0">
      <aside className="hidden w-56 shrink-0 flex-col gap-4 border-r border-zinc-200 p-3 md:flex dark:border-zinc-800">
        <FolderNav tab={tab} counts={counts.data} query={query} />
        <div className="mt-auto">
          <SyncStatus />
        </div>
      </aside>

      <section
        aria-label="Thread list"
        className={`min-h-0 w-full flex-col border-r border-zinc-200 lg:flex lg:w-[26rem] lg:shrink-0 dark:border-zinc-800 ${threadId ? "hidden" : "flex"}`}
      >
        <div className="space-y-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
          {/* Wraps at phone width: a sender's "Mark all as read" and "?" go below rather than off the side. */}
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-base font-semibold">{TAB_LABELS[tab]}</h1>
            <select
              aria-label="Folder"
              value={tab}
              onChange={(e) => router.push(`/messages/${e.target.value}${query}`)}
              className="rounded border border-zinc-300 bg-white px-1 py-0.5 text-sm md:hidden dark:border-zinc-700 dark:bg-zinc-900"
            >
              {TABS.map((t) => (
                <option key={t} value={t}>
                  {TAB_LABELS[t]} {counts.data?.[t] ? `(${counts.data[t]})` : ""}
                </option>
              ))}
            </select>
            <div className="ml-auto flex items-center gap-1">
              {canWrite && !q && <MarkAllRead tab={tab} unread={unreadHere} />}
              <Button size="icon" variant="ghost" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setHelp(true)}>
                ?
              </Button>
            </div>
          </div>
          <SearchBar
            ref={searchRef}
            value={q}
            scope={scope}
            tabLabel={`In ${TAB_LABELS[tab]}`}
            onChange={(next) => setUrl({ q: next }, "replace")}
            onScope={(s) => setUrl({ scope: s }, "replace")}
          />
        </div>
        <div className="relative min-h-0 flex-1">
          {fresh > 0 && scrolledAway && (
            <button
              type="button"
              onClick={pullNews}
              className="absolute left-1/2 top-2 z-10 -translate-x-1/2 rounded-full bg-blue-700 px-3 py-1 text-xs font-medium text-white shadow"
              data-testid="new-marker"
            >
              {fresh} new ↑
            </button>
          )}
          {list.isPending ? (
            <div role="status" aria-busy="true" aria-label="Loading threads" className="h-full overflow-hidden">
              {Array.from({ length: 8 }, (_, i) => (
                <div key={i} style={{ height: 92 }}>
                  <RowSkeleton />
                </div>
              ))}
            </div>
          ) : list.isError ? (
            <div className="p-4 text-sm" data-testid="list-error">
              <p className="text-red-800 dark:text-red-300">Could not load the threads: {list.error.message}</p>
              <Button size="sm" className="mt-2" onClick={() => void list.refetch()}>
                Retry
              </Button>
            </div>
          ) : threads.length === 0 ? (
            <div className="p-6 text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="empty-list">
              {q ? (
                <>
                  Nothing found for <strong className="text-zinc-900 dark:text-zinc-100">“{q}”</strong>{" "}
                  {scope === "all" ? "in any folder" : `in ${TAB_LABELS[tab]}`}.
                  {scope === "tab" && (
                    <div className="mt-2">
                      <Button size="sm" onClick={() => setUrl({ scope: "all" }, "replace")}>
                        Search all folders
                      </Button>
                    </div>
                  )}
                </>
              ) : (
                <>No threads in {TAB_LABELS[tab]}.</>
              )}
            </div>
          ) : (
            <ThreadList
              threads={threads}
              selectedIndex={selected}
              openId={threadId}
              actions={actions}
              hasMore={!!list.hasNextPage}
              loadingMore={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
              scrollRef={scrollRef}
              onScrolledAway={setScrolledAway}
              label={listLabel}
            />
          )}
        </div>
        <div className="border-t border-zinc-200 p-2 md:hidden dark:border-zinc-800">
          <SyncStatus />
        </div>
      </section>

      <section aria-label="Thread" className={`min-h-0 min-w-0 flex-1 lg:block ${threadId ? "block" : "hidden"}`}>
        {threadId ? (
          <ThreadView
            ref={replyRef}
            thread={detail.data}
            loading={detail.isPending}
            error={detail.error}
            onRetry={() => void detail.refetch()}
            onBack={back}
            canWrite={canWrite}
            webUrl={webUrl}
            tab={tab}
            onToggleImportant={(t) => flags.mutate({ id: t.id, important: !t.important })}
            onMarkUnread={(t) => {
              markedRead.current = t.id;
              flags.mutate({ id: t.id, read: false });
            }}
          />
        ) : (
          <div className="flex h-full items-center justify-center p-6 text-sm text-zinc-600 dark:text-zinc-400">
            Pick a thread to read it. Press ? for keyboard shortcuts.
          </div>
        )}
      </section>
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
