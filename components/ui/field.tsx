"use client";

import { useId, type ComponentProps, type ReactNode } from "react";
import { errorAria, FieldError } from "./field-error";
import type { Touched } from "./use-touched";

/**
 * A labelled input of a form that uses `useTouched`: the label around it, a hint under it, and the error it is
 * given under that. `error` is the error to show now, already decided by the form (the server's word on the field,
 * else the form's own once `name` was touched: `touched.errors`); the field only wires it to the input.
 */
export function Field({
  label,
  name,
  touched,
  error,
  hint,
  ...input
}: {
  label: ReactNode;
  /** The key the form's touched state and its errors use for this field. */
  name: string;
  touched: Touched;
  error: string | undefined;
  hint?: ReactNode;
} & ComponentProps<"input">) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label className="block text-sm font-medium">
        {label}
        <input {...input} {...touched.field(name)} {...errorAria(`${id}-error`, error, hintId)} />
      </label>
      {hint && (
        <span id={hintId} className="mt-1 block text-xs font-normal text-zinc-500">
          {hint}
        </span>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
