"use client";

import { useTranslations } from "next-intl";
import { BoolCondition, type ConditionEditorProps } from "./fields";

/** Whether the Toloker agreed to see adult content. */
export function AdultCondition(props: ConditionEditorProps) {
  const t = useTranslations("compose.filterBuilder.adult");
  return <BoolCondition {...props} keyName="adult_allowed" yes={t("yes")} no={t("no")} />;
}
