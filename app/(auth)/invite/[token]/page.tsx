import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { InviteForm } from "@/components/admin/setup-form";
import { memberForInvite } from "@/lib/auth/team";

export async function generateMetadata() {
  const t = await getTranslations("admin.invite");
  return { title: t("metaTitle"), referrer: "no-referrer" as const };
}
export const dynamic = "force-dynamic";

/** A one-time link from an admin: choose a password. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const member = /^[\w-]{20,100}$/.test(token) ? memberForInvite(token) : null;
  const t = await getTranslations("admin.invite");
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-8 dark:bg-zinc-900">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        {member ? (
          <>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              {t.rich("intro", { name: member.name, data: (c) => <span translate="no">{c}</span> })}
            </p>
            <InviteForm token={token} email={member.email} />
          </>
        ) : (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
            {t.rich("invalid", {
              link: (c) => (
                <Link href="/sign-in" className="underline">
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
