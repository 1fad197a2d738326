import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/session";
import { demoAccountsForDisplay } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

function safeCallback(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  // Only same-site paths: an absolute URL here would make the sign-in page an open redirect.
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/messages/inbox";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const demo = demoAccountsForDisplay();
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-900">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        <h1 className="text-xl font-semibold">Toloka Messages</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Sign in to your team&apos;s inbox.</p>
        <SignInForm callbackUrl={callbackUrl} demoAccounts={demo} />
      </div>
    </main>
  );
}
