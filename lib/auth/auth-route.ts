import "server-only";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { recordActivity } from "@/lib/api/activity";
import { ApiError } from "@/lib/api/errors";
import { withHsts } from "@/lib/api/hsts";
import { isCrossSite } from "@/lib/api/origin";
import { contextOf, runWithRequest } from "@/lib/api/request-context";
import { errorResponse, readBodyText } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { getStore } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { getAuthOptions, OIDC_PROVIDER_ID } from "./options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** The two body formats next-auth reads; it would read any other as no body at all. */
const SIGN_IN_FORMATS = ["application/x-www-form-urlencoded", "application/json"];

function mediaType(header: string | null): string {
  return (header ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * next-auth's route, with what it lacks: POSTs from other sites refused (on top of its CSRF token), bodies
 * bounded as on every /api route (refused with 413 before they are read), password sign-ins only as form data
 * or JSON, failed ones counted per account and per address by the credentials provider itself
 * (lib/auth/sign-in-attempt.ts) and refused past the limit with 429 and Retry-After, every attempt in the
 * server log and failures in the activity log.
 */
export async function handleAuthRoute(req: NextRequest, ctx: Ctx): Promise<Response> {
  return withHsts(await authRoute(req, ctx));
}

async function authRoute(req: NextRequest, ctx: Ctx): Promise<Response> {
  const rctx = contextOf(req);
  return runWithRequest(rctx, async () => {
    // next-auth 4 reads the catch-all segments synchronously; Next 16 hands them over as a promise.
    const params = await ctx.params;
    const [action, provider] = params.nextauth ?? [];
    const log = getLogger().child({ reqId: rctx.requestId });

    // The provider's redirect back (OAuth callback) may be a cross-site POST by design; state and PKCE guard it.
    const oauthCallback = action === "callback" && provider === OIDC_PROVIDER_ID;
    if (req.method === "POST" && !oauthCallback && isCrossSite(req)) {
      log.warn({ action, origin: req.headers.get("origin") }, "cross-site POST to the auth routes refused");
      return json({ error: { code: "FORBIDDEN", message: "Cross-site requests are refused." } }, 403);
    }
    let request = req;
    if (req.method !== "GET" && req.method !== "HEAD") {
      let text: string;
      try {
        text = await readBodyText(req);
      } catch (error) {
        return errorResponse(error);
      }
      // next-auth reads the body again: hand it the copy already read (and bounded).
      request = new NextRequest(req.url, { method: req.method, headers: req.headers, body: text.length ? text : undefined });
    }
    const nextAuth = () => NextAuth(getAuthOptions())(request, { params });
    if (!(req.method === "POST" && action === "callback" && provider === "credentials")) return nextAuth();

    if (!SIGN_IN_FORMATS.includes(mediaType(req.headers.get("content-type")))) {
      return errorResponse(
        new ApiError("BAD_REQUEST", "Invalid body: must be form data or JSON", {
          body: "must be form data (application/x-www-form-urlencoded) or JSON (application/json)",
        }),
      );
    }
    const res = await nextAuth();
    const attempt = rctx.signIn;
    // No attempt: next-auth turned the request away before asking for the password (no CSRF token, say).
    if (!attempt) return res;
    if (attempt.outcome === "refused" && attempt.verdict) {
      const { by, retryAfterSeconds } = attempt.verdict;
      log.warn({ by, retryAfter: retryAfterSeconds }, "sign-in refused: too many failed attempts");
      recordActivity("auth.sign-in-failed", null, { target: attempt.account, details: { via: "password", reason: `rate-limited (${by})` } });
      // The shape next-auth's client expects ({ url }), so signIn() reports status 429 and error=RateLimited.
      // No session cookie goes with it: the answer is ours, not next-auth's.
      return json({ url: `${getConfig().auth.url}/sign-in?error=RateLimited-${retryAfterSeconds}` }, 429, { "Retry-After": String(retryAfterSeconds) });
    }
    if (attempt.outcome === "failed") {
      const known = getStore().users.getByEmail(attempt.account);
      log.info({ known: !!known }, "sign-in failed");
      recordActivity("auth.sign-in-failed", null, { target: attempt.account, details: { via: "password" } });
    } else {
      log.info("signed in");
    }
    return res;
  });
}
