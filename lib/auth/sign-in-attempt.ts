import "server-only";
import { z } from "zod";
import { currentRequest } from "@/lib/api/request-context";
import { actorOf } from "@/lib/api/activity";
import { getSignInLimiter, type SignInVerdict } from "./rate-limit";
import { verifyCredentials } from "./users";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** What one password sign-in came to, for the auth route's answer, the server log and the activity log. */
export interface SignInAttempt {
  /** The account tried, as next-auth's credentials provider received it (lower-cased, trimmed). */
  account: string;
  outcome: "signed-in" | "failed" | "refused";
  /** Why it was refused without a look at the password: too many failures for the account or the address. */
  verdict?: Extract<SignInVerdict, { allowed: false }>;
}

/** The account a credentials body names: the email next-auth hands the provider, normalised as the store keeps it. */
function accountOf(credentials: unknown): string {
  const email = (credentials as { email?: unknown } | null | undefined)?.email;
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, 320) : "";
}

/**
 * The credentials provider's `authorize`: the sign-in limit checked and counted on exactly the credentials
 * next-auth authenticates (whatever format the body came in, however it was crafted), then the password.
 * Past the limit the password is not looked at. The attempt is left on the request for the auth route.
 */
export async function attemptSignIn(credentials: unknown): Promise<{ id: string; email: string; name: string } | null> {
  const request = currentRequest();
  const ip = request?.ip ?? null;
  const account = accountOf(credentials);
  const limiter = getSignInLimiter();
  const record = (attempt: SignInAttempt) => {
    if (request) request.signIn = attempt;
  };
  const verdict = await limiter.check(account, ip);
  if (!verdict.allowed) {
    record({ account, outcome: "refused", verdict });
    return null;
  }
  const parsed = credentialsSchema.safeParse(credentials);
  const user = parsed.success ? await verifyCredentials(parsed.data.email, parsed.data.password) : null;
  if (!user) {
    await limiter.failed(account, ip);
    record({ account, outcome: "failed" });
    return null;
  }
  await limiter.succeeded(account);
  record({ account, outcome: "signed-in" });
  return actorOf(user);
}
