import type { ReactNode } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { CurrentUserProvider } from "@/components/auth/current-user";
import { AppHeader } from "@/components/inbox/app-header";
import { getCurrentUser } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export default async function InboxLayout({ children }: { children: ReactNode }) {
  // proxy.ts redirects early; this is the authoritative check for every page in the group.
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  // Someone who signed in with a temporary password chooses their own before anything else.
  if (user.mustChangePassword && (await headers()).get("x-pathname") !== "/settings/account") redirect("/settings/account?first=1");
  const current = { id: user.id, name: user.name, email: user.email, role: user.role };
  return (
    <CurrentUserProvider user={current}>
      <div className="flex min-h-screen flex-col">
        <AppHeader user={current} emulator={isDemoMode()} nav={<AdminNav />} />
        <div className="flex-1">{children}</div>
      </div>
    </CurrentUserProvider>
  );
}
