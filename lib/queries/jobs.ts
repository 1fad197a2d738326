"use client";

import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import type { JobDto } from "@/lib/schemas/jobs";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./keys";

/** Whether a job is still going: its progress is polled until it is not. */
export function isRunning(job: JobDto): boolean {
  return job.status === "queued" || job.status === "running";
}

/** One job's progress (a send, a mark-all-read): polled twice a second until it finishes. */
function jobQuery(id: string) {
  return queryOptions({
    queryKey: queryKeys.job(id),
    queryFn: ({ signal }) => fetchJson<JobDto>(`/api/jobs/${id}`, { signal }),
    refetchInterval: (q) => (q.state.data && !isRunning(q.state.data) ? false : 500),
  });
}

/**
 * A job's progress, for any kind of job; when it has finished, what it changed is read again: the thread lists
 * and counts, and a send's drafts, status and list of sends.
 */
export function useJob(id: string | null) {
  const client = useQueryClient();
  return useQuery({
    ...jobQuery(id ?? "none"),
    enabled: id !== null,
    queryFn: async (ctx) => {
      const job = await fetchJson<JobDto>(`/api/jobs/${id}`, { signal: ctx.signal });
      if (!isRunning(job)) {
        void client.invalidateQueries({ queryKey: queryKeys.threads });
        void client.invalidateQueries({ queryKey: queryKeys.compose });
      }
      return job;
    },
  });
}
