"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { describeRecipients } from "@/lib/compose/recipients";
import { Button } from "@/components/ui/button";
import { useId, useState } from "react";
import { useDecideMutation, useRetryMutation } from "@/lib/queries/compose";
import { useJob } from "@/lib/queries/jobs";
import type { JobDto, SendBatch } from "@/lib/schemas/jobs";

type ProgressWords = ReturnType<typeof useTranslations<"compose.progress">>;

function headline(job: JobDto, t: ProgressWords): string {
  const s = job.send;
  const running = job.status === "queued" || job.status === "running";
  // Who the send is for: each sentence words it (Russian declines it differently in each).
  const who = { kind: s?.selectType === "ALL" ? "all" : s?.selectType === "FILTER" ? "filter" : "ids", count: s?.recipients ?? 0 };
  if (running) return t("headSending", who);
  const doubtful = s?.batches.filter((b) => b.status === "unconfirmed").length ?? 0;
  if (doubtful > 0) return t("headUnconfirmed", { ...who, batches: doubtful });
  if (job.failed === 0) return t("headSent", who);
  if (job.done === 0) return t("headFailed", who);
  return t("headPartial", { failed: job.failed, total: job.total });
}

/** A send's progress, kept on the server (so it survives a reload), with every batch's outcome and a retry. */
export function SendProgress({ jobId }: { jobId: string }) {
  const t = useTranslations("compose.progress");
  const words = { t: useTranslations("compose.words"), locale: useLocale() };
  const query = useJob(jobId);
  const retry = useRetryMutation();
  const titleId = useId();
  const job = query.data;
  if (!job) {
    return <p className="text-sm text-zinc-600">{query.isError ? t("loadFailed", { error: query.error.message }) : t("loading")}</p>;
  }
  const running = job.status === "queued" || job.status === "running";
  const finished = job.done + job.failed;
  const pct = job.total === 0 ? 100 : Math.round((finished / job.total) * 100);
  const s = job.send;
  const doubtful = s?.batches.filter((b) => b.status === "unconfirmed") ?? [];
  const failedOnly = job.failed - doubtful.length;
  // Batches Toloka refused for a reason a retry cannot change: no Retry that can only fail.
  const refused = s?.batches.filter((b) => b.status === "failed" && b.retryable === false).length ?? 0;
  const retryable = failedOnly - refused;
  return (
    <section aria-labelledby={titleId} data-testid="send-progress" className="space-y-3">
      <h3 id={titleId} className="text-base font-semibold" tabIndex={-1}>
        {headline(job, t)}
      </h3>
      {s && (
        <p translate="no" className="text-sm text-zinc-600 dark:text-zinc-400">
          {t("topic", { topic: s.topic })}
        </p>
      )}
      {s?.recipientsText && (
        <p data-testid="send-recipients" className="text-sm">
          {t("to", {
            recipients: describeRecipients(
              { selectType: s.selectType, count: s.recipients, filter: s.recipientsFilter },
              words,
              s.skillNames ? { skillNames: s.skillNames } : {},
            ),
          })}
        </p>
      )}
      {s?.answerable === false && (
        <p data-testid="send-no-replies" className="text-sm text-zinc-600 dark:text-zinc-400">
          {t("noReplies")}
        </p>
      )}
      <div>
        <div
          role="progressbar"
          aria-label={t("progressLabel")}
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={finished}
          className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
        >
          <div className={`h-full ${job.failed > 0 ? "bg-amber-500" : "bg-blue-700"}`} style={{ width: `${pct}%` }} />
        </div>
        <p data-testid="send-summary" className="mt-1 text-sm" aria-live="polite">
          {t("summary", { done: job.done, total: job.total, failed: Math.max(failedOnly, 0), unconfirmed: doubtful.length })}
          {s?.recipients !== undefined && ` · ${t("reached", { sent: s.sentRecipients ?? 0, recipients: s.recipients })}`}
          {running ? ` · ${t("sendingNow")}` : ""}
        </p>
      </div>

      {s && s.batches.length > 0 && (
        <div
          tabIndex={0}
          role="region"
          aria-label={t("batchesLabel")}
          className="max-h-64 overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800"
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("batchesLabel")}</caption>
            <thead className="sticky top-0 bg-zinc-50 dark:bg-zinc-900">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  {t("colBatch")}
                </th>
                {s.selectType === "DIRECT" && (
                  <th scope="col" className="px-2 py-1 font-medium">
                    {t("colTolokers")}
                  </th>
                )}
                <th scope="col" className="px-2 py-1 font-medium">
                  {t("colStatus")}
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  {t("colThread")}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.batches.map((b) => (
                <tr
                  key={b.seq}
                  data-testid="send-batch"
                  data-status={b.status}
                  data-thread={b.threadId ?? ""}
                  className="border-t border-zinc-100 dark:border-zinc-800"
                >
                  <td className="px-2 py-1">{b.seq + 1}</td>
                  {s.selectType === "DIRECT" && <td className="px-2 py-1">{b.count}</td>}
                  <td
                    className={`px-2 py-1 ${b.status === "failed" ? "font-medium text-red-700 dark:text-red-400" : b.status === "unconfirmed" ? "font-medium text-amber-800 dark:text-amber-300" : ""}`}
                  >
                    {t(`status.${b.status}`)}
                    {b.status === "done" && b.calls !== undefined && b.calls > 1 ? ` ${t("afterCalls", { calls: b.calls })}` : ""}
                    {b.confirmedBy === "requester" ? ` ${t("youSaid")}` : b.recovered ? ` ${t("recovered")}` : ""}
                    {b.unreadAnswer ? ` ${t("unreadAnswer")}` : ""}
                    {b.attempts > 1 ? ` · ${t("run", { attempts: b.attempts })}` : ""}
                  </td>
                  <td className="px-2 py-1 text-xs break-words">
                    {b.status === "failed" || b.status === "unconfirmed" ? b.error : b.threadId ? <code translate="no">{b.threadId}</code> : ""}
                    {b.code && (
                      <span className="mt-0.5 block text-[0.7rem] text-zinc-500 dark:text-zinc-400">
                        {t.rich("tolokaCode", { code: b.code, data: (chunks) => <span translate="no">{chunks}</span> })}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {!running && doubtful.length > 0 && (
        <div className="space-y-3 text-sm" data-testid="send-unconfirmed">
          <p>{t("unconfirmedIntro", { count: doubtful.length })}</p>
          {doubtful.map((b) => (
            <UnconfirmedBatch key={b.seq} jobId={job.id} batch={b} />
          ))}
        </div>
      )}

      {!running && failedOnly > 0 && (
        <div className="space-y-2 text-sm">
          {s?.supersededBy ? (
            <p>{t("superseded")}</p>
          ) : (
            <>
              {refused > 0 && <p data-testid="send-refused">{t("refused", { all: refused === failedOnly ? "yes" : "no", count: refused })}</p>}
              {retryable > 0 && (
                <>
                  <p>{t("keptAsDraft", { direct: s?.selectType === "DIRECT" ? "yes" : "no" })}</p>
                  <Button variant="primary" size="sm" disabled={retry.isPending} onClick={() => retry.mutate(job.id)}>
                    {t("retry", { count: retryable })}
                  </Button>
                </>
              )}
              {retry.isError && <p className="text-red-700 dark:text-red-400">{t("retryFailed", { error: retry.error.message })}</p>}
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** One unconfirmed batch: the threads that may be it, and the requester's two answers. */
function UnconfirmedBatch({ jobId, batch }: { jobId: string; batch: SendBatch }) {
  const t = useTranslations("compose.progress");
  const decide = useDecideMutation();
  const [confirmAgain, setConfirmAgain] = useState(false);
  const candidates = batch.candidates ?? [];
  const who = { hasCount: batch.count !== undefined ? "yes" : "no", count: batch.count ?? 0 };
  return (
    <div
      data-testid="unconfirmed-batch"
      data-seq={batch.seq}
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950"
    >
      <p className="font-medium">{t("batchQuestion", { seq: batch.seq + 1, ...who })}</p>
      {candidates.length > 0 && (
        <ul className="space-y-1">
          {candidates.map((id) => (
            <li key={id} className="flex flex-wrap items-center gap-2">
              <Link className="break-all text-blue-700 underline dark:text-blue-400" href={`/messages/sent?thread=${id}`}>
                {t.rich("thread", { id, code: (chunks) => <code translate="no">{chunks}</code> })}
              </Link>
              <Button
                variant="secondary"
                size="sm"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ jobId, seq: batch.seq, decision: { arrived: true, threadId: id } })}
              >
                {t("thisIsIt")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {(batch.unreadableCandidates ?? 0) > 0 && <p>{t("unreadable", { count: batch.unreadableCandidates! })}</p>}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" disabled={decide.isPending} onClick={() => decide.mutate({ jobId, seq: batch.seq, decision: { arrived: true } })}>
          {t("arrived")}
        </Button>
        {!confirmAgain ? (
          <Button variant="primary" size="sm" disabled={decide.isPending} onClick={() => setConfirmAgain(true)}>
            {t("notArrived")}
          </Button>
        ) : (
          <span role="group" aria-label={t("confirmAgain")} className="flex flex-wrap items-center gap-2">
            <span>{t("twice", who)}</span>
            <Button
              variant="danger"
              size="sm"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ jobId, seq: batch.seq, decision: { arrived: false } })}
            >
              {t("sendAgain")}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setConfirmAgain(false)}>
              {t("cancel")}
            </Button>
          </span>
        )}
      </div>
      {decide.isError && <p className="text-red-700 dark:text-red-400">{t("decideFailed", { error: decide.error.message })}</p>}
    </div>
  );
}
