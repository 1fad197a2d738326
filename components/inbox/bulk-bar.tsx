"use client";

import { useEffect, useState } from "react";
import { LazyGrantSkillDialog } from "@/components/toloker/lazy";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { isRunning, useJob } from "@/lib/queries/jobs";
import { useStartBulkFlags } from "@/lib/queries/threads";
import { useBulkWorkflow } from "@/lib/queries/workflow";
import { useCurrentUser } from "@/components/auth/current-user";
import type { FlagsBody } from "@/lib/schemas/threads";

const CHANGES: ReadonlyArray<{ label: string; change: FlagsBody; done: string }> = [
  { label: "Mark read", change: { read: true }, done: "marked read" },
  { label: "Mark unread", change: { read: false }, done: "marked unread" },
  { label: "Important", change: { important: true }, done: "marked important" },
  { label: "Not important", change: { important: false }, done: "unmarked important" },
];

/**
 * What to do with the checked rows: read or unread, important or not, as one job on the server (its progress is
 * shown here; the lists and counts are read again when it ends). The selection is cleared once the job is made.
 */
export function BulkBar({ ids, onClear }: { ids: readonly string[]; onClear(): void }) {
  const toast = useToast();
  const start = useStartBulkFlags();
  const team = useBulkWorkflow();
  const me = useCurrentUser();
  // Owner and status live in the app's store: one request, no job.
  const teamChange = (change: { ownerId?: string; status?: "done" }, done: string) =>
    team.mutate(
      { ids: [...ids], change },
      {
        onSuccess: (r) => {
          onClear();
          toast.info(r.changed === 0 ? `Nothing to change: the selected threads were ${done} already.` : `${r.changed.toLocaleString("en")} threads ${done}`);
        },
        onError: (e) => toast.error(`Could not change the selected threads: ${e.message}`),
      },
    );
  const [running, setRunning] = useState<{ id: string; done: string } | null>(null);
  // The threads a skill is being given for: kept while its dialog is open, so clearing the selection does not close it.
  const [granting, setGranting] = useState<readonly string[] | null>(null);
  const job = useJob(running?.id ?? null);

  useEffect(() => {
    const j = job.data;
    if (!running || !j || isRunning(j)) return;
    setRunning(null);
    if (j.failed > 0) toast.error(`${j.failed} of ${j.total} threads could not be ${running.done}: ${j.failures[0]?.error ?? "unknown reason"}.`);
    else
      toast.info(
        j.total === 0 ? `Nothing to change: the selected threads were ${running.done} already.` : `${j.done.toLocaleString("en")} threads ${running.done}`,
      );
  }, [job.data, running, toast]);

  const j = job.data;
  if (running) {
    return (
      <div
        role="status"
        className="flex items-center gap-2 border-b border-zinc-200 bg-blue-50 px-3 py-2 text-xs dark:border-zinc-800 dark:bg-blue-950/40"
        data-testid="bulk-progress"
      >
        <progress className="h-2 w-24" max={j?.total || 1} value={j ? j.done + j.failed : 0} aria-label="Changing the selected threads" />
        <span>{j ? `${(j.done + j.failed).toLocaleString("en")} of ${j.total.toLocaleString("en")} ${running.done}` : "Starting…"}</span>
      </div>
    );
  }
  const grant = granting && <LazyGrantSkillDialog threadIds={granting} onClose={() => setGranting(null)} />;
  if (ids.length === 0) return grant || null;
  return (
    <div
      role="toolbar"
      aria-label="Selected threads"
      className="flex flex-wrap items-center gap-1 border-b border-zinc-200 bg-blue-50 px-3 py-2 dark:border-zinc-800 dark:bg-blue-950/40"
      data-testid="bulk-bar"
    >
      <span className="mr-1 text-sm font-medium" data-testid="bulk-count">
        {ids.length.toLocaleString("en")} selected
      </span>
      {CHANGES.map(({ label, change, done }) => (
        <Button
          key={label}
          size="sm"
          disabled={start.isPending}
          onClick={() =>
            start.mutate(
              { ids: [...ids], change },
              {
                onSuccess: (created) => {
                  onClear();
                  setRunning({ id: created.id, done });
                },
                onError: (e) => toast.error(`Could not change the selected threads: ${e.message}`),
              },
            )
          }
        >
          {label}
        </Button>
      ))}
      <Button size="sm" disabled={team.isPending} onClick={() => teamChange({ ownerId: me.id }, "assigned to you")}>
        Assign to me
      </Button>
      <Button size="sm" disabled={team.isPending} onClick={() => teamChange({ status: "done" }, "marked done")}>
        Done
      </Button>
      <Button size="sm" disabled={start.isPending} onClick={() => setGranting([...ids])} title="Give their Tolokers a skill, then write to those with it">
        Give a skill
      </Button>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onClear}>
        Clear selection
      </Button>
      {grant}
    </div>
  );
}
