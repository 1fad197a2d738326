"use client";

import { EnumCondition, type ConditionEditorProps } from "./fields";

/** Gender: is / is not male or female. */
export function GenderCondition(props: ConditionEditorProps) {
  return <EnumCondition {...props} category="profile" keyName="gender" />;
}
