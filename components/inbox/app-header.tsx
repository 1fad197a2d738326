"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { ComposeLauncher } from "@/components/compose/compose-launcher";
import { Button } from "@/components/ui/button";
import type { ReactNode } from "react";

export function AppHeader({
  user,
  emulator,
  nav,
  locked = false,
}: {
  user: { name: string; email: string; role: string };
  emulator: boolean;
  /** Links to the app's other pages (team access: components/admin/admin-nav.tsx). */
  nav?: ReactNode;
  /** The member must choose their own password first: nothing else is offered until they have. */
  locked?: boolean;
}) {
  return (
    // Wraps on a phone rather than pushing Sign out off the screen (an admin has five links and New message).
    <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
      <Link href="/messages/inbox" className="whitespace-nowrap font-semibold">
        Toloka Messages
      </Link>
      {emulator && (
        <span className="hidden rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 sm:inline dark:bg-amber-900/50 dark:text-amber-100">
          Demo: embedded emulator
        </span>
      )}
      {!locked && <ComposeLauncher />}
      {!locked && nav}
      <div className="ml-auto flex items-center gap-3 text-sm">
        <span data-testid="current-user" className="truncate whitespace-nowrap">
          <span className="hidden sm:inline">{user.name} </span>
          <span className="text-zinc-600 dark:text-zinc-400">({user.role})</span>
        </span>
        <Button variant="secondary" size="sm" onClick={() => signOut({ callbackUrl: "/sign-in" })}>
          Sign out
        </Button>
      </div>
    </header>
  );
}
