"use client";

import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useEffect, useState } from "react";
import { Notice } from "@/components/admin/ui";
import { exactTime } from "@/components/inbox/format";
import { Button } from "@/components/ui/button";
import { ApiClientError } from "@/lib/queries/fetch-json";
import { useReply } from "@/lib/queries/threads";
import { useDecideAppeal, useThreadAppeal } from "@/lib/queries/tolokers";
import { APPEAL_DAYS, type AppealDto } from "@/lib/schemas/tolokers";
import { assignmentStatusLabel, dateFormat } from "./words";

/** The words of an appeal's deadline, from `useTranslations("toloker.appeal")`. */
export type AppealWords = ReturnType<typeof useTranslations<"toloker.appeal">>;

/** "3 days left", "Due today", "2 days past the 9 days". */
export function daysLeftText(a: Pick<AppealDto, "daysLeft">, t: AppealWords): string {
  const d = a.daysLeft;
  if (d === undefined) return t("daysUnknown");
  if (d > 0) return t("daysLeft", { count: d });
  if (d === 0) return t("dueToday");
  return t("daysPast", { count: -d, days: APPEAL_DAYS });
}

export function daysLeftTone(a: Pick<AppealDto, "daysLeft">): string {
  const d = a.daysLeft ?? APPEAL_DAYS;
  if (d < 0) return "bg-red-700 text-white";
  if (d <= 2) return "bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100";
  return "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200";
}

function draftKey(threadId: string) {
  return `toloka-messages:appeal-draft:${threadId}`;
}

/**
 * A thread that is an appeal: the rejected assignment as Toloka holds it, the days left of the 9 Toloka asks for,
 * and the answer in one step: accept the response (REJECTED → ACCEPTED) and reply, or keep the rejection and reply.
 * The reply's text is kept in this browser until it is sent.
 */
export function AppealCard({ threadId, canWrite, lang }: { threadId: string; canWrite: boolean; lang: string }) {
  const q = useThreadAppeal(threadId, true);
  const decide = useDecideAppeal(threadId);
  const reply = useReply(threadId);
  const [text, setText] = useState("");
  const [comment, setComment] = useState("");
  const [replyError, setReplyError] = useState<string | null>(null);
  const t = useTranslations("toloker.appeal");
  const w = useTranslations("toloker.words");
  const locale = useLocale();
  const day = dateFormat(locale, true);
  const data = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

  useEffect(() => {
    setText(localStorage.getItem(draftKey(threadId)) ?? "");
  }, [threadId]);
  const edit = (v: string) => {
    setText(v);
    if (v.trim()) localStorage.setItem(draftKey(threadId), v);
    else localStorage.removeItem(draftKey(threadId));
  };

  if (q.isPending || !q.data) return null;
  const { appeal, assignment, error } = q.data;
  if (!appeal) return null;
  const open = appeal.status === "REJECTED" && !appeal.decision;

  function run(decision: "accept" | "keep") {
    setReplyError(null);
    decide.mutate(
      {
        decision,
        ...(decision === "accept" && comment.trim() ? { publicComment: comment.trim() } : {}),
        ...(text.trim() ? { text: { [lang]: text.trim() } } : {}),
      },
      {
        onSuccess: (r) => {
          if (r.reply.sent) edit("");
          else if (r.reply.error) setReplyError(r.reply.error);
          void q.refetch();
        },
      },
    );
  }

  return (
    <section
      aria-label={t("label")}
      className="border-b border-amber-200 bg-amber-50/60 p-4 text-sm dark:border-amber-900 dark:bg-amber-950/30"
      data-testid="appeal-card"
      data-status={appeal.status}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">{t("heading")}</h3>
        {open && (
          <span
            className={`rounded-full px-2 py-0.5 text-xs font-medium ${daysLeftTone(appeal)}`}
            data-testid="appeal-days"
            title={appeal.deadline ? t("answerBy", { time: exactTime(appeal.deadline, locale) }) : undefined}
          >
            {daysLeftText(appeal, t)}
          </span>
        )}
        {appeal.decision && (
          <span
            className="rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-900 dark:bg-green-900/50 dark:text-green-100"
            data-testid="appeal-decision"
          >
            {t.rich("decision", { kind: appeal.decision.kind === "accepted" ? "accepted" : "kept", by: appeal.decision.by, data })}
          </span>
        )}
        {!appeal.decision && appeal.status === "ACCEPTED" && (
          <span className="rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-900 dark:bg-green-900/50 dark:text-green-100">
            {t("acceptedInToloka")}
          </span>
        )}
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        <dt className="text-zinc-600 dark:text-zinc-400">{t("assignment")}</dt>
        <dd className="break-all font-mono text-xs leading-5" translate="no">
          {appeal.assignmentId}
        </dd>
        {(assignment?.poolId ?? appeal.poolId) && (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">{t("pool")}</dt>
            <dd>{assignment?.poolId ?? appeal.poolId}</dd>
          </>
        )}
        {assignment && (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">{t("status")}</dt>
            <dd data-testid="appeal-status">{assignmentStatusLabel(assignment.status, w)}</dd>
          </>
        )}
        {assignment?.submitted && (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">{t("submitted")}</dt>
            <dd>{day.format(new Date(assignment.submitted))}</dd>
          </>
        )}
        {(assignment?.rejected ?? appeal.rejected) && (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">{t("rejected")}</dt>
            <dd>{day.format(new Date((assignment?.rejected ?? appeal.rejected)!))}</dd>
          </>
        )}
        {assignment?.publicComment && (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">{t("comment")}</dt>
            <dd className="break-words" translate="no">
              {assignment.publicComment}
            </dd>
          </>
        )}
      </dl>
      {error && <p className="mt-1 text-xs text-red-700 dark:text-red-400">{t("readError", { error })}</p>}
      {assignment?.answers && assignment.answers.length > 0 && (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs font-medium">{t("answers", { count: assignment.answers.length })}</summary>
          <ol className="mt-1 max-h-48 space-y-1 overflow-y-auto text-xs" translate="no">
            {assignment.answers.map((a, i) => (
              <li key={i} className="rounded bg-white/70 p-1.5 dark:bg-zinc-900/60">
                {Object.entries(a.input).map(([k, v]) => (
                  <div key={`i-${k}`} className="break-all text-zinc-600 dark:text-zinc-400">
                    {k}: {v}
                  </div>
                ))}
                {Object.entries(a.output).map(([k, v]) => (
                  <div key={`o-${k}`} className="break-all font-medium">
                    → {k}: {v}
                  </div>
                ))}
              </li>
            ))}
          </ol>
        </details>
      )}
      {open && canWrite && (
        <div className="mt-3 space-y-2">
          <label className="block text-xs font-medium">
            {t.rich("replyLabel", { lang, data })}
            <textarea
              className="mt-1 block min-h-16 w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              value={text}
              onChange={(e) => edit(e.target.value)}
              data-testid="appeal-reply"
              placeholder={t("replyPlaceholder")}
            />
          </label>
          <label className="block text-xs font-medium">
            {t("publicComment")}
            <input
              className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              value={comment}
              maxLength={2048}
              onChange={(e) => setComment(e.target.value)}
              data-testid="appeal-comment"
            />
          </label>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="primary" disabled={decide.isPending || !text.trim()} onClick={() => run("accept")} data-testid="appeal-accept">
              {t("accept")}
            </Button>
            <Button size="sm" disabled={decide.isPending || !text.trim()} onClick={() => run("keep")} data-testid="appeal-keep">
              {t("keep")}
            </Button>
          </div>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{t("explain")}</p>
        </div>
      )}
      {decide.isError && (
        <div className="mt-2">
          <Notice kind="error">{t("decideError", { error: decide.error instanceof ApiClientError ? decide.error.message : String(decide.error) })}</Notice>
        </div>
      )}
      {replyError && (
        <div className="mt-2 space-y-2">
          <Notice kind="warning">{t("replyNotSent", { error: replyError })}</Notice>
          <textarea
            className="block min-h-16 w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            aria-label={t("replyNotSentLabel")}
            value={text}
            onChange={(e) => edit(e.target.value)}
          />
          <Button
            size="sm"
            variant="primary"
            disabled={reply.isPending || !text.trim()}
            onClick={() =>
              reply.mutate(
                { text: { [lang]: text.trim() } },
                {
                  onSuccess: () => {
                    edit("");
                    setReplyError(null);
                  },
                  onError: (e) => setReplyError(e.message),
                },
              )
            }
          >
            {reply.isPending ? t("sending") : t("send")}
          </Button>
        </div>
      )}
    </section>
  );
}
