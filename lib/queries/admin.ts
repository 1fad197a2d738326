"use client";

import { useQuery } from "@tanstack/react-query";
import type { ConnectionDto } from "@/lib/schemas/connection";
import type { Team } from "@/lib/schemas/team";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./keys";

/** The team and its pending invitations (admins only: the route refuses everyone else). */
export function useTeam() {
  return useQuery({ queryKey: queryKeys.team(), queryFn: ({ signal }) => fetchJson<Team>("/api/team", { signal }) });
}

/** The Toloka connection in force, for its settings page (never the key: only its last characters). */
export function useConnectionSettings() {
  return useQuery({ queryKey: queryKeys.connection(), queryFn: ({ signal }) => fetchJson<ConnectionDto>("/api/settings/connection", { signal }) });
}
