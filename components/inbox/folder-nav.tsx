"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { IconButton } from "@/components/ui/icon-button";
import { useToast } from "@/components/ui/toast";
import { useDeleteSavedSearch, useSavedSearches } from "@/lib/queries/threads";
import { useAppealCount } from "@/lib/queries/tolokers";
import { FOLDER_TABS, TAB_LABELS, TEAM_VIEWS, type Tab } from "@/lib/schemas/plain";
import type { UnreadCounts } from "@/lib/schemas/threads";
import { searchSuffix } from "./use-inbox-url";

/** The folder tabs with their unread counts, then the team's views with theirs; a search is kept when switching. */
export function FolderNav({ tab, counts, query }: { tab: Tab; counts?: UnreadCounts; query: string }) {
  return (
    <nav aria-label="Folders">
      <ul className="space-y-0.5">
        {FOLDER_TABS.map((t) => {
          const unread = counts?.[t] ?? 0;
          const active = t === tab;
          return (
            <li key={t}>
              <Link
                href={`/messages/${t}${query}`}
                aria-current={active ? "page" : undefined}
                data-testid={`tab-${t}`}
                className={`flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${
                  active
                    ? "bg-blue-50 font-semibold text-blue-900 dark:bg-blue-950 dark:text-blue-100"
                    : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                }`}
              >
                <span className="flex-1">{TAB_LABELS[t]}</span>
                {unread > 0 && (
                  <Badge tone={active ? "blue" : "neutral"}>
                    <span className="sr-only">, </span>
                    {unread.toLocaleString("en")}
                    <span className="sr-only"> unread</span>
                  </Badge>
                )}
              </Link>
            </li>
          );
        })}
        <AppealsLink />
      </ul>
      <h2 className="mt-3 border-t border-zinc-200 px-2.5 pt-2 pb-1 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        Team
      </h2>
      <ul className="space-y-0.5" aria-label="Team views">
        {TEAM_VIEWS.map((t) => {
          const n = t === "done" ? 0 : (counts?.views[t] ?? 0);
          const active = t === tab;
          return (
            <li key={t}>
              <Link
                href={`/messages/${t}${query}`}
                aria-current={active ? "page" : undefined}
                data-testid={`tab-${t}`}
                className={`flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${
                  active
                    ? "bg-blue-50 font-semibold text-blue-900 dark:bg-blue-950 dark:text-blue-100"
                    : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                }`}
              >
                <span className="flex-1">{TAB_LABELS[t]}</span>
                {n > 0 && (
                  <Badge tone={active ? "blue" : "neutral"}>
                    <span className="sr-only">, </span>
                    {n.toLocaleString("en")}
                    <span className="sr-only"> {t === "snoozed" ? "snoozed" : "open"}</span>
                  </Badge>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The Appeals view, with how many are open (Toloka asks for an answer within 9 days). */
function AppealsLink() {
  const count = useAppealCount().data ?? 0;
  return (
    <li className="mt-2 border-t border-zinc-200 pt-2 dark:border-zinc-800">
      <Link
        href="/appeals"
        data-testid="tab-appeals"
        className="flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-zinc-700 outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-600 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <span className="flex-1">Appeals</span>
        {count > 0 && (
          <Badge tone="amber">
            <span className="sr-only">, </span>
            {count.toLocaleString("en")}
            <span className="sr-only"> open</span>
          </Badge>
        )}
      </Link>
    </li>
  );
}

/** The member's saved searches: each runs in the tab open now; only its owner sees it. */
export function SavedSearchesNav({ tab, current }: { tab: Tab; current: { q: string; scope: "tab" | "all" } }) {
  const saved = useSavedSearches();
  const remove = useDeleteSavedSearch();
  const toast = useToast();
  const items = saved.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <nav aria-label="Saved searches">
      <h2 className="px-2.5 pb-1 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Saved searches</h2>
      <ul className="space-y-0.5" data-testid="saved-searches">
        {items.map((s) => {
          const active = s.q === current.q && s.scope === current.scope;
          return (
            <li key={s.id} className="group flex items-center gap-1">
              <Link
                href={`/messages/${tab}${searchSuffix(s.q, s.scope)}`}
                aria-current={active ? "page" : undefined}
                title={`${s.q}${s.scope === "all" ? " (all folders)" : ""}`}
                data-testid="saved-search"
                className={`min-w-0 flex-1 truncate rounded-md px-2.5 py-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${
                  active
                    ? "bg-blue-50 font-semibold text-blue-900 dark:bg-blue-950 dark:text-blue-100"
                    : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                }`}
              >
                {s.name}
              </Link>
              <IconButton
                aria-label={`Remove the saved search ${s.name}`}
                title="Remove"
                className="text-xs"
                onClick={() => remove.mutate(s.id, { onError: (e) => toast.error(`Could not remove the saved search: ${e.message}`) })}
              >
                ×
              </IconButton>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
