import "server-only";
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { recordActivity } from "@/lib/api/activity";
import { isCrossSite } from "@/lib/api/origin";
import { contextOf, runWithRequest } from "@/lib/api/request-context";
import { getConfig } from "@/lib/config";
import { getStore } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { getAuthOptions, OIDC_PROVIDER_ID } from "./options";
import { getSignInLimiter } from "./rate-limit";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * next-auth's route, with what it lacks: POSTs from other sites refused (on top of its CSRF token), failed
 * password sign-ins counted per account and per address and refused past the limit with 429 and Retry-After,
 * every attempt in the server log and failures in the activity log.
 */
export async function handleAuthRoute(req: NextRequest, ctx: Ctx): Promise<Response> {
  const rctx = contextOf(req);
  return runWithRequest(rctx, async () => {
    // next-auth 4 reads the catch-all segments synchronously; Next 16 hands them over as a promise.
    const params = await ctx.params;
    const [action, provider] = params.nextauth ?? [];
    const log = getLogger().child({ reqId: rctx.requestId });
    const nextAuth = () => NextAuth(getAuthOptions())(req, { params });

    // The provider's redirect back (OAuth callback) may be a cross-site POST by design; state and PKCE guard it.
    const oauthCallback = action === "callback" && provider === OIDC_PROVIDER_ID;
    if (req.method === "POST" && !oauthCallback && isCrossSite(req)) {
      log.warn({ action, origin: req.headers.get("origin") }, "cross-site POST to the auth routes refused");
      return json({ error: { code: "FORBIDDEN", message: "Cross-site requests are refused." } }, 403);
    }
    if (!(req.method === "POST" && action === "callback" && provider === "credentials")) return nextAuth();

    const form = new URLSearchParams(await req.clone().text());
    const email = (form.get("email") ?? "").trim().toLowerCase().slice(0, 320);
    const limiter = getSignInLimiter();
    const verdict = await limiter.check(email, rctx.ip);
    const base = getConfig().auth.url ?? new URL(req.url).origin;
    if (!verdict.allowed) {
      log.warn({ by: verdict.by, retryAfter: verdict.retryAfterSeconds }, "sign-in refused: too many failed attempts");
      recordActivity("auth.sign-in-failed", null, { target: email, details: { via: "password", reason: `rate-limited (${verdict.by})` } });
      // The shape next-auth's client expects ({ url }), so signIn() reports status 429 and error=RateLimited.
      return json({ url: `${base}/sign-in?error=RateLimited-${verdict.retryAfterSeconds}` }, 429, { "Retry-After": String(verdict.retryAfterSeconds) });
    }
    const res = await nextAuth();
    const location = res.headers.get("location") ?? "";
    let failed = res.status === 401 || res.status === 403 || location.includes("error=");
    if (!failed && res.headers.get("content-type")?.includes("json")) {
      const body = (await res.clone().json().catch(() => null)) as { url?: string } | null;
      failed = !!body?.url?.includes("error=");
    }
    if (failed) {
      await limiter.failed(email, rctx.ip);
      const known = getStore().users.getByEmail(email);
      log.info({ known: !!known }, "sign-in failed");
      recordActivity("auth.sign-in-failed", null, { target: email, details: { via: "password" } });
    } else {
      await limiter.succeeded(email);
      log.info("signed in");
    }
    return res;
  });
}
