"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AdminNotifySettings, AdminNotifyUpdate, MemberNotifyPage, MemberNotifySettings, NotifyTestResult } from "@/lib/schemas/notifications";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./keys";

/** The signed-in member's own notification settings, and which ways work on this server. */
export function useMyNotifications() {
  return useQuery({
    queryKey: queryKeys.myNotifications(),
    queryFn: ({ signal }) => fetchJson<MemberNotifyPage>("/api/account/notifications", { signal }),
  });
}

/** Saves the member's own settings (the whole form). */
export function useSaveMyNotifications() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: MemberNotifySettings) =>
      fetchJson<MemberNotifyPage>("/api/account/notifications", { method: "PUT", body: JSON.stringify(settings) }),
    onSuccess: (page) => client.setQueryData(queryKeys.myNotifications(), page),
  });
}

/** The team's notifications (admins only): the webhook masked, what may leave, how delivery goes. */
export function useTeamNotifications() {
  return useQuery({
    queryKey: queryKeys.teamNotifications(),
    queryFn: ({ signal }) => fetchJson<AdminNotifySettings>("/api/settings/notifications", { signal }),
    // The queue's counts and the last error move on their own.
    refetchInterval: 30_000,
  });
}

/** The admin's change; the member's page is read again (whether the webhook is there). */
export function useSaveTeamNotifications() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (update: AdminNotifyUpdate) => fetchJson<AdminNotifySettings>("/api/settings/notifications", { method: "PUT", body: JSON.stringify(update) }),
    onSuccess: (settings) => {
      client.setQueryData(queryKeys.teamNotifications(), settings);
      void client.invalidateQueries({ queryKey: queryKeys.myNotifications() });
    },
  });
}

/** "Send a test": an email to the admin and a POST to the webhook, now. */
export function useTestNotifications() {
  return useMutation({ mutationFn: () => fetchJson<NotifyTestResult>("/api/settings/notifications/test", { method: "POST" }) });
}
