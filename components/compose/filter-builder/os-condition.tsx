"use client";

import type { ConditionEditorProps } from "./fields";
import { VersionedCondition } from "./versioned-condition";

const KEYS = [
  { value: "os_family", label: "OS family" },
  { value: "os_version", label: "OS version" },
  { value: "os_version_major", label: "OS major version" },
  { value: "os_version_minor", label: "OS minor version" },
  { value: "os_version_bugfix", label: "OS bugfix version" },
];

/** Operating system: its family (Android, iOS, Windows...) or its version. */
export function OsCondition(props: ConditionEditorProps) {
  return <VersionedCondition {...props} kind="os" keys={KEYS} />;
}
