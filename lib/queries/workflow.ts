"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { Presence, SavedReplies, SavedReply, SavedReplyBody, TeamMembers, ThreadEvent, ThreadTeam, Workflow, WorkflowPatch } from "@/lib/schemas/workflow";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./keys";

/**
 * How often an open thread says so and hears who else is there. A teammate's typing shows within this plus a
 * request (the first keystroke is said at once), well inside the 2 s the team is promised.
 */
const PRESENCE_MS = 750;
/** How often an open thread's notes and workflow are read again (a teammate's note shows within this). */
const TEAM_POLL_MS = 3_000;

/** The team by name, for assigning and @mentions. */
export function useMembers() {
  return useQuery({
    queryKey: queryKeys.members(),
    queryFn: ({ signal }) => fetchJson<TeamMembers>("/api/team/members", { signal }),
    staleTime: 60_000,
  });
}

/** The open thread's owner, status and internal timeline. */
export function useThreadTeam(threadId: string, enabled = true) {
  return useQuery({
    enabled: enabled && !!threadId,
    queryKey: queryKeys.threadTeam(threadId),
    queryFn: ({ signal }) => fetchJson<ThreadTeam>(`/api/threads/${threadId}/workflow`, { signal }),
    refetchInterval: TEAM_POLL_MS,
  });
}

/** After a workflow change: the thread, its timeline, every list (a view gains or loses it) and the counts. */
function refreshAfterChange(qc: ReturnType<typeof useQueryClient>, threadId?: string) {
  if (threadId) void qc.invalidateQueries({ queryKey: queryKeys.threadTeam(threadId) });
  if (threadId) void qc.invalidateQueries({ queryKey: queryKeys.thread(threadId) });
  void qc.invalidateQueries({ queryKey: queryKeys.lists() });
  void qc.invalidateQueries({ queryKey: [...queryKeys.threads, "head"] });
  void qc.invalidateQueries({ queryKey: queryKeys.counts() });
}

export function useUpdateWorkflow(threadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: WorkflowPatch) => fetchJson<Workflow>(`/api/threads/${threadId}/workflow`, { method: "PATCH", body: JSON.stringify(patch) }),
    onSuccess: () => refreshAfterChange(qc, threadId),
  });
}

/** Assigns or sets the status of a selection at once. */
export function useBulkWorkflow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[]; change: WorkflowPatch }) =>
      fetchJson<{ changed: number; skipped: number }>("/api/threads/bulk-workflow", { method: "POST", body: JSON.stringify(body) }),
    onSuccess: () => refreshAfterChange(qc),
  });
}

export function useAddNote(threadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => fetchJson<ThreadEvent>(`/api/threads/${threadId}/notes`, { method: "POST", body: JSON.stringify({ text }) }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.threadTeam(threadId) }),
  });
}

/**
 * The open thread's heartbeat, once a second while the page is visible: says the member is here (and typing
 * when `typing` is true), and answers who else is. Leaving the thread says so at once.
 */
export function usePresence(threadId: string, isTyping: () => boolean, enabled = true) {
  const typingRef = useRef(isTyping);
  typingRef.current = isTyping;
  const q = useQuery({
    queryKey: queryKeys.presence(threadId),
    queryFn: ({ signal }) =>
      fetchJson<Presence>(`/api/threads/${threadId}/presence`, { method: "POST", body: JSON.stringify({ typing: typingRef.current() }), signal }),
    enabled: enabled && !!threadId,
    refetchInterval: PRESENCE_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
    retry: false,
  });
  useEffect(
    () => () => {
      if (!threadId) return;
      void fetch(`/api/threads/${threadId}/presence`, {
        method: "POST",
        keepalive: true,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ typing: false, leaving: true }),
      }).catch(() => undefined);
    },
    [threadId],
  );
  return q;
}

/** The team's saved replies, searched by `q` and kept to `lang` when given. */
export function useSavedReplies(q: string, lang: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.savedReplies(q, lang),
    queryFn: ({ signal }) => {
      const sp = new URLSearchParams();
      if (q.trim()) sp.set("q", q.trim());
      if (lang) sp.set("lang", lang);
      return fetchJson<SavedReplies>(`/api/saved-replies?${sp}`, { signal });
    },
    enabled,
  });
}

export function useSaveReply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: SavedReplyBody }) =>
      fetchJson<SavedReply>(id ? `/api/saved-replies/${id}` : "/api/saved-replies", { method: id ? "PUT" : "POST", body: JSON.stringify(body) }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.savedReplyLists() }),
  });
}

export function useDeleteReply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ deleted: true }>(`/api/saved-replies/${id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.savedReplyLists() }),
  });
}
