import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import { getConfig } from "@/lib/config";
import type { SignInAttempt } from "@/lib/auth/sign-in-attempt";
import { PEER_ADDRESS_HEADER } from "./peer-address";
import { processSlot } from "@/lib/process-slot";

/** What the server knows about the request being handled, for the log and the activity log. */
export interface RequestContext {
  requestId: string;
  /** The client's address: the connection's, or as the trusted proxies report it (TRUST_PROXY_HOPS); or null. */
  ip: string | null;
  /** A password sign-in made during this request, as the credentials provider saw it (lib/auth/sign-in-attempt.ts). */
  signIn?: SignInAttempt;
}

// One store for every bundle Next makes (each route is bundled apart).
const contextSlot = processSlot<AsyncLocalStorage<RequestContext>>("requestContext");
const storage = contextSlot.get() ?? contextSlot.set(new AsyncLocalStorage<RequestContext>());

/** Runs `fn` with `ctx` as the current request. */
export function runWithRequest<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The request being handled, if any. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** The caller's request id when it looks like one (a proxy's), else a new one. */
function requestIdOf(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && /^[\w.-]{8,128}$/.test(given) ? given : crypto.randomUUID();
}

/**
 * The client's address. With no proxy in front (`hops` 0) the connection's own address, whatever the client
 * wrote in X-Forwarded-For; behind `hops` trusted proxies, X-Forwarded-For read from the right, skipping the
 * entries those proxies appended after the client's (what lies further left the client may have made up).
 */
export function clientAddress(headers: Headers, hops = getConfig().auth.trustProxyHops): string | null {
  const peer = headers.get(PEER_ADDRESS_HEADER) || null;
  const list = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const entry = hops === 0 || list.length === 0 ? peer : list[Math.max(0, list.length - hops)];
  return entry ? entry.replace(/^::ffff:/, "").slice(0, 64) : null;
}

/** The context of a Web request. */
export function contextOf(req: Request): RequestContext {
  return { requestId: requestIdOf(req.headers), ip: clientAddress(req.headers) };
}
