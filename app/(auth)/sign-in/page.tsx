import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import Link from "next/link";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";
import { needsSetup } from "@/lib/auth/setup";
import { rateLimitedMessage } from "@/components/auth/rate-limited-message";
import { SSO_DENIAL_MESSAGES } from "@/lib/auth/sso";
import { demoAccountsForDisplay } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** What the sign-in page says about `?error=` (next-auth's codes and ours), never echoing the parameter. */
function errorMessage(code: string | undefined): string | null {
  if (!code) return null;
  if (code.startsWith("sso-")) return SSO_DENIAL_MESSAGES[code.slice(4) as keyof typeof SSO_DENIAL_MESSAGES] ?? "Single sign-on did not let you in.";
  const limited = rateLimitedMessage(code);
  if (limited) return limited;
  if (code === "CredentialsSignin") return "Wrong email or password.";
  if (code === "SessionRequired") return "Sign in to continue.";
  if (code.startsWith("OAuth") || code === "Callback" || code === "AccessDenied") return "Single sign-on failed. Try again, or ask an admin.";
  return "Signing in failed. Try again.";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only a path on the app's own origin: anything else would make the sign-in page an open redirect.
  const callbackUrl = safeCallbackUrl(params.callbackUrl, getConfig().auth.url);
  if (await getCurrentUser()) redirect(callbackUrl);
  const demo = demoAccountsForDisplay();
  const oidc = getConfig().auth.oidc;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const initialError = errorMessage(one(params.error));
  const setup = needsSetup();
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-900">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        <h1 className="text-xl font-semibold">Toloka Messages</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Sign in to your team&apos;s inbox.</p>
        <SignInForm callbackUrl={callbackUrl} demoAccounts={demo} sso={oidc ? { name: oidc.name } : undefined} initialError={initialError} />
        {setup && (
          <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
            Setting the app up for your team?{" "}
            <Link href="/setup" className="font-medium text-blue-700 underline dark:text-blue-400">
              Create the first admin
            </Link>
            .
          </p>
        )}
      </div>
    </main>
  );
}
