"use client";

import { useTranslations } from "next-intl";
import type { ConditionEditorProps } from "./fields";
import { VersionedCondition } from "./versioned-condition";

/**
 * Operating system: its family (Android, iOS, Windows...) or its version. Beside the versions the family reads as
 * "OS family": its key's label, "Operating system", is the whole row's.
 */
export function OsCondition(props: ConditionEditorProps) {
  const t = useTranslations("compose.filterBuilder");
  return <VersionedCondition {...props} kind="os" labels={{ os_family: t("osFamily") }} />;
}
