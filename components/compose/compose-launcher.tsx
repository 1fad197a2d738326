"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useCan } from "@/components/auth/current-user";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import { useSends } from "@/lib/queries/compose";
import type { JobDto } from "@/lib/schemas/jobs";
import { ComposeDialog } from "./compose-dialog";
import type { ComposeView, CurrentDraft } from "./compose-panel";
import { LazyComposePanel, preloadComposePanel } from "./lazy";

const DISMISSED_KEY = "toloka-messages.compose.dismissed-sends";

function readDismissed(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/**
 * "New message" (or, with `toloker`, "Write to this Toloker"): a button that opens the compose dialog, and for
 * the member's latest send a button showing its progress, kept across reloads. Renders nothing for a member whose
 * role may not send (a viewer), as the team's other write controls do. The dialog's body is loaded on first use
 * (components/compose/lazy.tsx), fetched early when the pointer or focus reaches the button.
 */
export function ComposeLauncher({ toloker }: { toloker?: string }) {
  if (!useCan("sender")) return null;
  return <Launcher toloker={toloker} />;
}

function Launcher({ toloker }: { toloker?: string }) {
  const t = useTranslations("compose.launcher");
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<ComposeView>({ kind: "compose" });
  const [current, setCurrent] = useState<CurrentDraft | null>(null);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const blank = (): CurrentDraft => ({ draftId: null, content: null, key: `new-${Date.now()}` });
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

  return (
    // In the header the chip is what gives way when the width runs out: cut short, its whole text in its title
    // and still its name, the send's dialog a click away. The button never shrinks.
    <div className="flex min-w-0 items-center gap-2">
      <Button
        variant="primary"
        size="sm"
        className="shrink-0"
        onClick={openCompose}
        onPointerEnter={preloadComposePanel}
        onFocus={preloadComposePanel}
        aria-label={toloker ? undefined : t("newMessage")}
      >
        {toloker ? (
          t("writeToToloker")
        ) : (
          // A phone's header keeps room for a send's chip: the button says "New" there.
          <>
            <span className="sm:hidden">{t("new")}</span>
            <span className="max-sm:hidden">{t("newMessage")}</span>
          </>
        )}
      </Button>
      {/* The member's latest send has its chip in the page's header only ("Write to this Toloker" would say it twice). */}
      {!toloker && showSend && latestSend && <SendChip job={latestSend} onOpen={() => openProgress(latestSend.id)} />}

      <ComposeDialog open={open} title={view.kind === "progress" ? t("sendProgress") : toloker ? t("writeToToloker") : t("newMessage")} onClose={close}>
        <LazyComposePanel
          view={view}
          current={current}
          toloker={toloker}
          setCurrent={setCurrent}
          newBlank={() => setCurrent(blank())}
          onSent={(job: JobDto) => setView({ kind: "progress", jobId: job.id })}
          onOpenCompose={openCompose}
          onDone={(jobId) => {
            dismiss(jobId);
            close();
          }}
          onClose={close}
        />
      </ComposeDialog>
    </div>
  );
}

function SendChip({ job, onOpen }: { job: JobDto; onOpen: () => void }) {
  const t = useTranslations("compose.launcher");
  const running = job.status === "queued" || job.status === "running";
  const finished = job.done + job.failed;
  // A batch whose outcome Toloka could not prove is no failure: it waits for the sender's word.
  const doubtful = job.send?.batches.filter((b) => b.status === "unconfirmed").length ?? 0;
  const text = running
    ? t("chipSending", { finished, total: job.total })
    : doubtful > 0
      ? t("chipUnconfirmed", { count: doubtful, total: job.total })
      : t("chipFailed", { failed: job.failed, total: job.total });
  // A phone's header has room for a word or two: the whole sentence is the chip's name and title.
  const short = running ? t("shortSending", { finished, total: job.total }) : doubtful > 0 ? t("shortUnconfirmed") : t("shortFailed");
  return (
    <Chip
      tone={running ? "info" : "danger"}
      onClick={onOpen}
      onPointerEnter={preloadComposePanel}
      onFocus={preloadComposePanel}
      title={text}
      aria-label={text}
      className="min-w-10 shrink"
      data-testid="send-chip"
    >
      <span className="min-w-0 truncate sm:hidden">{short}</span>
      <span className="min-w-0 truncate max-sm:hidden">{text}</span>
    </Chip>
  );
}
