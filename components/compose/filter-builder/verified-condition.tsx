"use client";

import { BoolCondition, type ConditionEditorProps } from "./fields";

/** Whether the Toloker's identity is verified. */
export function VerifiedCondition(props: ConditionEditorProps) {
  return <BoolCondition {...props} keyName="verified" yes="verified" no="not verified" />;
}
