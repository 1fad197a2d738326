"use client";

import { useEffect, useState } from "react";
import { useCan } from "@/components/auth/current-user";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import { useDrafts, useSends } from "@/lib/queries/compose";
import type { DraftContent, DraftDto } from "@/lib/schemas/compose";
import type { JobDto } from "@/lib/schemas/jobs";
import { ComposeDialog } from "./compose-dialog";
import { blankContent, ComposeForm } from "./compose-form";
import { SendProgress } from "./send-progress";

type View = { kind: "compose" } | { kind: "progress"; jobId: string };
type Current = { draftId: string | null; content: DraftContent; fromJobId?: string; key: string };

const DISMISSED_KEY = "toloka-messages.compose.dismissed-sends";

function readDismissed(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function draftLabel(d: DraftDto): string {
  const topic = d.content.languages.find((l) => l.topic.trim())?.topic.trim();
  return `${topic || "(no subject)"} · ${new Date(d.updatedAt).toLocaleString()}`;
}

/**
 * "New message" (or, with `toloker`, "Write to this Toloker"): a button that opens the compose dialog, and for
 * the member's latest send a button showing its progress, kept across reloads. Renders nothing for a member whose
 * role may not send (a viewer), as the team's other write controls do.
 */
export function ComposeLauncher({ toloker }: { toloker?: string }) {
  if (!useCan("sender")) return null;
  return <Launcher toloker={toloker} />;
}

function Launcher({ toloker }: { toloker?: string }) {
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<View>({ kind: "compose" });
  const [current, setCurrent] = useState<Current | null>(null);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const drafts = useDrafts(open && view.kind === "compose");
  const sends = useSends(!toloker);

  useEffect(() => setDismissed(readDismissed()), []);

  // Opening compose picks up the latest draft (a new message to one Toloker starts fresh).
  useEffect(() => {
    if (!open || view.kind !== "compose" || current || !drafts.isSuccess || drafts.isFetching) return;
    const latest = toloker ? undefined : drafts.data[0];
    setCurrent(
      latest
        ? { draftId: latest.id, content: latest.content, fromJobId: latest.fromJobId, key: latest.id }
        : { draftId: null, content: blankContent(toloker), key: `new-${Date.now()}` },
    );
  }, [open, view, current, drafts.isSuccess, drafts.isFetching, drafts.data, toloker]);

  const openCompose = () => {
    setView({ kind: "compose" });
    setCurrent(null);
    setOpen(true);
  };
  const openProgress = (jobId: string) => {
    setView({ kind: "progress", jobId });
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    setCurrent(null);
  };
  const dismiss = (jobId: string) => {
    const next = [...new Set([...dismissed, jobId])].slice(-50);
    setDismissed(next);
    localStorage.setItem(DISMISSED_KEY, JSON.stringify(next));
  };

  const latestSend = sends.data?.[0];
  const running = latestSend && (latestSend.status === "queued" || latestSend.status === "running");
  const showSend = latestSend && (running || (latestSend.failed > 0 && !dismissed.includes(latestSend.id)));

  const otherDrafts = (drafts.data ?? []).filter((d) => d.id !== current?.draftId);

  return (
    <div className="flex items-center gap-2">
      <Button variant="primary" size="sm" onClick={openCompose}>
        {toloker ? "Write to this Toloker" : "New message"}
      </Button>
      {showSend && latestSend && <SendChip job={latestSend} onOpen={() => openProgress(latestSend.id)} />}

      <ComposeDialog open={open} title={view.kind === "progress" ? "Send progress" : toloker ? "Write to this Toloker" : "New message"} onClose={close}>
        {view.kind === "progress" ? (
          <div className="space-y-4">
            <SendProgress jobId={view.jobId} />
            <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
              <Button variant="secondary" size="sm" onClick={openCompose}>
                Write another message
              </Button>
              <Button
                variant="primary"
                size="sm"
                onClick={() => {
                  dismiss(view.jobId);
                  close();
                }}
                className="ml-auto"
              >
                Done
              </Button>
            </div>
          </div>
        ) : !current ? (
          <p className="text-sm text-zinc-600">{drafts.isError ? `Could not load your drafts: ${drafts.error.message}` : "Loading your draft…"}</p>
        ) : (
          <ComposeForm
            key={current.key}
            initial={current}
            onSent={(job: JobDto) => setView({ kind: "progress", jobId: job.id })}
            onDiscarded={() => {
              void drafts.refetch();
              setCurrent({ draftId: null, content: blankContent(toloker), key: `new-${Date.now()}` });
            }}
            onCancel={close}
            headerExtra={
              otherDrafts.length > 0 || current.draftId ? (
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  {otherDrafts.length > 0 && (
                    <select
                      aria-label="Open another draft"
                      value=""
                      onChange={(e) => {
                        const d = otherDrafts.find((x) => x.id === e.target.value);
                        if (d) setCurrent({ draftId: d.id, content: d.content, fromJobId: d.fromJobId, key: d.id });
                      }}
                      className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
                    >
                      <option value="">Other drafts ({otherDrafts.length})…</option>
                      {otherDrafts.map((d) => (
                        <option key={d.id} value={d.id}>
                          {draftLabel(d)}
                        </option>
                      ))}
                    </select>
                  )}
                  {current.draftId && (
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() => setCurrent({ draftId: null, content: blankContent(toloker), key: `new-${Date.now()}` })}
                    >
                      Start a new message
                    </Button>
                  )}
                </div>
              ) : null
            }
          />
        )}
      </ComposeDialog>
    </div>
  );
}

function SendChip({ job, onOpen }: { job: JobDto; onOpen: () => void }) {
  const running = job.status === "queued" || job.status === "running";
  const of = `of ${job.total} ${job.total === 1 ? "batch" : "batches"}`;
  // A batch whose outcome Toloka could not prove is no failure: it waits for the sender's word.
  const doubtful = job.send?.batches.filter((b) => b.status === "unconfirmed").length ?? 0;
  const text = running
    ? `Sending: ${job.done + job.failed} ${of}`
    : doubtful > 0
      ? `Unconfirmed: ${doubtful} ${of}, say whether ${doubtful === 1 ? "it" : "they"} arrived`
      : `Send failed for ${job.failed} ${of}`;
  return (
    <Chip tone={running ? "info" : "danger"} onClick={onOpen} data-testid="send-chip">
      {text}
    </Chip>
  );
}
