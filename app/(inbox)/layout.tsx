import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/inbox/app-header";
import { getCurrentUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

export default async function InboxLayout({ children }: { children: ReactNode }) {
  // proxy.ts redirects early; this is the authoritative check for every page in the group.
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return (
    <div className="flex h-dvh flex-col">
      <AppHeader user={{ name: user.name, email: user.email, role: user.role }} emulator={getConfig().mode === "emulator"} />
      <main className="min-h-0 flex-1">{children}</main>
    </div>
  );
}
