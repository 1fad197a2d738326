"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { relativeTime, shortId } from "@/components/inbox/format";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useAppeals } from "@/lib/queries/tolokers";
import { APPEAL_DAYS, type AppealDto } from "@/lib/schemas/tolokers";
import { daysLeftText, daysLeftTone } from "./appeal-card";
import { dateFormat } from "./words";

/** Open appeals, the closest deadline first: each opens its thread, where it is answered. */
export function AppealsList() {
  const { query: appeals, check } = useAppeals();
  const items = appeals.data?.items ?? [];
  const t = useTranslations("toloker.appeals");
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="min-w-0 flex-1 text-xl font-semibold">{t("title")}</h1>
        <Button size="sm" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? t("checking") : t("checkAgain")}
        </Button>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("intro", { days: APPEAL_DAYS })}</p>
      {check.isError && <p className="text-sm text-red-700 dark:text-red-400">{t("checkError", { error: check.error.message })}</p>}
      {appeals.data && appeals.data.pending > 0 && (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="appeals-pending">
          {t("pending", { count: appeals.data.pending })}
        </p>
      )}
      {appeals.isPending ? (
        <div className="space-y-2" role="status" aria-busy="true" aria-label={t("loading")}>
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      ) : appeals.isError ? (
        <p className="text-sm text-red-700 dark:text-red-400">{t("loadError", { error: appeals.error.message })}</p>
      ) : items.length === 0 ? (
        <p
          className="rounded-md border border-zinc-200 p-6 text-center text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
          data-testid="appeals-empty"
        >
          {t("empty")}
        </p>
      ) : (
        <div className="space-y-6" data-testid="appeals">
          {groups(items).map((g) =>
            g.items.length === 0 ? null : (
              <section key={g.key} aria-label={t(g.key, { days: APPEAL_DAYS })}>
                <h2 className="mb-2 text-sm font-semibold">
                  {t(g.key, { days: APPEAL_DAYS })} <span className="font-normal text-zinc-600 dark:text-zinc-400">({g.items.length})</span>
                </h2>
                <AppealRows items={g.items} />
              </section>
            ),
          )}
        </div>
      )}
    </>
  );
}

/** Those still within Toloka's 9 days first, the closest deadline first; then those past it, the latest first. */
function groups(items: AppealDto[]) {
  const late = items.filter((a) => (a.daysLeft ?? 0) < 0).reverse();
  const due = items.filter((a) => (a.daysLeft ?? 0) >= 0);
  return [
    { key: "within" as const, items: due },
    { key: "past" as const, items: late },
  ];
}

function AppealRows({ items }: { items: AppealDto[] }) {
  const t = useTranslations("toloker.appeals");
  const appealWords = useTranslations("toloker.appeal");
  const locale = useLocale();
  const day = dateFormat(locale, false);
  return (
    <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
      {items.map((a) => (
        <li key={a.threadId} data-testid="appeal-row" data-thread={a.threadId}>
          <Link
            href={`/messages/users?thread=${a.threadId}`}
            className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3 hover:bg-zinc-50 dark:hover:bg-zinc-900"
          >
            <span className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${daysLeftTone(a)}`}>{daysLeftText(a, appealWords)}</span>
            {a.topic ? (
              <span className={`min-w-0 flex-1 basis-48 break-words text-sm ${a.unread ? "font-semibold" : ""}`} translate="no">
                {a.topic}
              </span>
            ) : (
              <span className={`min-w-0 flex-1 basis-48 break-words text-sm ${a.unread ? "font-semibold" : ""}`}>{t("noTopic")}</span>
            )}
            <span className="flex min-w-0 flex-wrap gap-x-3 text-xs text-zinc-600 dark:text-zinc-400">
              {a.tolokerId && (
                <span className="font-mono">{t.rich("toloker", { id: shortId(a.tolokerId), mono: (chunks) => <span translate="no">{chunks}</span> })}</span>
              )}
              {a.poolId && <span>{t("pool", { pool: a.poolId })}</span>}
              {a.rejected && <span>{t("rejected", { date: day.format(new Date(a.rejected)) })}</span>}
              <time dateTime={a.lastActivity}>{relativeTime(a.lastActivity, locale)}</time>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
