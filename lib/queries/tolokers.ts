"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { JobDto } from "@/lib/schemas/jobs";
import type {
  AppealDecisionBody,
  AppealDto,
  BonusBody,
  RequesterDto,
  RestrictionBody,
  RestrictionDto,
  SkillBody,
  SkillGrantBody,
  ThreadAppeal,
  TolokerPanel,
  UserSkillDto,
} from "@/lib/schemas/tolokers";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./keys";

/**
 * The Toloker panel's data. The server caches each part; the page keeps it for a minute and reads it again when the
 * window regains focus. `refresh()` asks the server to read Toloka again instead of its copy.
 */
export function useTolokerPanel(tolokerId: string, pools: string[]) {
  const qc = useQueryClient();
  const poolsParam = pools.slice(0, 10).join(",");
  const url = (refresh: boolean) => {
    const q = new URLSearchParams();
    if (poolsParam) q.set("pools", poolsParam);
    if (refresh) q.set("refresh", "1");
    const s = q.toString();
    return `/api/tolokers/${encodeURIComponent(tolokerId)}${s ? `?${s}` : ""}`;
  };
  const query = useQuery({
    queryKey: queryKeys.toloker(tolokerId, poolsParam),
    queryFn: ({ signal }) => fetchJson<TolokerPanel>(url(false), { signal }),
    staleTime: 60_000,
  });
  const refresh = useMutation({
    mutationFn: () => fetchJson<TolokerPanel>(url(true)),
    onSuccess: (panel) => qc.setQueryData(queryKeys.toloker(tolokerId, poolsParam), panel),
  });
  return { query, refresh };
}

/** The panel of a Toloker after an action on them: read from Toloka again, not from the server's cache. */
function useRefreshToloker() {
  const qc = useQueryClient();
  return (tolokerId: string) =>
    qc
      .getQueryCache()
      .findAll({ queryKey: queryKeys.tolokers() })
      .filter((q) => q.queryKey[1] === tolokerId)
      .map(async (q) => {
        const pools = String(q.queryKey[2] ?? "");
        const panel = await fetchJson<TolokerPanel>(`/api/tolokers/${encodeURIComponent(tolokerId)}?refresh=1${pools ? `&pools=${pools}` : ""}`).catch(
          () => null,
        );
        if (panel) qc.setQueryData(q.queryKey, panel);
      });
}

/** The account's balance, for the bonus dialog (read from Toloka each time the dialog opens). */
export function useRequester(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.requester(),
    queryFn: ({ signal }) => fetchJson<RequesterDto>("/api/requester?refresh=1", { signal }),
    enabled,
    staleTime: 0,
  });
}

/** Pays a bonus: a job of one payment, followed with `useJob`. */
export function usePayBonus(tolokerId: string) {
  return useMutation({
    mutationFn: (body: BonusBody) =>
      fetchJson<JobDto>(`/api/tolokers/${encodeURIComponent(tolokerId)}/bonuses`, { method: "POST", body: JSON.stringify(body) }),
  });
}

/** After a bonus job has finished: the panel's bonuses and the balance read again. */
export function useAfterBonus() {
  const qc = useQueryClient();
  const refreshToloker = useRefreshToloker();
  return (tolokerId: string) => {
    void qc.invalidateQueries({ queryKey: queryKeys.requester() });
    refreshToloker(tolokerId);
  };
}

export function useSetSkill(tolokerId: string) {
  const refreshToloker = useRefreshToloker();
  return useMutation({
    mutationFn: (body: SkillBody) =>
      fetchJson<UserSkillDto>(`/api/tolokers/${encodeURIComponent(tolokerId)}/skills`, { method: "PUT", body: JSON.stringify(body) }),
    onSettled: () => refreshToloker(tolokerId),
  });
}

export function useRemoveSkill(tolokerId: string) {
  const refreshToloker = useRefreshToloker();
  return useMutation({
    mutationFn: (userSkillId: string) =>
      fetchJson<{ ok: true }>(`/api/tolokers/${encodeURIComponent(tolokerId)}/skills/${encodeURIComponent(userSkillId)}`, { method: "DELETE" }),
    onSettled: () => refreshToloker(tolokerId),
  });
}

export function useRestrict(tolokerId: string) {
  const refreshToloker = useRefreshToloker();
  return useMutation({
    mutationFn: (body: RestrictionBody) =>
      fetchJson<RestrictionDto>(`/api/tolokers/${encodeURIComponent(tolokerId)}/restrictions`, { method: "POST", body: JSON.stringify(body) }),
    onSettled: () => refreshToloker(tolokerId),
  });
}

export function useLiftRestriction(tolokerId: string) {
  const refreshToloker = useRefreshToloker();
  return useMutation({
    mutationFn: (restrictionId: string) =>
      fetchJson<{ ok: true }>(`/api/tolokers/${encodeURIComponent(tolokerId)}/restrictions/${encodeURIComponent(restrictionId)}`, { method: "DELETE" }),
    onSettled: () => refreshToloker(tolokerId),
  });
}

/** "Give everyone who did this a skill": a job of one item per Toloker. */
export function useGrantSkill() {
  return useMutation({
    mutationFn: (body: SkillGrantBody) => fetchJson<JobDto>("/api/skills/grant", { method: "POST", body: JSON.stringify(body) }),
  });
}

/** The thread's appeal, if it names an assignment: read from Toloka when the thread opens. */
export function useThreadAppeal(threadId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.threadAppeal(threadId),
    queryFn: ({ signal }) => fetchJson<ThreadAppeal>(`/api/threads/${encodeURIComponent(threadId)}/appeal?refresh=1`, { signal }),
    enabled,
    staleTime: 30_000,
  });
}

/** Accept the response or keep the rejection, and reply in the same step. */
export function useDecideAppeal(threadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AppealDecisionBody) =>
      fetchJson<{ appeal: AppealDto; reply: { sent: boolean; error?: string } }>(`/api/threads/${encodeURIComponent(threadId)}/appeal`, {
        method: "POST",
        body: JSON.stringify(body),
      }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.appeals() });
      void qc.invalidateQueries({ queryKey: queryKeys.thread(threadId) });
      void qc.invalidateQueries({ queryKey: queryKeys.lists() });
    },
  });
}

/**
 * Open appeals, the closest deadline first: read every 10 s (3 s while some threads' assignments are still being
 * read), and on demand with `check()`, which waits for the server's pass over Toloka.
 */
export function useAppeals() {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.appealList(),
    queryFn: ({ signal }) => fetchJson<{ items: AppealDto[]; pending: number }>("/api/appeals", { signal }),
    refetchInterval: (q) => ((q.state.data?.pending ?? 0) > 0 ? 3_000 : 10_000),
  });
  const check = useMutation({
    mutationFn: () => fetchJson<{ items: AppealDto[]; pending: number }>("/api/appeals?refresh=1"),
    onSuccess: (list) => {
      qc.setQueryData(queryKeys.appealList(), list);
      void qc.invalidateQueries({ queryKey: queryKeys.appealCount() });
    },
  });
  return { query, check };
}

/** How many appeals are open, for the sidebar. */
export function useAppealCount() {
  return useQuery({
    queryKey: queryKeys.appealCount(),
    queryFn: ({ signal }) => fetchJson<{ open: number }>("/api/appeals/count", { signal }).then((r) => r.open),
    refetchInterval: 15_000,
  });
}
