"use client";

import { EnumCondition, type ConditionEditorProps } from "./fields";

/** Client type: a browser or the Toloka app. */
export function ClientCondition(props: ConditionEditorProps) {
  return <EnumCondition {...props} category="computed" keyName="client_type" />;
}
