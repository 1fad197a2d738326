import { z } from "zod";
import type { ApiErrorBody } from "./plain";

/** The one error envelope every /api route answers with. `fields` maps a dotted input path to what is wrong. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
}) satisfies z.ZodType<ApiErrorBody>;
export type { ApiErrorBody } from "./plain";

export const API_ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  /** A teammate replied in the thread since the member began their reply: send again with `confirmed`. */
  "REPLIED_MEANWHILE",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "UPSTREAM_FAILED",
  "NOT_CONFIGURED",
  "INTERNAL",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
