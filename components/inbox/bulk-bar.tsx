"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { LazyGrantSkillDialog } from "@/components/toloker/lazy";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { isRunning, useJob } from "@/lib/queries/jobs";
import { useStartBulkFlags } from "@/lib/queries/threads";
import { useBulkWorkflow } from "@/lib/queries/workflow";
import { useCurrentUser } from "@/components/auth/current-user";
import type { FlagsBody } from "@/lib/schemas/threads";

/** The flag changes, each a job on the server; its words are under `inbox.bulk.*.<action>`. */
type FlagAction = "read" | "unread" | "important" | "notImportant";
const CHANGES: ReadonlyArray<{ action: FlagAction; change: FlagsBody }> = [
  { action: "read", change: { read: true } },
  { action: "unread", change: { read: false } },
  { action: "important", change: { important: true } },
  { action: "notImportant", change: { important: false } },
];

/**
 * What to do with the checked rows: read or unread, important or not, as one job on the server (its progress is
 * shown here; the lists and counts are read again when it ends). The selection is cleared once the job is made.
 */
export function BulkBar({ ids, onClear }: { ids: readonly string[]; onClear(): void }) {
  const t = useTranslations("inbox.bulk");
  const toast = useToast();
  const start = useStartBulkFlags();
  const team = useBulkWorkflow();
  const me = useCurrentUser();
  // Owner and status live in the app's store: one request, no job.
  const teamChange = (change: { ownerId?: string; status?: "done" }, action: "assign" | "done") =>
    team.mutate(
      { ids: [...ids], change },
      {
        onSuccess: (r) => {
          onClear();
          toast.info(r.changed === 0 ? t(`nothing.${action}`) : t(`changed.${action}`, { count: r.changed }));
        },
        onError: (e) => toast.error(t("changeFailed", { message: e.message })),
      },
    );
  const [running, setRunning] = useState<{ id: string; action: FlagAction } | null>(null);
  // The threads a skill is being given for: kept while its dialog is open, so clearing the selection does not close it.
  const [granting, setGranting] = useState<readonly string[] | null>(null);
  const job = useJob(running?.id ?? null);

  useEffect(() => {
    const j = job.data;
    if (!running || !j || isRunning(j)) return;
    setRunning(null);
    if (j.failed > 0) toast.error(t(`failed.${running.action}`, { failed: j.failed, total: j.total, reason: j.failures[0]?.error ?? t("unknownReason") }));
    else toast.info(j.total === 0 ? t(`nothing.${running.action}`) : t(`changed.${running.action}`, { count: j.done }));
  }, [job.data, running, toast, t]);

  const j = job.data;
  if (running) {
    return (
      <div
        role="status"
        className="flex items-center gap-2 border-b border-zinc-200 bg-blue-50 px-3 py-2 text-xs dark:border-zinc-800 dark:bg-blue-950/40"
        data-testid="bulk-progress"
      >
        <progress className="h-2 w-24" max={j?.total || 1} value={j ? j.done + j.failed : 0} aria-label={t("progressLabel")} />
        <span>{j ? t(`progress.${running.action}`, { done: j.done + j.failed, total: j.total }) : t("starting")}</span>
      </div>
    );
  }
  const grant = granting && <LazyGrantSkillDialog threadIds={granting} onClose={() => setGranting(null)} />;
  if (ids.length === 0) return grant || null;
  return (
    <div
      role="toolbar"
      aria-label={t("toolbar")}
      className="flex flex-wrap items-center gap-1 border-b border-zinc-200 bg-blue-50 px-3 py-2 dark:border-zinc-800 dark:bg-blue-950/40"
      data-testid="bulk-bar"
    >
      <span className="mr-1 text-sm font-medium" data-testid="bulk-count">
        {t("selected", { count: ids.length })}
      </span>
      {CHANGES.map(({ action, change }) => (
        <Button
          key={action}
          size="sm"
          disabled={start.isPending}
          onClick={() =>
            start.mutate(
              { ids: [...ids], change },
              {
                onSuccess: (created) => {
                  onClear();
                  setRunning({ id: created.id, action });
                },
                onError: (e) => toast.error(t("changeFailed", { message: e.message })),
              },
            )
          }
        >
          {t(`label.${action}`)}
        </Button>
      ))}
      <Button size="sm" disabled={team.isPending} onClick={() => teamChange({ ownerId: me.id }, "assign")}>
        {t("label.assign")}
      </Button>
      <Button size="sm" disabled={team.isPending} onClick={() => teamChange({ status: "done" }, "done")}>
        {t("label.done")}
      </Button>
      <Button size="sm" disabled={start.isPending} onClick={() => setGranting([...ids])} title={t("giveSkillTitle")}>
        {t("giveSkill")}
      </Button>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onClear}>
        {t("clear")}
      </Button>
      {grant}
    </div>
  );
}
