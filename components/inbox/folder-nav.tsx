"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TAB_LABELS, TABS, type Tab, type UnreadCounts } from "@/lib/schemas/threads";

/** The folder tabs with their unread counts; a search is kept when switching tabs. */
export function FolderNav({ tab, counts, query }: { tab: Tab; counts?: UnreadCounts; query: string }) {
  return (
    <nav aria-label="Folders">
      <ul className="space-y-0.5">
        {TABS.map((t) => {
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
      </ul>
    </nav>
  );
}
