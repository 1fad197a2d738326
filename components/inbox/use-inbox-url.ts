"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { ListParams } from "@/lib/queries/keys";
import type { Tab } from "@/lib/schemas/threads";

type Scope = ListParams["scope"];

/** A change of the view: a field left undefined stays, null or "" removes it. */
export interface UrlChange {
  q?: string;
  scope?: Scope;
  thread?: string | null;
}

/**
 * The address of the view after a change: `/messages/<tab>?q=&scope=&thread=`. The default scope ("tab") is left
 * out, and so is any scope without a query.
 */
export function inboxHref(tab: Tab, current: URLSearchParams, change: UrlChange): string {
  const sp = new URLSearchParams(current.toString());
  for (const [k, v] of Object.entries(change)) {
    if (v === undefined) continue;
    if (v === null || v === "" || (k === "scope" && v === "tab")) sp.delete(k);
    else sp.set(k, v);
  }
  if (!sp.get("q")) sp.delete("scope");
  const qs = sp.toString();
  return `/messages/${tab}${qs ? `?${qs}` : ""}`;
}

/** The search a link to another tab keeps (`?q=…&scope=all`), or "" without one. */
export function searchSuffix(q: string, scope: Scope): string {
  return q ? `?q=${encodeURIComponent(q)}${scope === "all" ? "&scope=all" : ""}` : "";
}

/**
 * The inbox's view as it lives in the URL, so back, forward, reload and a shared link show the same thing:
 * the search (`q`, `scope`), the open thread, and `setUrl` to change them (a new history entry by default,
 * `"replace"` for typing in the search box).
 */
export function useInboxUrl(tab: Tab) {
  const router = useRouter();
  const search = useSearchParams();
  const q = search.get("q") ?? "";
  const scope: Scope = search.get("scope") === "all" ? "all" : "tab";
  const threadId = search.get("thread");
  const params: ListParams = useMemo(() => ({ tab, q, scope }), [tab, q, scope]);

  const setUrl = useCallback(
    (change: UrlChange, mode: "push" | "replace" = "push") => router[mode](inboxHref(tab, search, change), { scroll: false }),
    [router, search, tab],
  );
  const query = searchSuffix(q, scope);
  /** Another tab, keeping the search. */
  const showTab = useCallback((next: string) => router.push(`/messages/${next}${query}`), [router, query]);

  return { q, scope, threadId, params, setUrl, query, showTab };
}
