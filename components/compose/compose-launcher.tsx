"use client";

import { useEffect, useState } from "react";
import { useCan } from "@/components/auth/current-user";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import { deleteDraft, useDrafts, useSends } from "@/lib/queries/compose";
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

function draftTopic(d: DraftDto): string {
  return d.content.languages.find((l) => l.topic.trim())?.topic.trim() || "(no subject)";
}

/** Who a draft is for, in short: "3 Tolokers", "a filter", "all Tolokers". */
function draftRecipients(d: DraftDto): string {
  const r = d.content.recipients;
  if (r.mode === "all") return "all Tolokers";
  if (r.mode === "filter") return "Tolokers by filter";
  const n = r.idsText.split(/[\s,;]+/).filter(Boolean).length;
  return n === 0 ? "no recipients yet" : `${n.toLocaleString("en-US")} ${n === 1 ? "Toloker" : "Tolokers"}`;
}

/**
 * The member's drafts, to reopen or discard: those they left, and those a failed send left (marked), newest first.
 * Collapsed to its heading until opened, so a blank "New message" stays a blank form.
 */
function DraftsList({
  drafts,
  loading,
  error,
  onOpen,
  onDiscard,
  onNew,
}: {
  drafts: DraftDto[];
  loading: boolean;
  error: string | null;
  onOpen: (d: DraftDto) => void;
  onDiscard: (d: DraftDto) => Promise<void>;
  onNew?: () => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <details data-testid="drafts" className="min-w-0 flex-1">
          <summary className="cursor-pointer font-medium">{loading ? "Drafts…" : `Drafts (${drafts.length})`}</summary>
          {drafts.length === 0 && !loading ? (
            <p className="mt-2 text-zinc-600 dark:text-zinc-400">No other drafts. What you write here is saved as a draft as you type.</p>
          ) : (
            <ul aria-label="Drafts" className="mt-2 divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
              {drafts.map((d) => (
                <li key={d.id} data-testid="draft-item" data-draft={d.id} className="flex flex-wrap items-center gap-2 px-2 py-1.5">
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{draftTopic(d)}</span>
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                      To {draftRecipients(d)} · saved {new Date(d.updatedAt).toLocaleString()}
                    </span>
                  </span>
                  {d.fromJobId && (
                    <span
                      data-testid="draft-failed-mark"
                      className="rounded-md border border-red-300 bg-red-50 px-2 py-0.5 text-xs text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
                    >
                      From a failed send
                    </span>
                  )}
                  <Button variant="secondary" size="sm" aria-label={`Open draft “${draftTopic(d)}”`} onClick={() => onOpen(d)}>
                    Open
                  </Button>
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={`Discard draft “${draftTopic(d)}”`}
                    disabled={busy === d.id}
                    onClick={() => {
                      setBusy(d.id);
                      void onDiscard(d).finally(() => setBusy(null));
                    }}
                  >
                    Discard
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </details>
        {onNew && (
          <Button variant="secondary" size="sm" onClick={onNew}>
            Start a new message
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
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
  const [discardError, setDiscardError] = useState<string | null>(null);
  const blank = (): Current => ({ draftId: null, content: blankContent(toloker), key: `new-${Date.now()}` });
  const drafts = useDrafts(open && view.kind === "compose");
  const sends = useSends(!toloker);

  useEffect(() => setDismissed(readDismissed()), []);

  // "New message" opens a blank form; earlier drafts are in the Drafts list above it.
  const openCompose = () => {
    setView({ kind: "compose" });
    setCurrent(blank());
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
      {/* The member's latest send has its chip in the page's header only ("Write to this Toloker" would say it twice). */}
      {!toloker && showSend && latestSend && <SendChip job={latestSend} onOpen={() => openProgress(latestSend.id)} />}

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
        ) : !current ? null : (
          <ComposeForm
            key={current.key}
            initial={current}
            onSent={(job: JobDto) => setView({ kind: "progress", jobId: job.id })}
            onDiscarded={() => {
              void drafts.refetch();
              setCurrent(blank());
            }}
            onCancel={close}
            headerExtra={
              <DraftsList
                drafts={otherDrafts}
                loading={drafts.isPending}
                error={drafts.isError ? drafts.error.message : discardError}
                onOpen={(d) => setCurrent({ draftId: d.id, content: d.content, fromJobId: d.fromJobId, key: d.id })}
                onDiscard={async (d) => {
                  setDiscardError(null);
                  try {
                    await deleteDraft(d.id);
                  } catch (e) {
                    setDiscardError(`Could not discard the draft: ${e instanceof Error ? e.message : String(e)}`);
                  }
                  void drafts.refetch();
                }}
                onNew={current.draftId ? () => setCurrent(blank()) : undefined}
              />
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
