"use client";

import type { ConditionEditorProps } from "./fields";
import { VersionedCondition } from "./versioned-condition";

const KEYS = [
  { value: "user_agent_family", label: "Browser" },
  { value: "user_agent_type", label: "Browser type" },
  { value: "user_agent_version", label: "Browser version" },
  { value: "user_agent_version_major", label: "Browser major version" },
  { value: "user_agent_version_minor", label: "Browser minor version" },
  { value: "user_agent_version_bugfix", label: "Browser bugfix version" },
];

/** Browser: its family (Chrome, Firefox...), its type (full-size, mobile) or its version. */
export function BrowserCondition(props: ConditionEditorProps) {
  return <VersionedCondition {...props} kind="browser" keys={KEYS} />;
}
