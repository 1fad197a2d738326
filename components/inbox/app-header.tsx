"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { ComposeLauncher } from "@/components/compose/compose-launcher";
import { Button } from "@/components/ui/button";
import { DisclosureMenu } from "@/components/ui/disclosure-menu";
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
  const signOutButton = (className = "") => (
    <Button variant="secondary" size="sm" onClick={() => signOut({ callbackUrl: "/sign-in" })} className={className}>
      Sign out
    </Button>
  );
  return (
    // Below lg the links, who is signed in and Sign out go into a menu: an admin's five links, New message and a
    // send's chip do not fit a phone's width, and wrapping them took a third of its height.
    <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
      <Link href="/messages/inbox" className="whitespace-nowrap font-semibold">
        Toloka Messages
      </Link>
      {emulator && (
        <span className="hidden rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 sm:inline dark:bg-amber-900/50 dark:text-amber-100">
          Demo: embedded emulator
        </span>
      )}
      {/* On a phone, New message (and a send's chip) take the second line, the menu stays beside the name. */}
      {!locked && (
        <div className="empty:hidden max-sm:order-last">
          <ComposeLauncher />
        </div>
      )}
      {!locked && <div className="hidden lg:block">{nav}</div>}
      <div className="ml-auto hidden items-center gap-3 text-sm lg:flex">
        <span data-testid="current-user" className="truncate whitespace-nowrap">
          {user.name} <span className="text-zinc-600 dark:text-zinc-400">({user.role})</span>
        </span>
        {signOutButton()}
      </div>
      <DisclosureMenu label="Menu" className="ml-auto lg:hidden">
        <p className="break-words px-2 py-1 text-sm">
          {user.name} <span className="text-zinc-600 dark:text-zinc-400">({user.role})</span>
        </p>
        {/* The links one a line, each the panel's width: an easy target for a thumb. */}
        {!locked && <div className="mt-1 [&_a]:block [&_a]:py-2 [&_nav]:flex-col [&_nav]:items-stretch">{nav}</div>}
        <div className="mt-2 border-t border-zinc-200 pt-2 dark:border-zinc-700">{signOutButton("w-full justify-center")}</div>
      </DisclosureMenu>
    </header>
  );
}
