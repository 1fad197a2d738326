"use client";

import { EnumCondition, type ConditionEditorProps } from "./fields";

/** Device category: personal computer, smartphone, tablet, wearable. */
export function DeviceCondition(props: ConditionEditorProps) {
  return <EnumCondition {...props} category="computed" keyName="device_category" />;
}
