"use client";

// The compose dialog's body: the form, the drafts list, a send's progress (and through the form the filter
// builder). Loaded only when the dialog is first opened (components/compose/lazy.tsx): the inbox's first view
// shows none of it, and on a phone its script was most of the inbox's blocking time.
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { deleteDraft, useDrafts } from "@/lib/queries/compose";
import type { DraftContent, DraftDto } from "@/lib/schemas/compose";
import type { JobDto } from "@/lib/schemas/jobs";
import { blankContent, ComposeForm } from "./compose-form";
import { SendProgress } from "./send-progress";

type PanelWords = ReturnType<typeof useTranslations<"compose.panel">>;

/** The draft's subject (the first language's that has one), or null when it has none yet. */
function draftTopic(d: DraftDto): string | null {
  return d.content.languages.find((l) => l.topic.trim())?.topic.trim() || null;
}

/** Who a draft is for, in short: "3 Tolokers", "a filter", "all Tolokers". */
function draftRecipients(d: DraftDto, t: PanelWords): string {
  const r = d.content.recipients;
  if (r.mode === "all") return t("toAll");
  if (r.mode === "filter") return t("toFilter");
  const n = r.idsText.split(/[\s,;]+/).filter(Boolean).length;
  return n === 0 ? t("toNobody") : t("toCount", { count: n });
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
  const t = useTranslations("compose.panel");
  const locale = useLocale();
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <details data-testid="drafts" className="min-w-0 flex-1">
          <summary className="cursor-pointer font-medium">{loading ? t("draftsLoading") : t("drafts", { count: drafts.length })}</summary>
          {drafts.length === 0 && !loading ? (
            <p className="mt-2 text-zinc-600 dark:text-zinc-400">{t("noDrafts")}</p>
          ) : (
            <ul
              aria-label={t("draftsLabel")}
              className="mt-2 divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
            >
              {drafts.map((d) => {
                const topic = draftTopic(d);
                const named = topic ?? t("noSubject");
                return (
                  <li key={d.id} data-testid="draft-item" data-draft={d.id} className="flex flex-wrap items-center gap-2 px-2 py-1.5">
                    <span className="min-w-0 flex-1">
                      {topic ? (
                        <span translate="no" className="block truncate font-medium">
                          {topic}
                        </span>
                      ) : (
                        <span className="block truncate font-medium">{t("noSubject")}</span>
                      )}
                      <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                        {t("draftMeta", { recipients: draftRecipients(d, t), time: new Date(d.updatedAt).toLocaleString(locale) })}
                      </span>
                    </span>
                    {d.fromJobId && (
                      <span
                        data-testid="draft-failed-mark"
                        className="rounded-md border border-red-300 bg-red-50 px-2 py-0.5 text-xs text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
                      >
                        {t("fromFailedSend")}
                      </span>
                    )}
                    <Button variant="secondary" size="sm" aria-label={t("openDraft", { topic: named })} onClick={() => onOpen(d)}>
                      {t("open")}
                    </Button>
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={t("discardDraft", { topic: named })}
                      disabled={busy === d.id}
                      onClick={() => {
                        setBusy(d.id);
                        void onDiscard(d).finally(() => setBusy(null));
                      }}
                    >
                      {t("discard")}
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
        </details>
        {onNew && (
          <Button variant="secondary" size="sm" onClick={onNew}>
            {t("startNew")}
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

export type ComposeView = { kind: "compose" } | { kind: "progress"; jobId: string };
/** The draft in the form; `content` null is a blank form (made here, where the form's code is). */
export type CurrentDraft = { draftId: string | null; content: DraftContent | null; fromJobId?: string; key: string };

export interface ComposePanelProps {
  view: ComposeView;
  current: CurrentDraft | null;
  toloker?: string;
  setCurrent: (c: CurrentDraft) => void;
  newBlank: () => void;
  onSent: (job: JobDto) => void;
  onOpenCompose: () => void;
  onDone: (jobId: string) => void;
  onClose: () => void;
}

export function ComposePanel({ view, current, toloker, setCurrent, newBlank, onSent, onOpenCompose, onDone, onClose }: ComposePanelProps) {
  const t = useTranslations("compose.panel");
  const [discardError, setDiscardError] = useState<string | null>(null);
  const drafts = useDrafts(view.kind === "compose");
  const otherDrafts = (drafts.data ?? []).filter((d) => d.id !== current?.draftId);

  if (view.kind === "progress") {
    return (
      <div className="space-y-4">
        <SendProgress jobId={view.jobId} />
        <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
          <Button variant="secondary" size="sm" onClick={onOpenCompose}>
            {t("writeAnother")}
          </Button>
          <Button variant="primary" size="sm" onClick={() => onDone(view.jobId)} className="ml-auto">
            {t("done")}
          </Button>
        </div>
      </div>
    );
  }
  if (!current) return null;
  return (
    <ComposeForm
      key={current.key}
      initial={{ draftId: current.draftId, content: current.content ?? blankContent(toloker), fromJobId: current.fromJobId }}
      onSent={onSent}
      onDiscarded={() => {
        void drafts.refetch();
        newBlank();
      }}
      onCancel={onClose}
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
              setDiscardError(t("discardFailed", { error: e instanceof Error ? e.message : String(e) }));
            }
            void drafts.refetch();
          }}
          onNew={current.draftId ? newBlank : undefined}
        />
      }
    />
  );
}
