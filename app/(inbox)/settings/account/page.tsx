import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountSettings } from "@/components/admin/account-settings";
import { Notice } from "@/components/admin/ui";
import { getCurrentUser } from "@/lib/auth/session";
import { hasOwnPassword } from "@/lib/auth/team";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const changed = (await searchParams).changed === "1";
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-2xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">Account</h1>
        {changed && <Notice kind="success">Your password was changed; your other sessions have ended.</Notice>}
        <AccountSettings mustChange={user.mustChangePassword} hasPassword={hasOwnPassword(user.id)} />
      </div>
    </div>
  );
}
