import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import { getConfig } from "@/lib/config";

/** What the server knows about the request being handled, for the log and the activity log. */
export interface RequestContext {
  requestId: string;
  /** The client's address as the trusted proxies report it (TRUST_PROXY_HOPS), or null. */
  ip: string | null;
}

// One store for every bundle Next makes (each route is bundled apart), so it lives on globalThis.
const globalForContext = globalThis as unknown as { __tolokaRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (globalForContext.__tolokaRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** Runs `fn` with `ctx` as the current request. */
export function runWithRequest<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The request being handled, if any. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** The caller's request id when it looks like one (a proxy's), else a new one. */
export function requestIdOf(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && /^[\w.-]{8,128}$/.test(given) ? given : crypto.randomUUID();
}

/**
 * The client's address: X-Forwarded-For read from the right, skipping the entries added by the trusted
 * proxies in front of the app (Next adds the socket's address itself when no proxy sent the header).
 */
export function clientAddress(headers: Headers, hops = getConfig().auth.trustProxyHops): string | null {
  const list = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) return headers.get("x-real-ip");
  const entry = list[Math.max(0, list.length - Math.max(1, hops))];
  return entry.replace(/^::ffff:/, "").slice(0, 64);
}

/** The context of a Web request. */
export function contextOf(req: Request): RequestContext {
  return { requestId: requestIdOf(req.headers), ip: clientAddress(req.headers) };
}
