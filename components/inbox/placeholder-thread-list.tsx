"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fetchJson } from "@/lib/queries/fetch-json";
import { TAB_LABELS, TABS, type Tab, type ThreadListResponse, type OtherParty } from "@/lib/schemas/threads";

function partyLabel(p: OtherParty): string {
  switch (p.kind) {
    case "toloker":
      return `Toloker ${p.id.slice(0, 8)}`;
    case "administrator":
      return "Administrator";
    case "system":
      return "Toloka";
    case "recipients":
      return p.selectType === "ALL" ? "All Tolokers" : p.selectType === "FILTER" ? "Tolokers by filter" : `${p.count ?? "?"} Tolokers`;
  }
}

/** The foundation's proof of the path browser → route → client → emulator; the real inbox replaces it. */
export function PlaceholderThreadList({ tab }: { tab: Tab }) {
  const query = useQuery({
    queryKey: ["threads", "placeholder", tab],
    queryFn: () => fetchJson<ThreadListResponse>(`/api/threads?tab=${tab}&limit=100`),
  });
  return (
    <div>
      <nav aria-label="Folders" className="mb-3 flex flex-wrap gap-2 text-sm">
        {TABS.map((t) => (
          <Link
            key={t}
            href={`/messages/${t}`}
            aria-current={t === tab ? "page" : undefined}
            className={`rounded-md px-2 py-1 ${t === tab ? "bg-blue-700 text-white" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
          >
            {TAB_LABELS[t]}
          </Link>
        ))}
      </nav>
      {query.isPending && <p className="text-sm text-zinc-500">Loading threads…</p>}
      {query.isError && (
        <div data-testid="threads-error" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950/40 dark:text-red-200">
          Could not load threads: {query.error.message}{" "}
          <button type="button" className="underline" onClick={() => query.refetch()}>
            Retry
          </button>
        </div>
      )}
      {query.data && query.data.items.length === 0 && <p className="text-sm text-zinc-500">No threads here.</p>}
      {query.data && query.data.items.length > 0 && (
        <ul aria-label="Threads" className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {query.data.items.map((t) => (
            <li key={t.id} className="px-3 py-2" data-testid="thread-row">
              <div className="flex items-baseline gap-2">
                <span className={`truncate ${t.unread ? "font-semibold" : ""}`}>{t.topic || "(no topic)"}</span>
                <span className="ml-auto shrink-0 text-xs text-zinc-500" title={t.lastActivity}>
                  {new Date(t.lastActivity).toLocaleString()}
                </span>
              </div>
              <div className="truncate text-sm text-zinc-600 dark:text-zinc-400">
                <span className="font-medium">{partyLabel(t.otherParty)}</span> · {t.snippet}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
