"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { Locale } from "@/lib/i18n/locales";
import { ComposeLauncher } from "@/components/compose/compose-launcher";
import { Button } from "@/components/ui/button";
import { DisclosureMenu } from "@/components/ui/disclosure-menu";
import type { ReactNode } from "react";
import { ROLES, type Role } from "@/lib/schemas/plain";

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

/** From which width the header's links, name and Sign out are inline (below it they are in the menu). */
const INLINE_FROM: Record<Locale, { block: string; flex: string; hidden: string }> = {
  en: { block: "xl:block", flex: "xl:flex", hidden: "xl:hidden" },
  ru: { block: "min-[1440px]:block", flex: "min-[1440px]:flex", hidden: "min-[1440px]:hidden" },
};

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
  const t = useTranslations("inbox.header");
  const locale = useLocale();
  // A role the app knows is named in the page's language; anything else as it came.
  const role = (ROLES as readonly string[]).includes(user.role) ? t(`roles.${user.role as Role}`) : user.role;
  const signOutButton = (className = "") => (
    <Button variant="secondary" size="sm" onClick={signOut} className={className}>
      {t("signOut")}
    </Button>
  );
  const wide = INLINE_FROM[locale];
  return (
    // One line at every width. Below xl (1440 px in Russian, whose words are longer) the links, who is signed in and Sign out go into a menu: an admin's five
    // links, the name and a send's chip do not fit beside New message before that (at lg they took a second line).
    <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 sm:gap-3 sm:px-4 dark:border-zinc-800">
      {/* On a phone the name takes two short lines, leaving the width to New message, a send's chip and Menu. */}
      <Link href="/messages/inbox" className="shrink-0 whitespace-nowrap font-semibold max-sm:flex max-sm:flex-col max-sm:text-sm max-sm:leading-4">
        <span>{t("brandFirst")}</span> <span>{t("brandSecond")}</span>
      </Link>
      {emulator && (
        <span
          title={t("demo")}
          className="hidden min-w-12 shrink-[3] truncate rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 md:inline-block dark:bg-amber-900/50 dark:text-amber-100"
        >
          {t("demo")}
        </span>
      )}
      {!locked && (
        // The send's chip in it is the one thing in the header that gives way (compose-launcher.tsx).
        <div className="flex min-w-0 items-center empty:hidden">
          <ComposeLauncher />
        </div>
      )}
      {!locked && <div className={cn("hidden shrink-0 [&_nav]:flex-nowrap", wide.block)}>{nav}</div>}
      <div className={cn("ml-auto hidden min-w-0 items-center gap-3 text-sm", wide.flex)}>
        <span data-testid="current-user" title={t("userTitle", { name: user.name, role })} className="min-w-0 truncate whitespace-nowrap">
          <span translate="no">{user.name}</span> <span className="text-zinc-600 dark:text-zinc-400">({role})</span>
        </span>
        {signOutButton("shrink-0")}
      </div>
      <DisclosureMenu label={t("menu")} className={cn("ml-auto shrink-0", wide.hidden)}>
        <p className="break-words px-2 py-1 text-sm">
          <span translate="no">{user.name}</span> <span className="text-zinc-600 dark:text-zinc-400">({role})</span>
        </p>
        {/* The links one a line, each the panel's width: an easy target for a thumb. */}
        {!locked && <div className="mt-1 [&_a]:block [&_a]:py-2 [&_nav]:flex-col [&_nav]:items-stretch">{nav}</div>}
        <div className="mt-2 border-t border-zinc-200 pt-2 dark:border-zinc-700">{signOutButton("w-full justify-center")}</div>
      </DisclosureMenu>
    </header>
  );
}
