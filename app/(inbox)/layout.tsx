import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { LazyAccountSettings } from "@/components/admin/lazy-account-settings";
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
  const current = { id: user.id, name: user.name, email: user.email, role: user.role, permissions: user.permissions };
  return (
    <CurrentUserProvider user={current}>
      <div className="flex h-dvh flex-col">
        <AppHeader user={current} emulator={isDemoMode()} nav={<AdminNav />} locked={user.mustChangePassword} />
        {/* Someone who signed in with a temporary password chooses their own before anything else. */}
        <main className="min-h-0 flex-1">{user.mustChangePassword ? <ChooseOwnPassword locale={user.locale} /> : children}</main>
      </div>
    </CurrentUserProvider>
  );
}

async function ChooseOwnPassword({ locale }: { locale: Locale | null }) {
  const t = await getTranslations("common");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-2xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">{t("choosePassword")}</h1>
        <LazyAccountSettings mustChange hasPassword locale={locale} />
      </div>
    </div>
  );
}
