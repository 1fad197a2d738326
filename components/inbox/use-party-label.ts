"use client";

import { useEffect, useMemo, useState } from "react";
import { useSkills } from "@/lib/queries/compose";
import type { OtherParty } from "@/lib/schemas/threads";
import { partyLabel } from "./format";

type ReadOut = typeof import("@/lib/compose/recipients").describeRecipients;

// The filter language (its zod schema and name tables) is not in the first view's scripts: it loads once, for the
// whole page, when the first filter send is on screen. A failed load is tried again by the next row that needs it.
let describer: ReadOut | null = null;
let loading: Promise<ReadOut> | null = null;
function loadDescriber(): Promise<ReadOut> {
  loading ??= import("@/lib/compose/recipients").then(
    (m) => {
      describer = m.describeRecipients;
      return describer;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * The other party as the list and the thread view name it, with a filter send read out and its skills by the
 * names the account gives them ("skill "Accuracy" ≥ 80", not "skill #41027"). The filter language and the skill
 * list are fetched only when a filter send is shown, once for the whole page (the skills cached for ten minutes);
 * until the first arrives the row says "Tolokers by filter", until the second skills read by id.
 */
export function usePartyLabel(p: OtherParty): string {
  const needsNames = p.kind === "recipients" && p.selectType === "FILTER" && p.filter !== undefined;
  const skills = useSkills(needsNames);
  const [readOut, setReadOut] = useState<ReadOut | null>(() => describer);
  useEffect(() => {
    if (!needsNames || readOut) return;
    let live = true;
    loadDescriber().then(
      (d) => live && setReadOut(() => d),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [needsNames, readOut]);
  return useMemo(() => {
    if (!needsNames || !readOut) return partyLabel(p);
    const skillNames = skills.data ? Object.fromEntries(skills.data.map((s) => [s.id, s.name])) : undefined;
    return partyLabel(p, (r) => readOut(r, { skillNames }));
  }, [p, needsNames, readOut, skills.data]);
}
