"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ApiClientError } from "@/lib/queries/fetch-json";
import { useSetFlags, useThread, useThreadList, useUnreadCounts, type FlagChange } from "@/lib/queries/threads";
import { FOLDER_TABS, isTeamView, TAB_LABELS, TEAM_VIEWS, type Tab } from "@/lib/schemas/plain";
import { useCurrentUser } from "@/components/auth/current-user";
import { useUpdateWorkflow } from "@/lib/queries/workflow";
import type { ThreadListResponse, ThreadSummary } from "@/lib/schemas/threads";
import { withOperator } from "@/lib/search/query";
import { BulkBar } from "./bulk-bar";
import { FolderNav, SavedSearchesNav } from "./folder-nav";
import { rowHeight, useDensity } from "./density";
import { DensityToggle } from "./density-toggle";
import { MarkAllRead } from "./mark-all-read";

import { SaveSearch, SearchBar } from "./search-bar";
import { ShortcutsHelp } from "./shortcuts-help";
import { SyncStatus } from "./sync-status";
import { RowSkeleton, ThreadList } from "./thread-list";
import type { RowActions } from "./thread-row";
import { ThreadView, type ThreadViewHandle } from "./thread-view";
import { useAutoRead } from "./use-auto-read";
import { useChecked } from "./use-checked";
import { useInboxUrl } from "./use-inbox-url";
import { useNewThreads } from "./use-new-threads";
import { useSelection } from "./use-selection";
import { useShortcuts } from "./use-shortcuts";

/** What an empty team view says. */
const EMPTY_VIEW: Partial<Record<Tab, string>> = {
  mine: "Nothing assigned to you is open. Take a thread from Unassigned (a) to see it here.",
  unassigned: "Every open conversation has an owner.",
  snoozed: "No snoozed threads.",
  done: "No threads are done yet.",
};

/** "1,234 results", or "More than 1,000 results" when the count stopped at its cap. */
function resultCount(total: NonNullable<ThreadListResponse["total"]>): string {
  const n = total.count.toLocaleString("en-US");
  if (total.more) return `More than ${n} results`;
  return `${n} ${total.count === 1 ? "result" : "results"}`;
}

function flagActionName(c: FlagChange): string {
  if (c.important === true) return "mark the thread important";
  if (c.important === false) return "remove the important mark";
  if (c.read === true) return "mark the thread read";
  return "mark the thread unread";
}

/**
 * The inbox in three panes: folders, the thread list, the open thread. The view lives in the URL
 * (`/messages/<tab>?q=&scope=&thread=`, `use-inbox-url.ts`), so back, forward, reload and a shared link show the
 * same thing. The behaviour is in hooks beside this file: the "N new" marker (`use-new-threads.ts`), marking an
 * opened thread read (`use-auto-read.ts`), the keyboard's place in the list (`use-selection.ts`) and the shortcuts
 * (`use-shortcuts.ts`, from the table in `shortcuts.ts`).
 */
export function Inbox({ tab, canWrite, webUrl }: { tab: Tab; canWrite: boolean; webUrl: string }) {
  const toast = useToast();
  const { q, scope, threadId, params, setUrl, query, showTab } = useInboxUrl(tab);

  const list = useThreadList(params);
  const [density, setDensity] = useDensity();
  const threads = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const news = useNewThreads(params, list, threads);
  const counts = useUnreadCounts();
  const detail = useThread(threadId);

  const onFlagError = useCallback((c: FlagChange, message: string) => toast.error(`Could not ${flagActionName(c)}: ${message}`), [toast]);
  const flags = useSetFlags(onFlagError);
  const { selected, next, previous } = useSelection(threads, threadId, params);
  const checked = useChecked(threads, params);

  const open = useCallback((id: string) => setUrl({ thread: id }), [setUrl]);
  const back = useCallback(() => setUrl({ thread: null }), [setUrl]);
  const { keepUnread } = useAutoRead({ thread: detail.data, threadId, canWrite, flags });

  const actions: RowActions = useMemo(
    () => ({
      canWrite,
      onOpen: open,
      onToggleImportant: (t: ThreadSummary) => flags.mutate({ id: t.id, important: !t.important }),
      onToggleRead: (t: ThreadSummary) => {
        if (t.unread === false && t.id === threadId) keepUnread(t.id);
        flags.mutate({ id: t.id, read: t.unread });
      },
      onCheck: checked.toggle,
      onFilter: (op, id) => setUrl({ q: withOperator(q, op, id), thread: null }),
    }),
    [canWrite, open, flags, threadId, keepUnread, checked.toggle, setUrl, q],
  );

  const searchRef = useRef<HTMLInputElement>(null);
  const replyRef = useRef<ThreadViewHandle>(null);
  const me = useCurrentUser();
  const workflow = useUpdateWorkflow(threadId ?? "");
  const changeWorkflow = (patch: Parameters<typeof workflow.mutate>[0], done: string) =>
    workflow.mutate(patch, { onSuccess: () => toast.info(done), onError: (e) => toast.error(`Could not change the thread: ${e.message}`) });
  const [help, setHelp] = useState(false);
  // The thread the flag shortcuts act on: the open one, else the selected row.
  const current = () => (threadId ? (threads.find((t) => t.id === threadId) ?? detail.data) : threads[selected]);
  useShortcuts({
    next,
    previous,
    open: () => {
      if (threads[selected]) open(threads[selected].id);
    },
    reply: () => {
      if (threadId) replyRef.current?.focus();
    },
    toggleImportant: () => {
      const t = current();
      if (canWrite && t) flags.mutate({ id: t.id, important: !t.important });
    },
    markUnread: () => {
      const t = current();
      if (canWrite && t && !t.awaitingAnswer) {
        keepUnread(t.id);
        flags.mutate({ id: t.id, read: false });
      }
    },
    toggleChecked: () => {
      if (canWrite && selected >= 0) checked.toggle(selected);
    },
    assignSelf: () => {
      if (canWrite && threadId && detail.data && detail.data.workflow.owner?.id !== me.id) changeWorkflow({ ownerId: me.id }, "Assigned to you");
    },
    toggleDone: () => {
      if (!canWrite || !threadId || !detail.data) return;
      const done = detail.data.workflow.status !== "open";
      changeWorkflow({ status: done ? "open" : "done" }, done ? "Reopened" : "Marked done");
    },
    note: () => {
      if (canWrite && threadId) replyRef.current?.note();
    },
    back,
    search: () => searchRef.current?.focus(),
    help: () => setHelp(true),
  });

  const unreadHere = isTeamView(tab) ? 0 : (counts.data?.[tab] ?? 0);
  // A search the server refused (a link with a wrong operator): said under the box, not as a broken list.
  const searchError = list.error instanceof ApiClientError && list.error.fields?.q ? list.error.fields.q : undefined;
  const total = q ? list.data?.pages[0]?.total : undefined;
  const listLabel = q ? `Search results for ${q}` : `${TAB_LABELS[tab]} threads`;

  return (
    <div className="flex h-full min-h-0">
      <aside className="hidden w-56 shrink-0 flex-col gap-4 border-r border-zinc-200 p-3 md:flex dark:border-zinc-800">
        <FolderNav tab={tab} counts={counts.data} query={query} />
        <SavedSearchesNav tab={tab} current={{ q, scope }} />
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
              onChange={(e) => showTab(e.target.value)}
              className="rounded border border-zinc-300 bg-white px-1 py-0.5 text-sm md:hidden dark:border-zinc-700 dark:bg-zinc-900"
            >
              <optgroup label="Folders">
                {FOLDER_TABS.map((t) => (
                  <option key={t} value={t}>
                    {TAB_LABELS[t]} {counts.data?.[t] ? `(${counts.data[t]})` : ""}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Team">
                {TEAM_VIEWS.map((t) => (
                  <option key={t} value={t}>
                    {TAB_LABELS[t]} {counts.data?.views[t] && t !== "done" ? `(${counts.data.views[t]})` : ""}
                  </option>
                ))}
              </optgroup>
            </select>
            <div className="ml-auto flex items-center gap-1">
              {canWrite && !q && !isTeamView(tab) && <MarkAllRead tab={tab} unread={unreadHere} />}
              <DensityToggle density={density} onChange={setDensity} />
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
            serverError={searchError}
            onChange={(next) => setUrl({ q: next }, "replace")}
            onScope={(s) => setUrl({ scope: s }, "replace")}
          />
          {q && !searchError && (
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p role="status" data-testid="result-count" className="text-xs text-zinc-600 dark:text-zinc-400">
                {total && !list.isError ? resultCount(total) : ""}
              </p>
              <SaveSearch key={`${scope}:${q}`} q={q} scope={scope} />
            </div>
          )}
        </div>
        {canWrite && <BulkBar ids={[...checked.checked]} onClear={checked.clear} />}
        <div className="relative min-h-0 flex-1">
          {news.fresh > 0 && news.scrolledAway && (
            <Button
              variant="primary"
              size="xs"
              onClick={news.pullNews}
              className="absolute left-1/2 top-2 z-10 -translate-x-1/2 shadow"
              data-testid="new-marker"
            >
              {news.fresh} new ↑
            </Button>
          )}
          {list.isPending ? (
            <div role="status" aria-busy="true" aria-label="Loading threads" className="h-full overflow-hidden">
              {Array.from({ length: 8 }, (_, i) => (
                <div key={i} style={{ height: rowHeight(density, false) }}>
                  <RowSkeleton compact={density === "compact"} />
                </div>
              ))}
            </div>
          ) : searchError ? (
            <div className="p-6 text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="search-refused">
              Fix the search above to see threads.
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
                (EMPTY_VIEW[tab] ?? `No threads in ${TAB_LABELS[tab]}.`)
              )}
            </div>
          ) : (
            <ThreadList
              threads={threads}
              selectedIndex={selected}
              checked={checked.checked}
              openId={threadId}
              actions={actions}
              hasMore={!!list.hasNextPage}
              loadingMore={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
              scrollRef={news.scrollRef}
              onScrolledAway={news.setScrolledAway}
              label={listLabel}
              density={density}
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
              keepUnread(t.id);
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
