"use client";

import { useId } from "react";
import { useJob, useRetryMutation } from "@/lib/queries/compose";
import type { JobDto, SendBatch } from "@/lib/schemas/jobs";

const STATUS_WORDS: Record<SendBatch["status"], string> = {
  pending: "waiting",
  running: "sending",
  done: "sent",
  failed: "failed",
};

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
  return (
    <section aria-labelledby={titleId} data-testid="send-progress" className="space-y-3">
      <h3 id={titleId} className="text-base font-semibold" tabIndex={-1}>
        {headline(job)}
      </h3>
      {s && <p className="text-sm text-zinc-600 dark:text-zinc-400">“{s.topic}”</p>}
      <div>
        <div role="progressbar" aria-label="Batches finished" aria-valuemin={0} aria-valuemax={job.total} aria-valuenow={finished} className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
          <div className={`h-full ${job.failed > 0 ? "bg-amber-500" : "bg-blue-700"}`} style={{ width: `${pct}%` }} />
        </div>
        <p data-testid="send-summary" className="mt-1 text-sm" aria-live="polite">
          {job.done} of {job.total} {job.total === 1 ? "batch" : "batches"} sent
          {job.failed > 0 ? `, ${job.failed} failed` : ""}
          {s?.recipients !== undefined && ` · ${(s.sentRecipients ?? 0).toLocaleString("en-US")} of ${s.recipients.toLocaleString("en-US")} Tolokers reached`}
          {running ? " · sending…" : ""}
        </p>
      </div>

      {s && s.batches.length > 0 && (
        <div tabIndex={0} role="region" aria-label="Batches of this send" className="max-h-64 overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800">
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
                <tr key={b.seq} data-testid="send-batch" data-status={b.status} data-thread={b.threadId ?? ""} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="px-2 py-1">{b.seq + 1}</td>
                  {s.selectType === "DIRECT" && <td className="px-2 py-1">{b.count}</td>}
                  <td className={`px-2 py-1 ${b.status === "failed" ? "font-medium text-red-700 dark:text-red-400" : ""}`}>
                    {STATUS_WORDS[b.status]}
                    {b.status === "done" && b.calls !== undefined && b.calls > 1 ? ` after ${b.calls} calls` : ""}
                    {b.recovered ? " (found in Toloka's Outbox after an unclear answer)" : ""}
                    {b.attempts > 1 ? ` · run ${b.attempts}` : ""}
                  </td>
                  <td className="px-2 py-1 text-xs">{b.status === "failed" ? b.error : b.threadId ? <code>{b.threadId}</code> : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {!running && job.failed > 0 && (
        <div className="space-y-2 text-sm">
          {s?.supersededBy ? (
            <p>The failed batches were sent again from the draft this send left.</p>
          ) : (
            <>
              <p>
                Your message is kept as a draft {s?.selectType === "DIRECT" ? "with the Tolokers not reached" : ""}. Retrying the failed
                batches here first checks in Toloka that they did not arrive, so nobody gets the message twice.
              </p>
              <button
                type="button"
                disabled={retry.isPending}
                onClick={() => retry.mutate(job.id)}
                className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50"
              >
                Retry the failed {job.failed === 1 ? "batch" : "batches"}
              </button>
              {retry.isError && <p className="text-red-700 dark:text-red-400">Could not retry: {retry.error.message}</p>}
            </>
          )}
        </div>
      )}
    </section>
  );
}
