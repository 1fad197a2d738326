"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useCan } from "@/components/auth/current-user";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useErrorWords } from "@/components/ui/use-error-words";
import { useRefresh, useSyncStatus } from "@/lib/queries/threads";
import { exactTime, relativeTime } from "./format";

/** When the mirror last matched Toloka, a Refresh button, and what went wrong if the sync fails. */
export function SyncStatus() {
  const t = useTranslations("inbox.sync");
  const locale = useLocale();
  const status = useSyncStatus();
  const refresh = useRefresh();
  // A full resync is a sender's to ask for; a viewer's Refresh fetches what is new, so it never meets a 403.
  const mode = useCan("sender") ? "full" : "incremental";
  const isAdmin = useCan("admin");
  const toast = useToast();
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 15_000);
    return () => clearInterval(t);
  }, []);
  const errorWords = useErrorWords();
  const s = status.data;
  const lastSyncAt = s?.lastSyncAt;
  return (
    <div className="space-y-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="sync-status">
      {s?.lastError && (
        <p role="status" className="rounded bg-red-50 p-2 text-red-800 dark:bg-red-950 dark:text-red-200">
          {t("failed", { error: errorWords(s.lastError, s.lastErrorCode) })}
        </p>
      )}
      {s && s.unreadable > 0 && (
        <p role="status" data-testid="sync-unreadable" className="rounded bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {t("unreadable", { count: s.unreadable })}{" "}
          {isAdmin ? (
            <a className="underline" href="/settings/connection#unreadable">
              {t("seeThem", { count: s.unreadable })}
            </a>
          ) : (
            t("adminCanSee")
          )}
        </p>
      )}
      <div className="flex items-center gap-2">
        <span>
          {s?.running
            ? t("syncing")
            : lastSyncAt
              ? t.rich("synced", {
                  when: relativeTime(lastSyncAt, locale),
                  time: (chunks) => (
                    <time dateTime={lastSyncAt} title={exactTime(lastSyncAt, locale)}>
                      {chunks}
                    </time>
                  ),
                })
              : t("never")}
        </span>
        <Button
          size="sm"
          variant="ghost"
          className="ml-auto"
          disabled={refresh.isPending}
          onClick={() => refresh.mutate(mode, { onError: (e) => toast.error(t("refreshFailed", { message: e.message })) })}
        >
          {refresh.isPending ? t("refreshing") : t("refresh")}
        </Button>
      </div>
    </div>
  );
}
