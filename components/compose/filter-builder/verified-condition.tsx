"use client";

import { useTranslations } from "next-intl";
import { BoolCondition, type ConditionEditorProps } from "./fields";

/** Whether the Toloker's identity is verified. */
export function VerifiedCondition(props: ConditionEditorProps) {
  const t = useTranslations("compose.filterBuilder.verified");
  return <BoolCondition {...props} keyName="verified" yes={t("yes")} no={t("no")} />;
}
