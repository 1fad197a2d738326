"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { IconButton } from "@/components/ui/icon-button";
import { useToast } from "@/components/ui/toast";
import { useDeleteSavedSearch, useSavedSearches } from "@/lib/queries/threads";
import { useAppealCount } from "@/lib/queries/tolokers";
import { FOLDER_TABS, TEAM_VIEWS, type Tab } from "@/lib/schemas/plain";
import type { UnreadCounts } from "@/lib/schemas/threads";
import { formatNumber } from "./format";
import { searchSuffix } from "./use-inbox-url";

/** The folder tabs with their unread counts, then the team's views with theirs; a search is kept when switching. */
export function FolderNav({ tab, counts, query }: { tab: Tab; counts?: UnreadCounts; query: string }) {
  const tr = useTranslations("inbox.nav");
  const folders = useTranslations("inbox.folders");
  const locale = useLocale();
  return (
    <nav aria-label={tr("folders")}>
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
                <span className="flex-1">{folders(t)}</span>
                {unread > 0 && (
                  <Badge tone={active ? "blue" : "neutral"}>
                    <span className="sr-only">, </span>
                    {formatNumber(unread, locale)}
                    <span className="sr-only"> {tr("unread", { count: unread })}</span>
                  </Badge>
                )}
              </Link>
            </li>
          );
        })}
        <AppealsLink />
      </ul>
      <h2 className="mt-3 border-t border-zinc-200 px-2.5 pt-2 pb-1 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        {tr("team")}
      </h2>
      <ul className="space-y-0.5" aria-label={tr("teamViews")}>
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
                <span className="flex-1">{folders(t)}</span>
                {n > 0 && (
                  <Badge tone={active ? "blue" : "neutral"}>
                    <span className="sr-only">, </span>
                    {formatNumber(n, locale)}
                    <span className="sr-only"> {t === "snoozed" ? tr("snoozed", { count: n }) : tr("open", { count: n })}</span>
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
  const t = useTranslations("inbox.nav");
  const locale = useLocale();
  const count = useAppealCount().data ?? 0;
  return (
    <li className="mt-2 border-t border-zinc-200 pt-2 dark:border-zinc-800">
      <Link
        href="/appeals"
        data-testid="tab-appeals"
        className="flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-zinc-700 outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-600 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <span className="flex-1">{t("appeals")}</span>
        {count > 0 && (
          <Badge tone="amber">
            <span className="sr-only">, </span>
            {formatNumber(count, locale)}
            <span className="sr-only"> {t("open", { count })}</span>
          </Badge>
        )}
      </Link>
    </li>
  );
}

/** The member's saved searches: each runs in the tab open now; only its owner sees it. */
export function SavedSearchesNav({ tab, current }: { tab: Tab; current: { q: string; scope: "tab" | "all" } }) {
  const t = useTranslations("inbox.nav");
  const saved = useSavedSearches();
  const remove = useDeleteSavedSearch();
  const toast = useToast();
  const items = saved.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <nav aria-label={t("savedSearches")}>
      <h2 className="px-2.5 pb-1 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{t("savedSearches")}</h2>
      <ul className="space-y-0.5" data-testid="saved-searches">
        {items.map((s) => {
          const active = s.q === current.q && s.scope === current.scope;
          return (
            <li key={s.id} className="group flex items-center gap-1">
              <Link
                href={`/messages/${tab}${searchSuffix(s.q, s.scope)}`}
                aria-current={active ? "page" : undefined}
                title={s.scope === "all" ? t("savedSearchAllFolders", { q: s.q }) : s.q}
                data-testid="saved-search"
                className={`min-w-0 flex-1 truncate rounded-md px-2.5 py-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${
                  active
                    ? "bg-blue-50 font-semibold text-blue-900 dark:bg-blue-950 dark:text-blue-100"
                    : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                }`}
              >
                <span translate="no">{s.name}</span>
              </Link>
              <IconButton
                aria-label={t("removeSavedSearch", { name: s.name })}
                title={t("remove")}
                className="text-xs"
                onClick={() => remove.mutate(s.id, { onError: (e) => toast.error(t("removeFailed", { message: e.message })) })}
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
