"use client";

import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { useCurrentUser } from "@/components/auth/current-user";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DisclosureMenu } from "@/components/ui/disclosure-menu";
import { useToast } from "@/components/ui/toast";
import { useMembers, useUpdateWorkflow } from "@/lib/queries/workflow";
import type { Workflow, WorkflowPatch } from "@/lib/schemas/workflow";
import { dateFormat } from "./team-timeline";

/** The snooze menu's panel, to the right under its button. */
const SNOOZE_PANEL = "right-0 w-56 p-1";

type SnoozeChoice = "snoozeFor1Hour" | "snoozeFor4Hours" | "snoozeTomorrow" | "snoozeMonday";

/** The snooze choices (by their words' key): later today, tomorrow and next Monday at 9:00 in the member's time zone. */
function snoozeChoices(now = new Date()): { label: SnoozeChoice; until: Date }[] {
  const at9 = (d: Date) => {
    const x = new Date(d);
    x.setHours(9, 0, 0, 0);
    return x;
  };
  const tomorrow = at9(new Date(now.getTime() + 86_400_000));
  const monday = at9(new Date(now.getTime() + ((8 - now.getDay()) % 7 || 7) * 86_400_000));
  return [
    { label: "snoozeFor1Hour", until: new Date(now.getTime() + 3_600_000) },
    { label: "snoozeFor4Hours", until: new Date(now.getTime() + 4 * 3_600_000) },
    { label: "snoozeTomorrow", until: tomorrow },
    { label: "snoozeMonday", until: monday },
  ];
}

/** `datetime-local`'s value for a date, in local time. */
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A teammate's name in a sentence of ours: theirs, not ours to translate. */
const name = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

/**
 * The thread's owner and status, for the team: assign (or take it with `a`), done (`d`) or reopen, snooze until
 * a time. A viewer sees them and changes nothing.
 */
export function WorkflowBar({ threadId, workflow, canWrite }: { threadId: string; workflow: Workflow; canWrite: boolean }) {
  const me = useCurrentUser();
  const members = useMembers();
  const update = useUpdateWorkflow(threadId);
  const toast = useToast();
  const t = useTranslations("thread.workflow");
  const locale = useLocale();
  const [custom, setCustom] = useState(false);
  const [customAt, setCustomAt] = useState(() => localInput(new Date(Date.now() + 86_400_000)));
  const [customError, setCustomError] = useState(false);
  const until = (d: Date) => dateFormat(locale, "until").format(d);

  const change = (patch: WorkflowPatch, done: string) =>
    update.mutate(patch, {
      onSuccess: () => toast.info(done),
      onError: (e) => toast.error(t("changeError", { message: e.message })),
    });

  const statusLine = (w: Workflow): string => {
    if (w.status === "done") return t("status.done");
    if (w.status === "snoozed" && w.snoozeUntil) return t("status.snoozed", { until: until(new Date(w.snoozeUntil)) });
    return t("status.open");
  };

  const owners = (members.data?.items ?? []).filter((m) => m.role !== "viewer");
  const owned = !!workflow.owner && (workflow.owner.id === me.id || !!workflow.owner.name);

  return (
    <div className="mt-2 flex flex-wrap items-center gap-1.5 text-sm" role="group" aria-label={t("group")} data-testid="workflow-bar">
      {canWrite ? (
        <label className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
          {t("owner")}
          <select
            value={workflow.owner?.id ?? ""}
            disabled={update.isPending}
            onChange={(e) => {
              const id = e.target.value || null;
              const picked = owners.find((o) => o.id === id)?.name;
              change({ ownerId: id }, id ? (id === me.id ? t("assignedToYou") : t("assignedTo", { name: String(picked) })) : t("unassigned"));
            }}
            className="max-w-[12rem] rounded border border-zinc-300 bg-white px-1 py-0.5 text-xs text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
            data-testid="owner-select"
          >
            <option value="">{t("nobody")}</option>
            {workflow.owner && !owners.some((o) => o.id === workflow.owner?.id) && (
              <option value={workflow.owner.id} translate="no">
                {workflow.owner.name}
              </option>
            )}
            {owners.map((o) => (
              <option key={o.id} value={o.id} translate="no">
                {o.id === me.id ? t("memberYou", { name: o.name }) : o.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="owner-label">
          {owned ? t.rich("ownerIs", { author: workflow.owner?.name ?? "", name }) : t("nobodyOwns")}
        </span>
      )}
      {canWrite && workflow.owner?.id !== me.id && (
        <Button size="xs" variant="secondary" title={t("takeTitle")} onClick={() => change({ ownerId: me.id }, t("assignedToYou"))} data-testid="take-thread">
          {t("take")}
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
          <Button size="xs" variant="secondary" title={t("doneTitle")} onClick={() => change({ status: "done" }, t("markedDone"))} data-testid="mark-done">
            {t("done")}
          </Button>
        ) : (
          <Button size="xs" variant="secondary" title={t("reopenTitle")} onClick={() => change({ status: "open" }, t("reopened"))} data-testid="reopen">
            {t("reopen")}
          </Button>
        ))}
      {canWrite && (
        <DisclosureMenu label={t("snooze")} className="text-xs" panelClassName={SNOOZE_PANEL}>
          <ul className="space-y-0.5">
            {snoozeChoices().map((c) => (
              <li key={c.label}>
                <button
                  type="button"
                  className="w-full rounded px-2 py-1 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  onClick={() => change({ status: "snoozed", snoozeUntil: c.until.toISOString() }, t("snoozedUntil", { until: until(c.until) }))}
                >
                  {t(c.label)}
                </button>
              </li>
            ))}
            <li>
              <button
                type="button"
                className="w-full rounded px-2 py-1 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
                onClick={() => setCustom(true)}
              >
                {t("pickTime")}
              </button>
            </li>
          </ul>
        </DisclosureMenu>
      )}
      <Dialog open={custom} onClose={() => setCustom(false)} title={t("snoozeDialog")}>
        <form
          className="space-y-3 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            const at = new Date(customAt);
            if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) {
              setCustomError(true);
              return;
            }
            setCustomError(false);
            setCustom(false);
            change({ status: "snoozed", snoozeUntil: at.toISOString() }, t("snoozedUntil", { until: until(at) }));
          }}
        >
          <label className="block text-sm">
            {t("comesBack")}
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
              {t("futureError")}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setCustom(false)}>{t("cancel")}</Button>
            <Button type="submit" variant="primary">
              {t("snoozeSubmit")}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
