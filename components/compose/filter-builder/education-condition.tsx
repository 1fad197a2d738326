"use client";

import { EnumCondition, type ConditionEditorProps } from "./fields";

/** Education (a legacy key the SDKs still send): basic, secondary or higher. */
export function EducationCondition(props: ConditionEditorProps) {
  return <EnumCondition {...props} category="profile" keyName="education" />;
}
