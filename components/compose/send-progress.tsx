"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { useId, useState } from "react";
import { useDecideMutation, useRetryMutation } from "@/lib/queries/compose";
import { useJob } from "@/lib/queries/jobs";
import type { JobDto, SendBatch } from "@/lib/schemas/jobs";

const STATUS_WORDS: Record<SendBatch["status"], string> = {
  pending: "waiting",
  running: "sending",
  done: "sent",
  failed: "failed",
  unconfirmed: "unconfirmed",
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function headline(job: JobDto): string {
  const s = job.send;
  const running = job.status === "queued" || job.status === "running";
  const who =
    s?.selectType === "ALL"
      ? "all Tolokers"
      : s?.selectType === "FILTER"
        ? "the Tolokers the filter selects"
        : `${(s?.recipients ?? 0).toLocaleString("en-US")} ${s?.recipients === 1 ? "Toloker" : "Tolokers"}`;
  if (running) return `Sending to ${who}`;
  const doubtful = s?.batches.filter((b) => b.status === "unconfirmed").length ?? 0;
  if (doubtful > 0) return `Unconfirmed: Toloka did not say whether ${plural(doubtful, "batch", "batches")} of the send to ${who} arrived`;
  if (job.failed === 0) return `Sent to ${who}`;
  if (job.done === 0) return `The send to ${who} failed`;
  return `Sent in part: ${job.failed} of ${job.total} ${job.total === 1 ? "batch" : "batches"} failed`;
}

/** A send's progress, kept on the server (so it survives a reload), with every batch's outcome and a retry. */
export function SendProgress({ jobId }: { jobId: string }) {
  const query = useJob(jobId);
  const retry = useRetryMutation();
  const titleId = useId();
  const job = query.data;
  if (!job) {
    return <p className="text-sm text-zinc-600">{query.isError ? `Could not load the send: ${query.error.message}` : "Loading the send…"}</p>;
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
        {headline(job)}
      </h3>
      {s && <p className="text-sm text-zinc-600 dark:text-zinc-400">“{s.topic}”</p>}
      {s?.recipientsText && (
        <p data-testid="send-recipients" className="text-sm">
          To: {s.recipientsText}
        </p>
      )}
      {s?.answerable === false && (
        <p data-testid="send-no-replies" className="text-sm text-zinc-600 dark:text-zinc-400">
          Replies are off: Tolokers cannot answer this message.
        </p>
      )}
      <div>
        <div
          role="progressbar"
          aria-label="Batches finished"
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={finished}
          className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
        >
          <div className={`h-full ${job.failed > 0 ? "bg-amber-500" : "bg-blue-700"}`} style={{ width: `${pct}%` }} />
        </div>
        <p data-testid="send-summary" className="mt-1 text-sm" aria-live="polite">
          {job.done} of {job.total} {job.total === 1 ? "batch" : "batches"} sent
          {failedOnly > 0 ? `, ${failedOnly} failed` : ""}
          {doubtful.length > 0 ? `, ${doubtful.length} unconfirmed` : ""}
          {s?.recipients !== undefined && ` · ${(s.sentRecipients ?? 0).toLocaleString("en-US")} of ${s.recipients.toLocaleString("en-US")} Tolokers reached`}
          {running ? " · sending…" : ""}
        </p>
      </div>

      {s && s.batches.length > 0 && (
        <div
          tabIndex={0}
          role="region"
          aria-label="Batches of this send"
          className="max-h-64 overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800"
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Batches of this send</caption>
            <thead className="sticky top-0 bg-zinc-50 dark:bg-zinc-900">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  Batch
                </th>
                {s.selectType === "DIRECT" && (
                  <th scope="col" className="px-2 py-1 font-medium">
                    Tolokers
                  </th>
                )}
                <th scope="col" className="px-2 py-1 font-medium">
                  Status
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  Thread or reason
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
                    {STATUS_WORDS[b.status]}
                    {b.status === "done" && b.calls !== undefined && b.calls > 1 ? ` after ${b.calls} calls` : ""}
                    {b.confirmedBy === "requester" ? " (you said it arrived)" : b.recovered ? " (found in Toloka's Outbox after an unclear answer)" : ""}
                    {b.unreadAnswer ? " (Toloka accepted it; its answer could not be read)" : ""}
                    {b.attempts > 1 ? ` · run ${b.attempts}` : ""}
                  </td>
                  <td className="px-2 py-1 text-xs break-words">
                    {b.status === "failed" || b.status === "unconfirmed" ? b.error : b.threadId ? <code>{b.threadId}</code> : ""}
                    {b.code && <span className="mt-0.5 block text-[0.7rem] text-zinc-500 dark:text-zinc-400">Toloka: {b.code}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {!running && doubtful.length > 0 && (
        <div className="space-y-3 text-sm" data-testid="send-unconfirmed">
          <p>
            Toloka&apos;s answer to {doubtful.length === 1 ? "this batch" : "these batches"} was lost, and its Sent listing does not show enough to prove
            whether {doubtful.length === 1 ? "it" : "they"} arrived. Nothing was sent again. Look at the candidate threads, then say what happened.
          </p>
          {doubtful.map((b) => (
            <UnconfirmedBatch key={b.seq} jobId={job.id} batch={b} />
          ))}
        </div>
      )}

      {!running && failedOnly > 0 && (
        <div className="space-y-2 text-sm">
          {s?.supersededBy ? (
            <p>The failed batches were sent again from the draft this send left.</p>
          ) : (
            <>
              {refused > 0 && (
                <p data-testid="send-refused">
                  Toloka refused {refused === failedOnly ? (refused === 1 ? "this send" : "these batches") : `${plural(refused, "batch", "batches")}`} for a
                  reason a retry cannot change (see the reason above). Your message is kept as a draft: open it from Drafts in “New message”, change what Toloka
                  refused, and send it again.
                </p>
              )}
              {retryable > 0 && (
                <>
                  <p>
                    Your message is kept as a draft {s?.selectType === "DIRECT" ? "with the Tolokers not reached" : ""}. Retrying the failed batches here first
                    checks in Toloka that they did not arrive, so nobody gets the message twice.
                  </p>
                  <Button variant="primary" size="sm" disabled={retry.isPending} onClick={() => retry.mutate(job.id)}>
                    Retry the failed {retryable === 1 ? "batch" : "batches"}
                  </Button>
                </>
              )}
              {retry.isError && <p className="text-red-700 dark:text-red-400">Could not retry: {retry.error.message}</p>}
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** One unconfirmed batch: the threads that may be it, and the requester's two answers. */
function UnconfirmedBatch({ jobId, batch }: { jobId: string; batch: SendBatch }) {
  const decide = useDecideMutation();
  const [confirmAgain, setConfirmAgain] = useState(false);
  const candidates = batch.candidates ?? [];
  const who = batch.count !== undefined ? plural(batch.count, "Toloker", "Tolokers") : "its Tolokers";
  return (
    <div
      data-testid="unconfirmed-batch"
      data-seq={batch.seq}
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950"
    >
      <p className="font-medium">
        Batch {batch.seq + 1}
        {batch.count !== undefined ? ` (${who})` : ""}: did it arrive?
      </p>
      {candidates.length > 0 && (
        <ul className="space-y-1">
          {candidates.map((id) => (
            <li key={id} className="flex flex-wrap items-center gap-2">
              <Link className="break-all text-blue-700 underline dark:text-blue-400" href={`/messages/sent?thread=${id}`}>
                Thread <code>{id}</code>
              </Link>
              <Button
                variant="secondary"
                size="sm"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ jobId, seq: batch.seq, decision: { arrived: true, threadId: id } })}
              >
                This is it
              </Button>
            </li>
          ))}
        </ul>
      )}
      {(batch.unreadableCandidates ?? 0) > 0 && (
        <p>{plural(batch.unreadableCandidates!, "thread", "threads")} Toloka sent could not be read; an admin can see them on the Connection page.</p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" disabled={decide.isPending} onClick={() => decide.mutate({ jobId, seq: batch.seq, decision: { arrived: true } })}>
          It arrived
        </Button>
        {!confirmAgain ? (
          <Button variant="primary" size="sm" disabled={decide.isPending} onClick={() => setConfirmAgain(true)}>
            It did not arrive: send it again
          </Button>
        ) : (
          <span role="group" aria-label="Confirm sending again" className="flex flex-wrap items-center gap-2">
            <span>
              If it did arrive, {who} {batch.count === 1 ? "gets" : "get"} the message twice.
            </span>
            <Button
              variant="danger"
              size="sm"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ jobId, seq: batch.seq, decision: { arrived: false } })}
            >
              Send it again
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setConfirmAgain(false)}>
              Cancel
            </Button>
          </span>
        )}
      </div>
      {decide.isError && <p className="text-red-700 dark:text-red-400">Could not record that: {decide.error.message}</p>}
    </div>
  );
}
