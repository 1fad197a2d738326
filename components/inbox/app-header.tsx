"use client";

import Link from "next/link";
import { ComposeLauncher } from "@/components/compose/compose-launcher";
import { Button } from "@/components/ui/button";
import { DisclosureMenu } from "@/components/ui/disclosure-menu";
import type { ReactNode } from "react";

/**
 * next-auth's client (with its helpers, some 10 KiB) is fetched on the click: the inbox's first view has no other
 * use for it. If it cannot be fetched, next-auth's own sign-out page asks and signs out.
 */
function signOut() {
  import("next-auth/react").then(
    (m) => m.signOut({ callbackUrl: "/sign-in" }),
    () => window.location.assign("/api/auth/signout"),
  );
}

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
    <Button variant="secondary" size="sm" onClick={signOut} className={className}>
      Sign out
    </Button>
  );
  return (
    // One line at every width. Below xl the links, who is signed in and Sign out go into a menu: an admin's five
    // links, the name and a send's chip do not fit beside New message before that (at lg they took a second line).
    <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 sm:gap-3 sm:px-4 dark:border-zinc-800">
      {/* On a phone the name takes two short lines, leaving the width to New message, a send's chip and Menu. */}
      <Link href="/messages/inbox" className="shrink-0 whitespace-nowrap font-semibold max-sm:flex max-sm:flex-col max-sm:text-sm max-sm:leading-4">
        <span>Toloka</span> <span>Messages</span>
      </Link>
      {emulator && (
        <span
          title="Demo: embedded emulator"
          className="hidden min-w-12 shrink-[3] truncate rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 md:inline-block dark:bg-amber-900/50 dark:text-amber-100"
        >
          Demo: embedded emulator
        </span>
      )}
      {!locked && (
        // The send's chip in it is the one thing in the header that gives way (compose-launcher.tsx).
        <div className="flex min-w-0 items-center empty:hidden">
          <ComposeLauncher />
        </div>
      )}
      {!locked && <div className="hidden shrink-0 xl:block [&_nav]:flex-nowrap">{nav}</div>}
      <div className="ml-auto hidden min-w-0 items-center gap-3 text-sm xl:flex">
        <span data-testid="current-user" title={`${user.name} (${user.role})`} className="min-w-0 truncate whitespace-nowrap">
          {user.name} <span className="text-zinc-600 dark:text-zinc-400">({user.role})</span>
        </span>
        {signOutButton("shrink-0")}
      </div>
      <DisclosureMenu label="Menu" className="ml-auto shrink-0 xl:hidden">
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
