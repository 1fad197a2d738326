"use client";

import type { ConditionEditorProps } from "./fields";
import { VersionedCondition } from "./versioned-condition";

/** Browser: its family (Chrome, Firefox...), its type (full-size, mobile) or its version. */
export function BrowserCondition(props: ConditionEditorProps) {
  return <VersionedCondition {...props} kind="browser" />;
}
