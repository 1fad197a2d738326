import "server-only";
import type { z } from "zod";
import type { ApiErrorBody, ApiErrorCode } from "@/lib/schemas/error";

const STATUS: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UPSTREAM_FAILED: 502,
  NOT_CONFIGURED: 503,
  INTERNAL: 500,
};

/** An error a route handler answers with as-is: its message is meant for the person using the app. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = STATUS[code];
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

/** Turns zod issues into `{ "dotted.path": "message" }`, prefixed by where the input came from. */
export function zodFields(error: z.ZodError, prefix?: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== "").join(".") || prefix || "input";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** A 400 whose message names the offending fields. */
export function badRequest(fields: Record<string, string>): ApiError {
  const names = Object.keys(fields);
  const message =
    names.length === 1 ? `Invalid ${names[0]}: ${fields[names[0]]}` : `Invalid input: ${names.join(", ")}`;
  return new ApiError("BAD_REQUEST", message, fields);
}
