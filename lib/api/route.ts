import "server-only";
import { z } from "zod";
import { getRequestUser } from "@/lib/auth/request-user";
import type { TeamUser } from "@/lib/auth/users";
import { hasRole, type Role } from "@/lib/schemas/roles";
import { TolokaError } from "@/lib/toloka/errors";
import { ApiError, badRequest, zodFields } from "./errors";

/** What a route declares: the least role it needs and the shapes of what comes in and goes out. */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  role: Role;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** HTTP status of a success; 200 unless said. */
  status?: number;
}

export interface RouteContext<P, Q, B> {
  user: TeamUser;
  params: P;
  query: Q;
  body: B;
  req: Request;
}

type NextCtx = { params: Promise<Record<string, string | string[] | undefined>> };

const MAX_BODY_BYTES = 2 * 1024 * 1024;

function queryToObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

async function readJsonBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw badRequest({ body: "must be JSON (Content-Type: application/json)" });
  }
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw badRequest({ body: `is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB` });
  try {
    return text.length ? JSON.parse(text) : undefined;
  } catch {
    throw badRequest({ body: "is not valid JSON" });
  }
}

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest(zodFields(result.error));
  return result.data;
}

/** Maps any thrown error to the envelope; details of unexpected ones go to the log only. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) return error.toResponse();
  if (error instanceof TolokaError) return fromToloka(error).toResponse();
  console.error("[api] unexpected error", error instanceof Error ? (error.stack ?? error.message) : error);
  return new ApiError("INTERNAL", "Something went wrong on the server. It has been logged.").toResponse();
}

/** Toloka's error, said in the app's words; Toloka's own body is never forwarded raw. */
export function fromToloka(error: TolokaError): ApiError {
  if (error.status === 401 || error.status === 403) {
    return new ApiError(
      "NOT_CONFIGURED",
      "Toloka rejected the app's API key. An admin needs to check the Toloka connection.",
    );
  }
  if (error.status === 429) {
    return new ApiError("RATE_LIMITED", "Toloka's rate limit was reached. Try again shortly.", undefined, error.retryAfterSeconds ?? 5);
  }
  if (error.status === 404) return new ApiError("NOT_FOUND", "Toloka does not know this thread.");
  if (error.status === 409) return new ApiError("CONFLICT", `Toloka refused: ${error.message}`);
  if (error.status === 400) return new ApiError("BAD_REQUEST", `Toloka refused the request: ${error.message}`, error.fields);
  if (error.isNetwork) return new ApiError("UPSTREAM_FAILED", `Toloka could not be reached: ${error.message}`);
  return new ApiError("UPSTREAM_FAILED", `Toloka failed (${error.status} ${error.code}). Try again.`);
}

/**
 * Wraps a route handler: session, role, zod in, zod out, one error envelope.
 * The handler returns data matching `spec.response` (or a Response to pass through untouched).
 */
export function apiRoute<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
  R extends z.ZodType = z.ZodType,
>(
  spec: RouteSpec<P, Q, B, R>,
  handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.infer<R> | Response>,
) {
  return async function route(req: Request, ctx?: NextCtx): Promise<Response> {
    try {
      const user = await getRequestUser(req);
      if (!user) throw new ApiError("UNAUTHENTICATED", "Sign in to continue.");
      if (!hasRole(user.role, spec.role)) {
        throw new ApiError("FORBIDDEN", `This needs the ${spec.role} role; you are signed in as ${user.role}.`);
      }
      const url = new URL(req.url);
      const rawParams = ctx?.params ? await ctx.params : {};
      const params = spec.params ? parseOrThrow(spec.params, rawParams) : ({} as z.infer<P>);
      const query = spec.query ? parseOrThrow(spec.query, queryToObject(url)) : ({} as z.infer<Q>);
      const body = spec.body ? parseOrThrow(spec.body, await readJsonBody(req)) : (undefined as z.infer<B>);

      const result = await handler({ user, params, query, body, req });
      if (result instanceof Response) return result;
      const out = spec.response.safeParse(result);
      if (!out.success) {
        console.error("[api] response failed its schema", req.method, url.pathname, out.error.issues.slice(0, 3));
        throw new ApiError("INTERNAL", "The server produced an invalid response. It has been logged.");
      }
      return Response.json(out.data, { status: spec.status ?? 200, headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
