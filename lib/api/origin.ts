import "server-only";
import { getConfig } from "@/lib/config";

/** The origins a same-site request of ours may carry: NEXTAUTH_URL's, and the one the request was addressed to. */
function ownOrigins(req: Request): string[] {
  const out: string[] = [];
  out.push(new URL(getConfig().auth.url).origin);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) {
    const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
    out.push(`${proto.split(",")[0].trim()}://${host.split(",")[0].trim()}`);
  } else {
    out.push(new URL(req.url).origin);
  }
  return out;
}

/**
 * True when a browser sent this request from another site: an `Origin` that is not ours (or "null"), or,
 * without one, a `Sec-Fetch-Site` other than same-origin or none (typed in the address bar). A request with
 * neither comes from something that is not a browser, which cannot carry a victim's cookies anyway.
 */
export function isCrossSite(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin !== null) {
    if (origin === "null") return true;
    return !ownOrigins(req).includes(origin.toLowerCase().replace(/\/+$/, ""));
  }
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  return false;
}

/** Methods that change something and so must come from our own pages. */
export function isMutating(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}
