"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { queryKeys } from "@/lib/queries/keys";
import { useJob } from "@/lib/queries/jobs";
import { useStartMarkAllRead } from "@/lib/queries/threads";
import type { Tab } from "@/lib/schemas/plain";

const JOB_KEY = "toloka-messages:mark-all-read-job";

/**
 * "Mark all as read" for the tab: a confirmation that says how many, then the server's job. The job id is
 * kept in this browser, so its progress comes back after a reload or on another tab of the inbox.
 */
export function MarkAllRead({ tab, unread }: { tab: Tab; unread: number }) {
  const t = useTranslations("inbox.markAllRead");
  const folder = useTranslations("inbox.folders")(tab);
  const toast = useToast();
  const qc = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartMarkAllRead();
  const job = useJob(jobId);

  useEffect(() => setJobId(localStorage.getItem(JOB_KEY)), []);
  useEffect(() => {
    const j = job.data;
    if (!j || (j.status !== "done" && j.status !== "failed")) return;
    localStorage.removeItem(JOB_KEY);
    setJobId(null);
    void qc.invalidateQueries({ queryKey: queryKeys.threads });
    if (j.failed > 0) toast.error(t("failed", { failed: j.failed, total: j.total, reason: j.failures[0]?.error ?? t("unknownReason") }));
    else toast.info(t("done", { count: j.done }));
  }, [job.data, qc, toast, t]);
  useEffect(() => {
    // A job this server no longer knows (its store was reset) is nothing to follow.
    if (job.isError) {
      localStorage.removeItem(JOB_KEY);
      setJobId(null);
    }
  }, [job.isError]);

  const running = jobId !== null;
  const j = job.data;
  const pct = j?.total ? Math.round(((j.done + j.failed) / j.total) * 100) : 0;
  return (
    <>
      {running ? (
        <div className="flex min-w-0 items-center gap-2 text-xs" data-testid="mark-all-progress">
          <progress className="h-2 w-24" max={j?.total || 1} value={j ? j.done + j.failed : 0} aria-label={t("progressLabel")} />
          <span className="truncate text-zinc-700 dark:text-zinc-300">
            {j ? t("progress", { done: j.done + j.failed, total: j.total, pct }) : t("starting")}
          </span>
        </div>
      ) : (
        <Button size="sm" variant="ghost" disabled={unread === 0} onClick={() => setConfirm(true)}>
          {t("button")}
        </Button>
      )}
      <Dialog open={confirm} onClose={() => setConfirm(false)} title={t("confirmTitle", { folder })}>
        <p className="text-sm">{t.rich("confirmBody", { count: unread, folder, n: (chunks) => <strong data-testid="mark-all-count">{chunks}</strong> })}</p>
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setConfirm(false)}>{t("cancel")}</Button>
          <Button
            variant="primary"
            disabled={start.isPending}
            onClick={() =>
              start.mutate(tab, {
                onSuccess: (created) => {
                  setConfirm(false);
                  if (created.status === "done") {
                    void qc.invalidateQueries({ queryKey: queryKeys.threads });
                    return;
                  }
                  localStorage.setItem(JOB_KEY, created.id);
                  setJobId(created.id);
                },
                onError: (e) => {
                  setConfirm(false);
                  toast.error(t("startFailed", { message: e.message }));
                },
              })
            }
          >
            {t("confirm", { count: unread })}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
