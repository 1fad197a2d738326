"use client";

import { useInfiniteQuery, useMutation, useMutationState, useQuery, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import type { JobDto } from "@/lib/schemas/jobs";
import type { SavedSearch, SavedSearchBody, SavedSearchList } from "@/lib/schemas/saved-searches";
import type { SyncMode, SyncStatus, UnreadableThreads } from "@/lib/schemas/sync";
import type { BulkFlagsBody, ThreadDetail, ThreadListResponse, ThreadSummary, UnreadCounts, Tab } from "@/lib/schemas/threads";
import type { FolderTab } from "@/lib/schemas/plain";
import { fetchJson } from "./fetch-json";
import { queryKeys, type ListParams } from "./keys";

/** How often the page asks for what is new: with the server's 5 s sync, news shows within about 10 s. */
const POLL_MS = 5_000;
const PAGE = 50;

function listUrl(p: ListParams, cursor?: string, limit = PAGE): string {
  const sp = new URLSearchParams({ tab: p.tab, limit: String(limit) });
  if (p.q) {
    sp.set("q", p.q);
    sp.set("scope", p.scope);
  }
  if (cursor) sp.set("cursor", cursor);
  return `/api/threads?${sp}`;
}

/** The thread list of a tab or a search, page by page as the list scrolls. */
export function useThreadList(p: ListParams) {
  const qc = useQueryClient();
  return useInfiniteQuery({
    queryKey: queryKeys.list(p),
    queryFn: async ({ pageParam, signal }) => {
      const page = await fetchJson<ThreadListResponse>(listUrl(p, pageParam), { signal });
      // The first list of a fresh server waits for the first sync: the sync status is news then.
      if (!pageParam) void qc.invalidateQueries({ queryKey: queryKeys.sync() });
      return page;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    // Refetching every loaded page would be wasteful with thousands of rows; useListHead watches for news.
    staleTime: Infinity,
  });
}

/** The first few rows of the list, polled, to notice new threads without refetching everything. */
export function useListHead(p: ListParams) {
  return useQuery({
    queryKey: queryKeys.head(p),
    queryFn: ({ signal }) => fetchJson<ThreadListResponse>(listUrl(p, undefined, 20), { signal }),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useUnreadCounts() {
  return useQuery({
    queryKey: queryKeys.counts(),
    queryFn: ({ signal }) => fetchJson<UnreadCounts>("/api/threads/counts", { signal }),
    refetchInterval: POLL_MS,
  });
}

export function useThread(id: string | null) {
  return useQuery({
    queryKey: queryKeys.thread(id ?? "none"),
    queryFn: ({ signal }) => fetchJson<ThreadDetail>(`/api/threads/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useSyncStatus() {
  return useQuery({
    queryKey: queryKeys.sync(),
    queryFn: ({ signal }) => fetchJson<SyncStatus>("/api/sync", { signal }),
    refetchInterval: POLL_MS,
  });
}

/** The threads Toloka sent that could not be read (admins only: the route refuses everyone else). */
export function useUnreadableThreads(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.unreadable(),
    queryFn: ({ signal }) => fetchJson<UnreadableThreads>("/api/sync/unreadable", { signal }),
    enabled,
  });
}

/** "Refresh": a sync now, `full` only for a member whose role allows it (the server refuses a viewer's). */
export function useRefresh() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (mode: SyncMode) => fetchJson<SyncStatus>(`/api/sync?mode=${mode}`, { method: "POST" }),
    onSuccess: (status) => {
      qc.setQueryData(queryKeys.sync(), status);
      void qc.invalidateQueries({ queryKey: queryKeys.threads });
    },
  });
}

type ListData = InfiniteData<ThreadListResponse, string | undefined>;

/** Applies a change to a thread wherever the cache holds it: list pages, heads, the thread view. */
function patchThread(qc: QueryClient, id: string, patch: (t: ThreadSummary) => ThreadSummary) {
  qc.setQueriesData<ListData>({ queryKey: queryKeys.lists() }, (data) =>
    data ? { ...data, pages: data.pages.map((pg) => ({ ...pg, items: pg.items.map((t) => (t.id === id ? patch(t) : t)) })) } : data,
  );
  qc.setQueriesData<ThreadListResponse>({ queryKey: [...queryKeys.threads, "head"] }, (data) =>
    data ? { ...data, items: data.items.map((t) => (t.id === id ? patch(t) : t)) } : data,
  );
  qc.setQueryData<ThreadDetail>(queryKeys.thread(id), (t) => (t ? (patch(t) as ThreadDetail) : t));
}

/** Where a thread counts as unread, for adjusting the counts before the server answers. */
function tabsOf(t: ThreadSummary): FolderTab[] {
  const tabs: FolderTab[] = [];
  if (t.otherParty.kind === "system") tabs.push("notifications");
  else tabs.push("inbox");
  if (t.important) tabs.push("important");
  return tabs;
}

function findThread(qc: QueryClient, id: string): ThreadSummary | undefined {
  const detail = qc.getQueryData<ThreadDetail>(queryKeys.thread(id));
  if (detail) return detail;
  for (const [, data] of qc.getQueriesData<ListData>({ queryKey: queryKeys.lists() })) {
    for (const pg of data?.pages ?? []) {
      const t = pg.items.find((x) => x.id === id);
      if (t) return t;
    }
  }
  return undefined;
}

export interface FlagChange {
  id: string;
  read?: boolean;
  important?: boolean;
}

/**
 * Read/unread and important, shown at once and rolled back if Toloka refuses. The caller names the
 * action for the error toast.
 */
/** The latest flag change made of each thread on this page, to tell a stale failure from the newest. */
const latestFlagChange = new Map<string, number>();

export function useSetFlags(onError: (change: FlagChange, message: string) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: FlagChange) =>
      fetchJson<ThreadDetail>(`/api/threads/${c.id}/flags`, {
        method: "POST",
        body: JSON.stringify({ read: c.read, important: c.important }),
      }),
    onMutate: async (c) => {
      const seq = (latestFlagChange.get(c.id) ?? 0) + 1;
      latestFlagChange.set(c.id, seq);
      await qc.cancelQueries({ queryKey: queryKeys.threads });
      const before = findThread(qc, c.id);
      const counts = qc.getQueryData<UnreadCounts>(queryKeys.counts());
      patchThread(qc, c.id, (t) => ({
        ...t,
        unread: c.read === undefined ? t.unread : !c.read,
        important: c.important === undefined ? t.important : c.important,
      }));
      if (before && counts && c.read !== undefined && before.unread === c.read) {
        const delta = c.read ? -1 : 1;
        const next = { ...counts };
        for (const tab of tabsOf(before)) next[tab] = Math.max(0, next[tab] + delta);
        qc.setQueryData(queryKeys.counts(), next);
      }
      return { before, counts, seq };
    },
    onError: (error, c, ctx) => {
      // Rolled back only if no later change of this thread was made meanwhile: the snapshot would undo that one.
      // Either way the lists are read again, so they end on what the server holds, whatever order the answers took.
      if (ctx && ctx.seq === latestFlagChange.get(c.id)) {
        if (ctx.before) patchThread(qc, c.id, () => ctx.before!);
        if (ctx.counts) qc.setQueryData(queryKeys.counts(), ctx.counts);
      }
      void qc.invalidateQueries({ queryKey: queryKeys.threads });
      onError(c, error instanceof Error ? error.message : String(error));
    },
    onSuccess: (thread) => {
      qc.setQueryData(queryKeys.thread(thread.id), thread);
      patchThread(qc, thread.id, (t) => ({ ...t, unread: thread.unread, important: thread.important }));
    },
    onSettled: (_d, _e, c) => {
      void qc.invalidateQueries({ queryKey: queryKeys.counts() });
      // The Important tab gains or loses the thread.
      if (c.important !== undefined) void qc.invalidateQueries({ queryKey: queryKeys.list({ tab: "important", q: "", scope: "tab" }) });
    },
  });
}

/**
 * A reply in a thread. While it is being sent the thread shows it from the mutation's own variables (see
 * {@link usePendingReplies}); Toloka's answer then replaces the thread, and a refusal leaves it as it was.
 */
/**
 * A reply: its texts by language, and (from the reply box) how many messages the thread held when the member began
 * it, so the server can refuse it when a teammate replied meanwhile (`REPLIED_MEANWHILE`) until `confirmed`.
 */
export interface ReplyVars {
  text: Record<string, string>;
  seenMessages?: number;
  confirmed?: boolean;
}

export function useReply(threadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: queryKeys.reply(threadId),
    mutationFn: (vars: ReplyVars) => fetchJson<ThreadDetail>(`/api/threads/${threadId}/reply`, { method: "POST", body: JSON.stringify(vars) }),
    onSuccess: (thread) => {
      qc.setQueryData(queryKeys.thread(threadId), thread);
      void qc.invalidateQueries({ queryKey: queryKeys.lists() });
    },
  });
}

/** The replies to a thread still being sent (from this page), oldest first: their texts by language. */
export function usePendingReplies(threadId: string | undefined): Record<string, string>[] {
  return useMutationState({
    filters: { mutationKey: queryKeys.reply(threadId ?? ""), status: "pending" },
    select: (m) => (m.state.variables as ReplyVars).text,
  });
}

export function useStartMarkAllRead() {
  return useMutation({
    mutationFn: (scope: Tab | "all") => fetchJson<JobDto>("/api/mark-all-read", { method: "POST", body: JSON.stringify({ scope }) }),
  });
}

/** Marks a selection read or unread, important or not, as one job (followed with `useJob`). */
export function useStartBulkFlags() {
  return useMutation({
    mutationFn: (body: BulkFlagsBody) => fetchJson<JobDto>("/api/threads/bulk", { method: "POST", body: JSON.stringify(body) }),
  });
}

/** The signed-in member's saved searches, for the sidebar. */
export function useSavedSearches() {
  return useQuery({
    queryKey: queryKeys.savedSearches(),
    queryFn: ({ signal }) => fetchJson<SavedSearchList>("/api/saved-searches", { signal }),
  });
}

/** Saves the search in the box under a name. */
export function useSaveSearch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedSearchBody) => fetchJson<SavedSearch>("/api/saved-searches", { method: "POST", body: JSON.stringify(body) }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.savedSearches() }),
  });
}

/** Removes one of the member's saved searches. */
export function useDeleteSavedSearch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ deleted: true }>(`/api/saved-searches/${id}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.savedSearches() }),
  });
}
