"use client";

import { BoolCondition, type ConditionEditorProps } from "./fields";

/** Whether the Toloker agreed to see adult content. */
export function AdultCondition(props: ConditionEditorProps) {
  return <BoolCondition {...props} keyName="adult_allowed" yes="allowed" no="not allowed" />;
}
