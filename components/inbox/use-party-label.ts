"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { recipientsInWords } from "@/lib/compose/recipient-words";
import { useSkills } from "@/lib/queries/compose";
import type { OtherParty } from "@/lib/schemas/threads";
import { partyLabel } from "./format";

type ReadOut = typeof import("@/lib/compose/recipients").describeRecipientsMarked;

// The filter language (its zod schema and name tables) is not in the first view's scripts: it loads once, for the
// whole page, when the first filter send is on screen. A failed load is tried again by the next row that needs it.
let describer: ReadOut | null = null;
let loading: Promise<ReadOut> | null = null;
function loadDescriber(): Promise<ReadOut> {
  loading ??= import("@/lib/compose/recipients").then(
    (m) => {
      describer = m.describeRecipientsMarked;
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
 * until the first arrives the row says "Tolokers by filter", until the second skills read by id. In the reader's
 * language: the party's words are `common.party`, the recipients' `compose.words`. The label marks its data (a
 * skill's name, lib/filters/marks.ts): show it with <MarkedText>, or `stripMarks` it for an attribute.
 */
export function usePartyLabel(p: OtherParty): string {
  const party = useTranslations("common.party");
  const t = useTranslations("compose.words");
  const locale = useLocale();
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
    const words = { t, locale };
    if (!needsNames || !readOut) return partyLabel(p, party, (r) => recipientsInWords(r, words));
    const skillNames = skills.data ? Object.fromEntries(skills.data.map((s) => [s.id, s.name])) : undefined;
    return partyLabel(p, party, (r) => readOut(r, words, { skillNames }));
  }, [p, needsNames, readOut, skills.data, party, t, locale]);
}
