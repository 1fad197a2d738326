import type { ApiErrorCode } from "@/lib/schemas/error";

/**
 * What the app refuses or cannot do, said for the person using it: the domain's error. Services throw it; the
 * route wrapper answers it with its code's HTTP status (lib/api/errors.ts), so no service knows about HTTP.
 */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Which inputs were wrong, and how, by field. */
    readonly fields?: Record<string, string>,
    /** When to try again, for a refusal that passes (a rate limit). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** How many field names a message lists. */
const MAX_NAMED = 5;

/** Input refused, naming the fields in the message ("Invalid recipients.ids: …"), and how many more were wrong. */
export function invalid(fields: Record<string, string>, omitted = 0): AppError {
  const names = Object.keys(fields);
  if (names.length === 1 && omitted === 0) return new AppError("BAD_REQUEST", `Invalid ${names[0]}: ${fields[names[0]]}`, fields);
  const more = names.length - Math.min(names.length, MAX_NAMED) + omitted;
  const listed = names.slice(0, MAX_NAMED).join(", ");
  return new AppError("BAD_REQUEST", `Invalid input: ${listed}${more > 0 ? ` and ${more.toLocaleString("en-US")} more` : ""}`, fields);
}
