import "server-only";
import { getConfig } from "@/lib/config";
import { HSTS } from "./security-headers";

/**
 * Adds HSTS to a response when the app is served over HTTPS. Decided by NEXTAUTH_URL alone: a client-sent
 * X-Forwarded-Proto must not switch it on (or off). Pages get it from proxy.ts; every /api and /emulator
 * response from here.
 */
export function withHsts(res: Response): Response {
  if (!getConfig().auth.https) return res;
  try {
    res.headers.set("Strict-Transport-Security", HSTS);
    return res;
  } catch {
    // A response whose headers are immutable (one passed through as it came): a copy that can carry it.
    const copy = new Response(res.body, res);
    copy.headers.set("Strict-Transport-Security", HSTS);
    return copy;
  }
}
