import "server-only";
import type { z } from "zod";
import { AppError, invalid } from "@/lib/errors";
import type { ApiErrorBody, ApiErrorCode } from "@/lib/schemas/error";

const STATUS: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  REPLIED_MEANWHILE: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UPSTREAM_FAILED: 502,
  NOT_CONFIGURED: 503,
  INTERNAL: 500,
};

/**
 * An error a route handler answers with as-is: its message is meant for the person using the app. A service's
 * AppError (lib/errors.ts) is answered the same way: this adds only the HTTP of it.
 */
export class ApiError extends AppError {
  readonly status: number;
  constructor(code: ApiErrorCode, message: string, fields?: Record<string, string>, retryAfterSeconds?: number) {
    super(code, message, fields, retryAfterSeconds);
    this.name = "ApiError";
    this.status = STATUS[code];
  }

  /** A service's error as the answer a route gives. */
  static from(error: AppError): ApiError {
    return error instanceof ApiError ? error : new ApiError(error.code, error.message, error.fields, error.retryAfterSeconds);
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }

  toResponse(): Response {
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (this.retryAfterSeconds !== undefined) headers["Retry-After"] = String(Math.ceil(this.retryAfterSeconds));
    return Response.json(this.toBody(), { status: this.status, headers });
  }
}

/** At most this many fields in one answer: a body with 50,000 wrong entries gets a short answer, not a huge one. */
const MAX_FIELDS = 20;
/** How much of one path segment (a key the client chose, so as long as it likes) an answer repeats. */
const MAX_SEGMENT = 64;

function segment(p: PropertyKey): string {
  const s = String(p);
  return s.length > MAX_SEGMENT ? `${s.slice(0, MAX_SEGMENT)}…` : s;
}

function collectFields(error: z.ZodError, prefix?: string): { fields: Record<string, string>; omitted: number } {
  const all = new Map<string, { message: string; depth: number }>();
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(segment)].filter((p) => p !== undefined && p !== "").join(".") || prefix || "input";
    if (!all.has(key)) all.set(key, { message: issue.message, depth: issue.path.length });
  }
  let entries = [...all];
  if (entries.length > MAX_FIELDS) {
    // The shallowest first: "recipients.ids: must be at most 50,000 ids" says more than the 50,001st id's problem.
    const kept = new Set(
      entries
        .map(([key, v], i) => ({ key, depth: v.depth, i }))
        .sort((a, b) => a.depth - b.depth || a.i - b.i)
        .slice(0, MAX_FIELDS)
        .map((e) => e.key),
    );
    entries = entries.filter(([key]) => kept.has(key));
  }
  return { fields: Object.fromEntries(entries.map(([key, v]) => [key, v.message])), omitted: all.size - entries.length };
}

/** The 400 for input a schema refused, naming the fields (and how many more there were past the first few). */
export function invalidInput(error: z.ZodError, prefix?: string): ApiError {
  const { fields, omitted } = collectFields(error, prefix);
  return badRequest(fields, omitted);
}

/** A 400 whose message names the offending fields (a few of them, and how many more; `omitted` were left out). */
export function badRequest(fields: Record<string, string>, omitted = 0): ApiError {
  return ApiError.from(invalid(fields, omitted));
}
