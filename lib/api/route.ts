import "server-only";
import { AppError } from "@/lib/errors";
import type { z } from "zod";
import { getRequestUser } from "@/lib/auth/request-user";
import type { TeamUser } from "@/lib/auth/users";
import type { ActivityAction } from "@/lib/schemas/activity";
import { readBoundedText } from "@/lib/bounded-body";
import { getLogger } from "@/lib/log";
import { hasPermission, PERMISSION_LABELS, type Permission } from "@/lib/schemas/plain";
import { hasRole, type Role } from "@/lib/schemas/roles";
import { longQuotaMessage, quotaResetsAt, TolokaError } from "@/lib/toloka/errors";
import { actorOf, recordActivity, type ActivitySubject } from "./activity";
import { DEFAULT_LOCALE, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { inLocale } from "./error-words";
import { ApiError, badRequest, invalidInput } from "./errors";
import { withHsts } from "./hsts";
import { isCrossSite, isMutating } from "./origin";
import { contextOf, currentRequest, runWithRequest } from "./request-context";

/**
 * What a successful call of a route writes to the activity log. The wrapper writes it, with `subject` from the
 * parsed input and the result; or, with `recordedBy: "handler"`, the handler's service writes it because only
 * it knows the details (a role's old value, whether demo mode ended), and the spec just declares it.
 */
export type ActivitySpec<P, Q, B, R> =
  | {
      action: ActivityAction;
      /** The thread, job or person the entry is about, from the parsed input and the result. */
      subject?: (input: { params: P; query: Q; body: B; user: TeamUser }, result: R) => ActivitySubject;
      recordedBy?: "wrapper";
    }
  | { action: ActivityAction; recordedBy: "handler" };

/** What a route declares: the least role it needs and the shapes of what comes in and goes out. */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  role: Role;
  /** A permission an admin grants beyond the role (paying bonuses, restricting), checked after the role. */
  permission?: Permission;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** HTTP status of a success; 200 unless said. */
  status?: number;
  /** Write an entry to the activity log after a success. */
  activity?: ActivitySpec<z.infer<P>, z.infer<Q>, z.infer<B>, z.infer<R>>;
  /** Open to someone who signed in with a temporary password and has not chosen their own yet. */
  allowPendingPasswordChange?: boolean;
}

/** A route anyone may call (the first admin's setup, accepting an invitation): everything but the session. */
export type PublicRouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> = Omit<
  RouteSpec<P, Q, B, R>,
  "role" | "activity" | "allowPendingPasswordChange"
>;

export interface RouteContext<P, Q, B> {
  user: TeamUser;
  params: P;
  query: Q;
  body: B;
  req: Request;
}

export type PublicRouteContext<P, Q, B> = Omit<RouteContext<P, Q, B>, "user">;

type NextCtx = { params: Promise<Record<string, string | string[] | undefined>> };

/** The largest request body any route reads: a send to 50,000 Tolokers by id is about 1.8 MB of JSON. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

function queryToObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;
}

/** The 413 for a body over MAX_BODY_BYTES, naming the body, its size when known, and the limit. */
function tooLarge(bytes?: number): ApiError {
  // Just over the limit, "2 MB, larger than 2 MB" would say nothing: then in bytes.
  const said = bytes !== undefined && (megabytes(bytes) === megabytes(MAX_BODY_BYTES) ? `${bytes.toLocaleString("en-US")} bytes` : megabytes(bytes));
  const size = said ? `is ${said}, larger than` : "is larger than";
  const fields = { body: `${size} the ${megabytes(MAX_BODY_BYTES)} this server accepts` };
  return new ApiError("PAYLOAD_TOO_LARGE", `Invalid body: ${fields.body}`, fields);
}

/**
 * The body as text, refused before it is read when Content-Length says it is too large, and while it is read
 * when a body without a length (chunked) runs past the limit: a huge body never sits in memory whole. Every
 * route that reads a body reads it through this, the unauthenticated ones (sign-in, setup, invitations) too.
 */
export async function readBodyText(req: Request): Promise<string> {
  return readBoundedText(req, MAX_BODY_BYTES, tooLarge);
}

async function readJsonBody(req: Request): Promise<unknown> {
  const text = await readBodyText(req);
  // No body at all is "undefined", for routes whose body is optional; anything else must be declared JSON.
  if (text.length === 0) return undefined;
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw badRequest({ body: "must be JSON (Content-Type: application/json)" });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest({ body: "is not valid JSON" });
  }
}

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

/**
 * Maps any thrown error to the envelope; details of unexpected ones go to the log only. In another language than
 * English the message is the code's sentence in it (lib/api/error-words.ts), with the fields named.
 */
export function errorResponse(error: unknown, locale: Locale = DEFAULT_LOCALE): Response {
  return inLocale(toApiError(error), locale).toResponse();
}

function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) return ApiError.from(error);
  if (error instanceof TolokaError) return fromToloka(error);
  getLogger().error({ reqId: currentRequest()?.requestId, err: error }, "unexpected error in a route");
  return new ApiError("INTERNAL", "Something went wrong on the server. It has been logged.");
}

/** Toloka's error, said in the app's words; Toloka's own body is never forwarded raw. */
export function fromToloka(error: TolokaError): ApiError {
  if (error.status === 401) {
    return new ApiError("NOT_CONFIGURED", "Toloka rejected the app's API key. An admin needs to check the Toloka connection.");
  }
  // ACCESS_DENIED on one resource (a thread, a pool) says nothing about the key as a whole.
  if (error.status === 403) return new ApiError("UPSTREAM_FAILED", `Toloka refused access to this (${error.code}): ${error.message}`);
  if (error.isLongQuota) {
    const resets = quotaResetsAt(error.quotaInterval);
    return new ApiError(
      "RATE_LIMITED",
      longQuotaMessage(error),
      undefined,
      resets ? Math.max(1, Math.ceil((resets.getTime() - Date.now()) / 1000)) : undefined,
    );
  }
  if (error.status === 429) {
    return new ApiError("RATE_LIMITED", "Toloka's rate limit was reached. Try again shortly.", undefined, error.retryAfterSeconds ?? 5);
  }
  if (error.status === 404) return new ApiError("NOT_FOUND", "Toloka has no such thing on this account (it may have been removed).");
  if (error.status === 409) return new ApiError("CONFLICT", `Toloka refused: ${error.message}`);
  if (error.status === 400) return new ApiError("BAD_REQUEST", `Toloka refused the request: ${error.message}`, error.fields);
  if (error.isNetwork) return new ApiError("UPSTREAM_FAILED", `Toloka could not be reached: ${error.message}`);
  return new ApiError("UPSTREAM_FAILED", `Toloka failed (${error.status} ${error.code}). Try again.`);
}

type Handler = ((req: Request, ctx?: NextCtx) => Promise<Response>) & {
  /** What the route declares, for the route matrix test, the hostile-input test and anyone reading a handler. */
  readonly spec: { role: Role | "public"; permission?: Permission; activity?: ActivityAction; input: RouteInputSchemas };
};

/** The schemas a route parses its input with: whatever they refuse is answered 400 before the handler runs. */
export interface RouteInputSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

interface InnerSpec {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
}

function wrap(
  spec: InnerSpec,
  access: (req: Request) => Promise<TeamUser | null>,
  handler: (ctx: { user: TeamUser | null; params: unknown; query: unknown; body: unknown; req: Request }) => Promise<unknown>,
  after?: (input: { user: TeamUser | null; params: unknown; query: unknown; body: unknown }, result: unknown) => void,
) {
  return async function route(req: Request, ctx?: NextCtx): Promise<Response> {
    const rctx = contextOf(req);
    const started = Date.now();
    const url = new URL(req.url);
    let user: TeamUser | null = null;
    const res = await runWithRequest(rctx, async () => {
      try {
        // Before anything else: a page on another site must not be able to make a signed-in browser act.
        if (isMutating(req.method) && isCrossSite(req)) {
          throw new ApiError("FORBIDDEN", "Cross-site requests are refused: use the app's own pages.");
        }
        user = await access(req);
        const rawParams = ctx?.params ? await ctx.params : {};
        const params = spec.params ? parseOrThrow(spec.params, rawParams) : {};
        const query = spec.query ? parseOrThrow(spec.query, queryToObject(url)) : {};
        const body = spec.body ? parseOrThrow(spec.body, await readJsonBody(req)) : undefined;

        const result = await handler({ user, params, query, body, req });
        if (result instanceof Response) return result;
        const out = spec.response.safeParse(result);
        if (!out.success) {
          getLogger().error(
            { reqId: rctx.requestId, method: req.method, path: url.pathname, issues: out.error.issues.slice(0, 3) },
            "response failed its schema",
          );
          throw new ApiError("INTERNAL", "The server produced an invalid response. It has been logged.");
        }
        after?.({ user, params, query, body }, out.data);
        return Response.json(out.data, { status: spec.status ?? 200, headers: { "Cache-Control": "no-store" } });
      } catch (error) {
        const member = user as TeamUser | null;
        return errorResponse(error, member?.locale ?? negotiateLocale(req.headers.get("accept-language")));
      }
    });
    res.headers.set("X-Request-Id", rctx.requestId);
    withHsts(res);
    const signedIn = user as TeamUser | null;
    const line = {
      reqId: rctx.requestId,
      method: req.method,
      path: url.pathname,
      status: res.status,
      ms: Date.now() - started,
      user: signedIn?.id,
      ip: rctx.ip,
    };
    // Reads every few seconds would drown the log: they are debug unless they fail.
    if (res.status >= 500) getLogger().error(line, "request failed");
    else if (isMutating(req.method) || res.status >= 400) getLogger().info(line, "request");
    else getLogger().debug(line, "request");
    return res;
  };
}

function inputSchemas(spec: InnerSpec): RouteInputSchemas {
  return { params: spec.params, query: spec.query, body: spec.body };
}

/**
 * Wraps a route handler: cross-site refusal for writes, session, role, zod in, zod out, one error envelope,
 * the activity log for what the route declares in `activity`, a request id and a line in the server log.
 * The handler returns data matching `spec.response` (or a Response to pass through untouched).
 */
export function apiRoute<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
  R extends z.ZodType = z.ZodType,
>(spec: RouteSpec<P, Q, B, R>, handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.infer<R> | Response>): Handler {
  const route = wrap(
    spec,
    async (req) => {
      const user = await getRequestUser(req);
      if (!user) throw new ApiError("UNAUTHENTICATED", "Sign in to continue.");
      if (!hasRole(user.role, spec.role)) {
        throw new ApiError("FORBIDDEN", `This needs the ${spec.role} role; you are signed in as ${user.role}.`);
      }
      if (spec.permission && !hasPermission(user.role, user.permissions, spec.permission)) {
        throw new ApiError("FORBIDDEN", `This needs the "${PERMISSION_LABELS[spec.permission]}" permission, which an admin grants on the Team page.`);
      }
      if (user.mustChangePassword && !spec.allowPendingPasswordChange) {
        throw new ApiError("FORBIDDEN", "Choose your own password first (Settings → Account).");
      }
      return user;
    },
    (ctx) => handler(ctx as RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>),
    spec.activity && spec.activity.recordedBy !== "handler"
      ? (input, result) => {
          const declared = spec.activity as Extract<ActivitySpec<unknown, unknown, unknown, unknown>, { recordedBy?: "wrapper" }>;
          const subject = declared.subject?.(input as never, result) ?? {};
          const u = input.user!;
          recordActivity(declared.action, actorOf(u), subject);
        }
      : undefined,
  );
  return Object.assign(route, { spec: { role: spec.role, permission: spec.permission, activity: spec.activity?.action, input: inputSchemas(spec) } });
}

/** Wraps a route anyone may call, with everything {@link apiRoute} does but the session and role. */
export function publicRoute<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
  R extends z.ZodType = z.ZodType,
>(spec: PublicRouteSpec<P, Q, B, R>, handler: (ctx: PublicRouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.infer<R> | Response>): Handler {
  const route = wrap(
    spec,
    async () => null,
    (ctx) => handler(ctx as PublicRouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>),
  );
  return Object.assign(route, { spec: { role: "public" as const, input: inputSchemas(spec) } });
}
