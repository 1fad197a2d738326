import { cn } from "./cn";

/**
 * What links a field to its error, only while the error is shown (see `useTouched`): `aria-invalid`, and
 * `aria-describedby` naming the error's element after the field's other descriptions (a hint).
 */
export function errorAria(errorId: string, error: string | undefined | null, ...described: Array<string | undefined>) {
  const ids = [...described, error ? errorId : undefined].filter(Boolean).join(" ");
  return { "aria-invalid": error ? true : undefined, "aria-describedby": ids || undefined } as const;
}

/** A field's error under it, when it is shown; nothing otherwise. Not an alert: the form's summary is one. */
export function FieldError({ id, error, className }: { id: string; error: string | undefined | null; className?: string }) {
  if (!error) return null;
  return (
    <p id={id} className={cn("mt-1 text-sm font-normal text-red-700 dark:text-red-400", className)}>
      {error}
    </p>
  );
}

/** An email address as a browser's `type="email"` input accepts one (the WHATWG definition). */
const EMAIL_RE = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/**
 * The error of a required email field, in words; undefined when it is one. The words are the caller's, in the
 * page's language (messages admin.email); the defaults are the English ones, for callers without a translator.
 */
export function emailError(
  value: string,
  empty = "Enter an email address.",
  invalid = "This is not an email address (like name@example.com).",
): string | undefined {
  if (!value.trim()) return empty;
  return EMAIL_RE.test(value.trim()) ? undefined : invalid;
}
