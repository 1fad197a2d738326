"use client";

import { useLocale, useTranslations } from "next-intl";
import { memo, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { IconButton } from "@/components/ui/icon-button";
import { RowButton } from "@/components/ui/row-button";
import type { ThreadSummary } from "@/lib/schemas/threads";
import { exactTime, relativeTime } from "./format";
import { MarkedText } from "./marked-text";
import { usePartyLabel } from "./use-party-label";
import { stripMarks } from "@/lib/filters/marks";

export interface RowActions {
  canWrite: boolean;
  onOpen(id: string): void;
  onToggleImportant(t: ThreadSummary): void;
  onToggleRead(t: ThreadSummary): void;
  /** Checks or unchecks row `index` for a bulk change; `range`: a shift-click, from the last row toggled. */
  onCheck(index: number, range: boolean): void;
  /** A pool, project or assignment chip clicked: narrow the list to it (`pool:<id>` in the search). */
  onFilter(op: "pool" | "project" | "assignment", id: string): void;
}

function MetaChip({ op, id, label, onFilter }: { op: "pool" | "project" | "assignment"; id: string; label: ReactNode; onFilter: RowActions["onFilter"] }) {
  const t = useTranslations("inbox.row");
  return (
    <button
      type="button"
      data-testid={`chip-${op}`}
      // The search's operator (`pool:12`) is code, the same in every language.
      title={t(`chipTitle.${op}`, { id, filter: `${op}:${id}` })}
      onClick={(e) => {
        e.stopPropagation();
        onFilter(op, id);
      }}
      className="max-w-40 shrink-0 truncate rounded bg-zinc-100 px-1 hover:bg-blue-100 hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:bg-zinc-800 dark:hover:bg-blue-950 dark:hover:text-blue-100"
    >
      {label}
    </button>
  );
}

// Each kind drawn apart, so "nobody can answer" never looks like "answers come as new threads". Its words are
// `inbox.row.replies.<kind>` (the label) and `<kind>Title`.
const REPLIES_MARKS = {
  off: {
    // A speech bubble, struck through.
    icon: <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2zM2 14 14 2" />,
  },
  apart: {
    // One line splitting into three.
    icon: <path d="M8 2v5M8 7l-5 5M8 7v7M8 7l5 5" />,
  },
  closed: {
    icon: <path d="M8 1.8a6.2 6.2 0 1 0 0 12.4A6.2 6.2 0 0 0 8 1.8zM3.6 12.4 12.4 3.6" />,
  },
} as const;

/** Why the requester cannot reply in this row's thread, at a glance: replies off, answers apart, or a notice. */
function RepliesMark({ replies }: { replies: ThreadSummary["replies"] }) {
  const t = useTranslations("inbox.row.replies");
  if (replies === "here") return null;
  const mark = REPLIES_MARKS[replies];
  return (
    <span data-testid="replies-mark" data-replies={replies} title={t(`${replies}Title`)} className="shrink-0 text-zinc-600 dark:text-zinc-400">
      <svg aria-hidden viewBox="0 0 16 16" className="inline h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round">
        {mark.icon}
      </svg>
      <span className="sr-only">{t(replies)}</span>
    </span>
  );
}

/** An id in a chip: not ours to translate. */
const chipData = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

function Highlight({ parts }: { parts: { text: string; match: boolean }[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.match ? (
          <mark key={i} className="rounded bg-yellow-200 px-0.5 text-zinc-900 dark:bg-yellow-500/40 dark:text-zinc-50">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** Whether a thread shows pool, project or assignment chips (the virtualiser sizes its row by this). */
export function hasMeta(t: ThreadSummary): boolean {
  return !!(t.meta.poolId || t.meta.projectId || t.meta.assignmentId);
}

/** One thread in the list: who, topic, a line of the last message, when, flags and chips. Memoised: a scroll
 * re-renders the list on every frame, but a row only when its own data changes. */
/** The thread's owner and a done or snoozed status, small, on the row's first line. */
function WorkflowMark({ w }: { w: ThreadSummary["workflow"] | undefined }) {
  const t = useTranslations("inbox.row");
  const locale = useLocale();
  if (!w || (!w.owner && w.status === "open")) return null;
  return (
    <span className="flex min-w-0 shrink items-baseline gap-1 text-[11px] text-zinc-600 dark:text-zinc-400" data-testid="row-workflow">
      {w.owner && (
        <span className="max-w-[7rem] truncate" title={t("ownerTitle", { name: w.owner.name })}>
          <span className="sr-only">{t("ownerPrefix")} </span>
          <span translate="no">{w.owner.name}</span>
        </span>
      )}
      {w.status === "done" && <span className="shrink-0 text-green-800 dark:text-green-300">{t("done")}</span>}
      {w.status === "snoozed" && (
        <span
          className="shrink-0 text-violet-800 dark:text-violet-300"
          title={w.snoozeUntil ? t("snoozedUntil", { time: exactTime(w.snoozeUntil, locale) }) : t("snoozedTitle")}
        >
          {t("snoozed")}
        </span>
      )}
    </span>
  );
}

export const ThreadRow = memo(function ThreadRow({
  t,
  index,
  selected,
  checked,
  open,
  actions,
  compact = false,
}: {
  t: ThreadSummary;
  index: number;
  selected: boolean;
  checked: boolean;
  open: boolean;
  actions: RowActions;
  /** Two short lines: who and when, then topic and snippet; chips beside them where there is room. */
  compact?: boolean;
}) {
  const tr = useTranslations("inbox.row");
  const locale = useLocale();
  const party = usePartyLabel(t.otherParty);
  const meta = hasMeta(t);
  return (
    <div
      data-testid="thread-row"
      data-thread-id={t.id}
      data-unread={t.unread ? "true" : "false"}
      data-selected={selected ? "true" : "false"}
      data-checked={checked ? "true" : "false"}
      className={`group flex h-full gap-1 border-b border-zinc-100 pr-2 dark:border-zinc-800 ${
        open ? "bg-blue-50 dark:bg-blue-950/60" : selected ? "bg-zinc-100 dark:bg-zinc-800/70" : "hover:bg-zinc-50 dark:hover:bg-zinc-900"
      } ${selected ? "outline-2 -outline-offset-2 outline-blue-600" : ""}`}
    >
      {actions.canWrite && (
        <label className={cn("flex shrink-0 cursor-pointer pl-2", compact ? "items-center" : "items-start pt-2.5")} title={tr("selectTitle")}>
          <input
            type="checkbox"
            checked={checked}
            aria-label={tr("select", { topic: t.topic || tr("noTopic") })}
            onChange={(e) => actions.onCheck(index, (e.nativeEvent as MouseEvent).shiftKey === true)}
            className="h-4 w-4 accent-blue-700"
          />
        </label>
      )}
      <div className={cn("flex min-w-0 flex-1", compact ? "items-center" : "flex-col")}>
        <RowButton
          aria-current={open ? "true" : undefined}
          onClick={() => actions.onOpen(t.id)}
          className={cn("gap-2", compact ? "py-0.5" : meta ? "pt-2 pb-0.5" : "py-2", actions.canWrite ? "pl-1" : "pl-3")}
        >
          <span className={cn("flex w-2 shrink-0 justify-center", compact ? "pt-1.5" : "pt-2")}>
            {t.unread && <span aria-hidden className="h-2 w-2 rounded-full bg-blue-600" />}
          </span>
          <span className="block min-w-0 flex-1">
            <span className="flex h-5 items-baseline gap-2">
              <span className={`truncate text-sm ${t.unread ? "font-semibold" : "text-zinc-700 dark:text-zinc-300"}`} title={stripMarks(party)}>
                <MarkedText text={party} />
              </span>
              <RepliesMark replies={t.replies} />
              <WorkflowMark w={t.workflow} />
              <time dateTime={t.lastActivity} title={exactTime(t.lastActivity, locale)} className="ml-auto shrink-0 text-xs text-zinc-600 dark:text-zinc-400">
                {relativeTime(t.lastActivity, locale)}
              </time>
            </span>
            <span className={`block truncate ${compact ? "text-[13px] leading-5" : "text-sm"} ${t.unread ? "font-semibold" : ""}`}>
              <span className="sr-only">{t.unread ? `${tr("unreadPrefix")} ` : ""}</span>
              {t.topicHighlight || t.topic ? <span translate="no">{t.topicHighlight ? <Highlight parts={t.topicHighlight} /> : t.topic}</span> : tr("noTopic")}
              {compact && (
                // The snippet follows the topic on its line, as far as it fits.
                <span className="font-normal text-zinc-600 dark:text-zinc-400">
                  {" — "}
                  <span translate="no">{t.highlight ? <Highlight parts={t.highlight} /> : t.snippet}</span>
                </span>
              )}
            </span>
            {!compact && (
              <span translate="no" className="block truncate text-xs text-zinc-600 dark:text-zinc-400">
                {t.highlight ? <Highlight parts={t.highlight} /> : t.snippet}
              </span>
            )}
          </span>
        </RowButton>
        {meta && (
          // Beside the row's button, not in it: a button holds no other button. Compact: to its right, only the
          // narrowest of them (pool, else project, else assignment), and not at all at a phone's width.
          <span
            className={cn(
              "flex gap-1 overflow-hidden text-[11px] text-zinc-600 dark:text-zinc-400",
              compact ? "hidden max-w-[30%] shrink-0 pl-1 sm:flex" : actions.canWrite ? "pb-2 pl-5" : "pb-2 pl-7",
            )}
          >
            {t.meta.projectId && !(compact && t.meta.poolId) && (
              <MetaChip op="project" id={t.meta.projectId} label={tr.rich("chipProject", { id: t.meta.projectId, v: chipData })} onFilter={actions.onFilter} />
            )}
            {t.meta.poolId && (
              <MetaChip op="pool" id={t.meta.poolId} label={tr.rich("chipPool", { id: t.meta.poolId, v: chipData })} onFilter={actions.onFilter} />
            )}
            {t.meta.assignmentId && !(compact && (t.meta.poolId || t.meta.projectId)) && (
              <MetaChip op="assignment" id={t.meta.assignmentId} label={tr("chipAssignment")} onFilter={actions.onFilter} />
            )}
          </span>
        )}
      </div>
      <div className={cn("flex shrink-0 items-center justify-center gap-1", !compact && "flex-col")}>
        <IconButton
          aria-label={t.important ? tr("importantOn") : tr("importantOff")}
          aria-pressed={t.important}
          disabled={!actions.canWrite}
          title={actions.canWrite ? tr("importantKey") : tr("important")}
          onClick={(e) => {
            e.stopPropagation();
            actions.onToggleImportant(t);
          }}
          tone={t.important ? "warning" : "muted"}
          className={cn("text-base", !actions.canWrite && !t.important && "invisible")}
        >
          {t.important ? "★" : "☆"}
        </IconButton>
        {actions.canWrite && (
          <IconButton
            aria-label={t.unread ? tr("markRead") : tr("markUnread")}
            title={t.unread ? tr("markRead") : tr("markUnreadKey")}
            onClick={(e) => {
              e.stopPropagation();
              actions.onToggleRead(t);
            }}
            className="text-xs"
          >
            {t.unread ? "◉" : "○"}
          </IconButton>
        )}
      </div>
    </div>
  );
});
