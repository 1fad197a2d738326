import type { Metadata } from "next";
import Link from "next/link";
import { InviteForm } from "@/components/admin/setup-form";
import { memberForInvite } from "@/lib/auth/team";

export const metadata: Metadata = { title: "Choose your password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** A one-time link from an admin: choose a password. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const member = /^[\w-]{20,100}$/.test(token) ? memberForInvite(token) : null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-8 dark:bg-zinc-900">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        <h1 className="text-xl font-semibold">Welcome to Toloka Messages</h1>
        {member ? (
          <>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{member.name}, choose the password you will sign in with. This link works once.</p>
            <InviteForm token={token} email={member.email} />
          </>
        ) : (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
            This link is not valid any more (used, replaced or expired). Ask an admin of your team for a new one, or{" "}
            <Link href="/sign-in" className="underline">
              sign in
            </Link>
            .
          </p>
        )}
      </div>
    </main>
  );
}
