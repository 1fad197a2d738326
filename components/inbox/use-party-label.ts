"use client";

import { useMemo } from "react";
import { useSkills } from "@/lib/queries/compose";
import type { OtherParty } from "@/lib/schemas/threads";
import { partyLabel } from "./format";

/**
 * The other party as the list and the thread view name it, with skills by the names the account gives them
 * ("skill "Accuracy" ≥ 80", not "skill #41027"). The skill list is asked for only when a filter send is shown,
 * and once for the whole page (cached for ten minutes); until it arrives, or if it fails, skills read by id.
 */
export function usePartyLabel(p: OtherParty): string {
  const needsNames = p.kind === "recipients" && p.selectType === "FILTER" && p.filter !== undefined;
  const skills = useSkills(needsNames);
  return useMemo(() => {
    if (!needsNames || !skills.data) return partyLabel(p);
    return partyLabel(p, { skillNames: Object.fromEntries(skills.data.map((s) => [s.id, s.name])) });
  }, [p, needsNames, skills.data]);
}
