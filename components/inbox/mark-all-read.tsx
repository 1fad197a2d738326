"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { queryKeys } from "@/lib/queries/keys";
import { useJob } from "@/lib/queries/jobs";
import { useStartMarkAllRead } from "@/lib/queries/threads";
import { TAB_LABELS, type Tab } from "@/lib/schemas/plain";

const JOB_KEY = "toloka-messages:mark-all-read-job";

/**
 * "Mark all as read" for the tab: a confirmation that says how many, then the server's job. The job id is
 * kept in this browser, so its progress comes back after a reload or on another tab of the inbox.
 */
export function MarkAllRead({ tab, unread }: { tab: Tab; unread: number }) {
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
    if (j.failed > 0) toast.error(`Mark all as read: ${j.failed} of ${j.total} threads could not be marked (${j.failures[0]?.error ?? "unknown reason"}).`);
    else toast.info(`Marked ${j.done.toLocaleString("en")} threads as read`);
  }, [job.data, qc, toast]);
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
          <progress className="h-2 w-24" max={j?.total || 1} value={j ? j.done + j.failed : 0} aria-label="Marking all as read" />
          <span className="truncate text-zinc-700 dark:text-zinc-300">
            {j ? `${(j.done + j.failed).toLocaleString("en")} of ${j.total.toLocaleString("en")} read (${pct}%)` : "Starting…"}
          </span>
        </div>
      ) : (
        <Button size="sm" variant="ghost" disabled={unread === 0} onClick={() => setConfirm(true)}>
          Mark all as read
        </Button>
      )}
      <Dialog open={confirm} onClose={() => setConfirm(false)} title={`Mark all as read in ${TAB_LABELS[tab]}?`}>
        <p className="text-sm">
          This marks <strong data-testid="mark-all-count">{unread.toLocaleString("en")}</strong> unread thread{unread === 1 ? "" : "s"} in {TAB_LABELS[tab]} as
          read, in Toloka too, for the whole team. It keeps going if you leave this page.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setConfirm(false)}>Cancel</Button>
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
                  toast.error(`Could not mark all as read: ${e.message}`);
                },
              })
            }
          >
            Mark {unread.toLocaleString("en")} as read
          </Button>
        </div>
      </Dialog>
    </>
  );
}
