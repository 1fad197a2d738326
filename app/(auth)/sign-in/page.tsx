import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import Link from "next/link";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";
import { needsSetup } from "@/lib/auth/setup";
import { rateLimitedMessage } from "@/components/auth/rate-limited-message";
import { SSO_DENIAL_MESSAGES } from "@/lib/auth/sso";
import { demoAccountsForDisplay } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";

export async function generateMetadata() {
  const t = await getTranslations("admin.signIn");
  return { title: t("metaTitle") };
}
export const dynamic = "force-dynamic";

type Words = Awaited<ReturnType<typeof getTranslations<"admin.signIn">>>;

/** The refusals of single sign-on the page has words for (lib/auth/sso.ts names them). */
const SSO_DENIALS = Object.keys(SSO_DENIAL_MESSAGES) as Array<keyof typeof SSO_DENIAL_MESSAGES>;

/** What the sign-in page says about `?error=` (next-auth's codes and ours), never echoing the parameter. */
function errorMessage(code: string | undefined, t: Words): string | null {
  if (!code) return null;
  if (code.startsWith("sso-")) {
    const denial = SSO_DENIALS.find((d) => d === code.slice(4));
    return denial ? t(`ssoDenied.${denial}`) : t("ssoDenied.default");
  }
  const limited = rateLimitedMessage(code, t);
  if (limited) return limited;
  if (code === "CredentialsSignin") return t("wrong");
  if (code === "SessionRequired") return t("sessionRequired");
  if (code.startsWith("OAuth") || code === "Callback" || code === "AccessDenied") return t("ssoFailed");
  return t("failed");
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslations("admin.signIn");
  const common = await getTranslations("common");
  // Only a path on the app's own origin: anything else would make the sign-in page an open redirect.
  const callbackUrl = safeCallbackUrl(params.callbackUrl, getConfig().auth.url);
  if (await getCurrentUser()) redirect(callbackUrl);
  const demo = demoAccountsForDisplay();
  const oidc = getConfig().auth.oidc;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const initialError = errorMessage(one(params.error), t);
  const setup = needsSetup();
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-900">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        <h1 className="text-xl font-semibold">{common("appName")}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
        <SignInForm callbackUrl={callbackUrl} demoAccounts={demo} sso={oidc ? { name: oidc.name } : undefined} initialError={initialError} />
        {setup && (
          <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
            {t.rich("setup", {
              link: (c) => (
                <Link href="/setup" className="font-medium text-blue-700 underline dark:text-blue-400">
                  {c}
                </Link>
              ),
            })}
          </p>
        )}
      </div>
    </main>
  );
}
