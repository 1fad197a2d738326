"use client";

import { useState } from "react";
import { useCurrentUser } from "@/components/auth/current-user";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DisclosureMenu } from "@/components/ui/disclosure-menu";
import { useToast } from "@/components/ui/toast";
import { useMembers, useUpdateWorkflow } from "@/lib/queries/workflow";
import type { Workflow, WorkflowPatch } from "@/lib/schemas/workflow";

const untilFormat = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** The snooze choices: later today, tomorrow and next Monday at 9:00 in the member's time zone. */
function snoozeChoices(now = new Date()): { label: string; until: Date }[] {
  const at9 = (d: Date) => {
    const x = new Date(d);
    x.setHours(9, 0, 0, 0);
    return x;
  };
  const tomorrow = at9(new Date(now.getTime() + 86_400_000));
  const monday = at9(new Date(now.getTime() + ((8 - now.getDay()) % 7 || 7) * 86_400_000));
  return [
    { label: "For 1 hour", until: new Date(now.getTime() + 3_600_000) },
    { label: "For 4 hours", until: new Date(now.getTime() + 4 * 3_600_000) },
    { label: "Until tomorrow, 9:00", until: tomorrow },
    { label: "Until Monday, 9:00", until: monday },
  ];
}

/** `datetime-local`'s value for a date, in local time. */
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function statusLine(w: Workflow): string {
  if (w.status === "done") return "Done";
  if (w.status === "snoozed" && w.snoozeUntil) return `Snoozed until ${untilFormat.format(new Date(w.snoozeUntil))}`;
  return "Open";
}

/**
 * The thread's owner and status, for the team: assign (or take it with `a`), done (`d`) or reopen, snooze until
 * a time. A viewer sees them and changes nothing.
 */
export function WorkflowBar({ threadId, workflow, canWrite }: { threadId: string; workflow: Workflow; canWrite: boolean }) {
  const me = useCurrentUser();
  const members = useMembers();
  const update = useUpdateWorkflow(threadId);
  const toast = useToast();
  const [custom, setCustom] = useState(false);
  const [customAt, setCustomAt] = useState(() => localInput(new Date(Date.now() + 86_400_000)));
  const [customError, setCustomError] = useState<string | null>(null);

  const change = (patch: WorkflowPatch, done: string) =>
    update.mutate(patch, {
      onSuccess: () => toast.info(done),
      onError: (e) => toast.error(`Could not change the thread: ${e.message}`),
    });

  const owners = (members.data?.items ?? []).filter((m) => m.role !== "viewer");
  const ownerName = workflow.owner ? (workflow.owner.id === me.id ? "you" : workflow.owner.name) : null;

  return (
    <div className="mt-2 flex flex-wrap items-center gap-1.5 text-sm" role="group" aria-label="Owner and status" data-testid="workflow-bar">
      {canWrite ? (
        <label className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
          Owner
          <select
            value={workflow.owner?.id ?? ""}
            disabled={update.isPending}
            onChange={(e) => {
              const id = e.target.value || null;
              const name = owners.find((o) => o.id === id)?.name;
              change({ ownerId: id }, id ? `Assigned to ${id === me.id ? "you" : name}` : "Unassigned");
            }}
            className="max-w-[12rem] rounded border border-zinc-300 bg-white px-1 py-0.5 text-xs text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
            data-testid="owner-select"
          >
            <option value="">Nobody</option>
            {workflow.owner && !owners.some((o) => o.id === workflow.owner?.id) && <option value={workflow.owner.id}>{workflow.owner.name}</option>}
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.id === me.id ? `${o.name} (you)` : o.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="owner-label">
          {ownerName ? `Owner: ${workflow.owner?.name}` : "Nobody owns this thread"}
        </span>
      )}
      {canWrite && workflow.owner?.id !== me.id && (
        <Button size="xs" variant="secondary" title="Assign to me (a)" onClick={() => change({ ownerId: me.id }, "Assigned to you")} data-testid="take-thread">
          Take it
        </Button>
      )}
      <span
        className={`rounded-full px-2 py-0.5 text-xs font-medium ${
          workflow.status === "done"
            ? "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200"
            : workflow.status === "snoozed"
              ? "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200"
              : "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"
        }`}
        data-testid="thread-status"
      >
        {statusLine(workflow)}
      </span>
      {canWrite &&
        (workflow.status === "open" ? (
          <Button size="xs" variant="secondary" title="Done (d)" onClick={() => change({ status: "done" }, "Marked done")} data-testid="mark-done">
            Done
          </Button>
        ) : (
          <Button size="xs" variant="secondary" title="Reopen (d)" onClick={() => change({ status: "open" }, "Reopened")} data-testid="reopen">
            Reopen
          </Button>
        ))}
      {canWrite && (
        <DisclosureMenu label="Snooze" className="text-xs" panelClassName="right-0 w-56 p-1">
          <ul className="space-y-0.5">
            {snoozeChoices().map((c) => (
              <li key={c.label}>
                <button
                  type="button"
                  className="w-full rounded px-2 py-1 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  onClick={() => change({ status: "snoozed", snoozeUntil: c.until.toISOString() }, `Snoozed until ${untilFormat.format(c.until)}`)}
                >
                  {c.label}
                </button>
              </li>
            ))}
            <li>
              <button
                type="button"
                className="w-full rounded px-2 py-1 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
                onClick={() => setCustom(true)}
              >
                Pick a date and time…
              </button>
            </li>
          </ul>
        </DisclosureMenu>
      )}
      <Dialog open={custom} onClose={() => setCustom(false)} title="Snooze until">
        <form
          className="space-y-3 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            const until = new Date(customAt);
            if (Number.isNaN(until.getTime()) || until.getTime() <= Date.now()) {
              setCustomError("Pick a time in the future.");
              return;
            }
            setCustomError(null);
            setCustom(false);
            change({ status: "snoozed", snoozeUntil: until.toISOString() }, `Snoozed until ${untilFormat.format(until)}`);
          }}
        >
          <label className="block text-sm">
            Comes back on
            <input
              type="datetime-local"
              value={customAt}
              onChange={(e) => setCustomAt(e.target.value)}
              aria-invalid={customError ? true : undefined}
              aria-describedby={customError ? "snooze-error" : undefined}
              className="mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            />
          </label>
          {customError && (
            <p id="snooze-error" className="text-sm text-red-700 dark:text-red-400">
              {customError}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setCustom(false)}>Cancel</Button>
            <Button type="submit" variant="primary">
              Snooze
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
