import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/admin/setup-form";
import { ensureSetupCode, needsSetup } from "@/lib/auth/setup";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

/** Shown only while the team has no admin of its own: the first admin's account. */
export default async function SetupPage() {
  if (!needsSetup()) redirect("/sign-in");
  const codeFile = ensureSetupCode();
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-8 dark:bg-zinc-900">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        <h1 className="text-xl font-semibold">Set up Toloka Messages</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Create the team&apos;s first admin. Then connect the app to your Toloka account and invite the team. This page closes once an admin exists (the demo
          accounts, if any, are removed then).
        </p>
        <SetupForm codeFile={codeFile} />
      </div>
    </main>
  );
}
