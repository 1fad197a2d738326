"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ComposeStatus, DraftContent, DraftDto, SendBody } from "@/lib/schemas/compose";
import type { JobDto } from "@/lib/schemas/jobs";
import { fetchJson } from "./fetch-json";
import { isRunning } from "./jobs";
import { queryKeys } from "./keys";

export interface SkillOption {
  id: string;
  name: string;
  global: boolean;
  /** Toloka marks the skill hidden (access closed) or deprecated; sent by /api/skills when Toloka says so. */
  hidden?: boolean;
  deprecated?: boolean;
}

/** The account's skills for the filter builder's picker. */
export function useSkills(enabled = true) {
  return useQuery({
    queryKey: queryKeys.skills(),
    queryFn: () => fetchJson<{ items: SkillOption[] }>("/api/skills").then((r) => r.items),
    enabled,
    staleTime: 10 * 60_000,
  });
}

/** The member's drafts, most recent first. */
export function useDrafts(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.drafts(),
    queryFn: () => fetchJson<{ items: DraftDto[] }>("/api/compose/drafts").then((r) => r.items),
    enabled,
    staleTime: 0,
  });
}

/** Whether a send to all already went out today (for the pre-send checks). */
export function useComposeStatus(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.composeStatus(),
    queryFn: () => fetchJson<ComposeStatus>("/api/compose/status"),
    enabled,
    staleTime: 30_000,
  });
}

/** The member's sends of the last day; polled while one of them is running. */
export function useSends(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.sends(),
    queryFn: () => fetchJson<{ items: JobDto[] }>("/api/compose/sends").then((r) => r.items),
    enabled,
    refetchInterval: (q) => (q.state.data?.some(isRunning) ? 1_000 : false),
  });
}

/** Starts a draft (its first autosave). */
export function createDraft(content: DraftContent): Promise<DraftDto> {
  return fetchJson<DraftDto>("/api/compose/drafts", { method: "POST", body: JSON.stringify({ content }) });
}

/** Saves a draft's content (a 404 means it was deleted elsewhere). */
export function saveDraft(id: string, content: DraftContent): Promise<DraftDto> {
  return fetchJson<DraftDto>(`/api/compose/drafts/${id}`, { method: "PUT", body: JSON.stringify({ content }) });
}

/** Discards a draft. */
export function deleteDraft(id: string): Promise<{ deleted: true }> {
  return fetchJson<{ deleted: true }>(`/api/compose/drafts/${id}`, { method: "DELETE" });
}

/** Starts a send; on success the member's sends and drafts are refreshed. */
export function useSendMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SendBody) => fetchJson<JobDto>("/api/compose/send", { method: "POST", body: JSON.stringify(body) }),
    onSuccess: (job) => {
      client.setQueryData(queryKeys.job(job.id), job);
      void client.invalidateQueries({ queryKey: queryKeys.sends() });
      void client.invalidateQueries({ queryKey: queryKeys.drafts() });
      void client.invalidateQueries({ queryKey: queryKeys.composeStatus() });
    },
  });
}

/** "Retry the failed ones". */
export function useRetryMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => fetchJson<JobDto>(`/api/jobs/${jobId}/retry`, { method: "POST" }),
    onSuccess: (job) => {
      client.setQueryData(queryKeys.job(job.id), job);
      void client.invalidateQueries({ queryKey: queryKeys.sends() });
      void client.invalidateQueries({ queryKey: queryKeys.drafts() });
    },
  });
}

/** The requester's word on an unconfirmed batch: it arrived (as one of its candidate threads, or unseen), or send it again. */
export function useDecideMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ jobId, seq, decision }: { jobId: string; seq: number; decision: { arrived: true; threadId?: string } | { arrived: false } }) =>
      fetchJson<JobDto>(`/api/jobs/${jobId}/batches/${seq}`, { method: "POST", body: JSON.stringify(decision) }),
    onSuccess: (job) => {
      client.setQueryData(queryKeys.job(job.id), job);
      void client.invalidateQueries({ queryKey: queryKeys.sends() });
    },
  });
}
