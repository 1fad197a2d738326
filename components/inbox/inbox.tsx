"use client";

import { useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ApiClientError } from "@/lib/queries/fetch-json";
import { useSetFlags, useThread, useThreadList, useUnreadCounts, type FlagChange } from "@/lib/queries/threads";
import { FOLDER_TABS, isTeamView, TEAM_VIEWS, type Tab } from "@/lib/schemas/plain";
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

type ListWords = ReturnType<typeof useTranslations<"inbox.list">>;

/** What an empty list says: a team view its own words, a folder that it has no threads. */
function emptyText(tab: Tab, t: ListWords, folder: string): string {
  switch (tab) {
    case "mine":
    case "unassigned":
    case "snoozed":
    case "done":
      return t(`empty.${tab}`);
    default:
      return t("empty.other", { folder });
  }
}

/** "1,234 results", or "More than 1,000 results" when the count stopped at its cap. */
function resultCount(total: NonNullable<ThreadListResponse["total"]>, t: ListWords): string {
  return total.more ? t("resultsMore", { count: total.count }) : t("results", { count: total.count });
}

/** The key of what a failed flag change says. */
function flagFailure(c: FlagChange): "important" | "notImportant" | "read" | "unread" {
  if (c.important === true) return "important";
  if (c.important === false) return "notImportant";
  if (c.read === true) return "read";
  return "unread";
}

/**
 * The inbox in three panes: folders, the thread list, the open thread. The view lives in the URL
 * (`/messages/<tab>?q=&scope=&thread=`, `use-inbox-url.ts`), so back, forward, reload and a shared link show the
 * same thing. The behaviour is in hooks beside this file: the "N new" marker (`use-new-threads.ts`), marking an
 * opened thread read (`use-auto-read.ts`), the keyboard's place in the list (`use-selection.ts`) and the shortcuts
 * (`use-shortcuts.ts`, from the table in `shortcuts.ts`).
 */
export function Inbox({ tab, canWrite, webUrl }: { tab: Tab; canWrite: boolean; webUrl: string }) {
  const t = useTranslations("inbox.list");
  const folders = useTranslations("inbox.folders");
  const toast = useToast();
  const { q, scope, threadId, params, setUrl, query, showTab } = useInboxUrl(tab);

  const list = useThreadList(params);
  const [density, setDensity] = useDensity();
  const threads = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const news = useNewThreads(params, list, threads);
  const counts = useUnreadCounts();
  const detail = useThread(threadId);

  const onFlagError = useCallback((c: FlagChange, message: string) => toast.error(t(`flagFailed.${flagFailure(c)}`, { message })), [toast, t]);
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
    workflow.mutate(patch, { onSuccess: () => toast.info(done), onError: (e) => toast.error(t("workflowFailed", { message: e.message })) });
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
      if (canWrite && threadId && detail.data && detail.data.workflow.owner?.id !== me.id) changeWorkflow({ ownerId: me.id }, t("assigned"));
    },
    toggleDone: () => {
      if (!canWrite || !threadId || !detail.data) return;
      const done = detail.data.workflow.status !== "open";
      changeWorkflow({ status: done ? "open" : "done" }, done ? t("reopened") : t("markedDone"));
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
  const folder = folders(tab);
  const listLabel = q ? t("labelSearch", { q }) : t("label", { folder });

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
        aria-label={t("threadList")}
        className={`min-h-0 w-full flex-col border-r border-zinc-200 lg:flex lg:w-[26rem] lg:shrink-0 dark:border-zinc-800 ${threadId ? "hidden" : "flex"}`}
      >
        <div className="space-y-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
          {/* Wraps at phone width: a sender's "Mark all as read" and "?" go below rather than off the side. */}
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-base font-semibold">{folder}</h1>
            <select
              aria-label={t("folder")}
              value={tab}
              onChange={(e) => showTab(e.target.value)}
              className="rounded border border-zinc-300 bg-white px-1 py-0.5 text-sm md:hidden dark:border-zinc-700 dark:bg-zinc-900"
            >
              <optgroup label={t("foldersGroup")}>
                {FOLDER_TABS.map((f) => (
                  <option key={f} value={f}>
                    {folders(f)} {counts.data?.[f] ? `(${counts.data[f]})` : ""}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("teamGroup")}>
                {TEAM_VIEWS.map((v) => (
                  <option key={v} value={v}>
                    {folders(v)} {counts.data?.views[v] && v !== "done" ? `(${counts.data.views[v]})` : ""}
                  </option>
                ))}
              </optgroup>
            </select>
            <div className="ml-auto flex items-center gap-1">
              {canWrite && !q && !isTeamView(tab) && <MarkAllRead tab={tab} unread={unreadHere} />}
              <DensityToggle density={density} onChange={setDensity} />
              <Button size="icon" variant="ghost" aria-label={t("shortcuts")} title={t("shortcutsTitle")} onClick={() => setHelp(true)}>
                ?
              </Button>
            </div>
          </div>
          <SearchBar
            ref={searchRef}
            value={q}
            scope={scope}
            tabLabel={t("inFolder", { folder })}
            serverError={searchError}
            onChange={(next) => setUrl({ q: next }, "replace")}
            onScope={(s) => setUrl({ scope: s }, "replace")}
          />
          {q && !searchError && (
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p role="status" data-testid="result-count" className="text-xs text-zinc-600 dark:text-zinc-400">
                {total && !list.isError ? resultCount(total, t) : ""}
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
              {t("newMarker", { count: news.fresh })}
            </Button>
          )}
          {list.isPending ? (
            <div role="status" aria-busy="true" aria-label={t("loading")} className="h-full overflow-hidden">
              {Array.from({ length: 8 }, (_, i) => (
                <div key={i} style={{ height: rowHeight(density, false) }}>
                  <RowSkeleton compact={density === "compact"} />
                </div>
              ))}
            </div>
          ) : searchError ? (
            <div className="p-6 text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="search-refused">
              {t("searchRefused")}
            </div>
          ) : list.isError ? (
            <div className="p-4 text-sm" data-testid="list-error">
              <p className="text-red-800 dark:text-red-300">{t("loadFailed", { message: list.error.message })}</p>
              <Button size="sm" className="mt-2" onClick={() => void list.refetch()}>
                {t("retry")}
              </Button>
            </div>
          ) : threads.length === 0 ? (
            <div className="p-6 text-center text-sm text-zinc-600 dark:text-zinc-400" data-testid="empty-list">
              {q ? (
                <>
                  {t.rich(scope === "all" ? "nothingFoundAll" : "nothingFoundIn", {
                    q,
                    folder,
                    b: (chunks) => <strong className="text-zinc-900 dark:text-zinc-100">{chunks}</strong>,
                    v: (chunks) => <span translate="no">{chunks}</span>,
                  })}
                  {scope === "tab" && (
                    <div className="mt-2">
                      <Button size="sm" onClick={() => setUrl({ scope: "all" }, "replace")}>
                        {t("searchAll")}
                      </Button>
                    </div>
                  )}
                </>
              ) : (
                emptyText(tab, t, folder)
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

      <section aria-label={t("thread")} className={`min-h-0 min-w-0 flex-1 lg:block ${threadId ? "block" : "hidden"}`}>
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
          <div className="flex h-full items-center justify-center p-6 text-sm text-zinc-600 dark:text-zinc-400">{t("pick")}</div>
        )}
      </section>
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
