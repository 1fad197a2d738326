"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCan } from "@/components/auth/current-user";

const linkClass = (active: boolean) =>
  `rounded-md px-2 py-1 text-sm ${active ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`;

/** The header's links to the team's pages: admins see settings and the activity log, everyone their account. */
export function AdminNav() {
  const t = useTranslations("admin.nav");
  const path = usePathname();
  const admin = useCan("admin");
  const links = [
    { href: "/messages/inbox", label: t("messages"), show: true, active: path.startsWith("/messages") },
    // The sidebar has Appeals with its count from md on; below that the sidebar is hidden, so the header has it.
    { href: "/appeals", label: t("appeals"), show: true, active: path.startsWith("/appeals"), narrowOnly: !path.startsWith("/appeals") },
    { href: "/replies", label: t("savedReplies"), show: true, active: path.startsWith("/replies") },
    { href: "/settings/team", label: t("team"), show: admin, active: path.startsWith("/settings/team") },
    { href: "/settings/connection", label: t("connection"), show: admin, active: path.startsWith("/settings/connection") },
    { href: "/activity", label: t("activity"), show: admin, active: path.startsWith("/activity") },
    { href: "/settings/notifications", label: t("notifications"), show: true, active: path.startsWith("/settings/notifications") },
    { href: "/settings/account", label: t("account"), show: true, active: path.startsWith("/settings/account") },
  ];
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center gap-1">
      {links
        .filter((l) => l.show)
        .map((l) => (
          <Link
            key={l.href}
            href={l.href}
            aria-current={l.active ? "page" : undefined}
            className={`${linkClass(l.active)} ${"narrowOnly" in l && l.narrowOnly ? "md:hidden" : ""}`}
          >
            {l.label}
          </Link>
        ))}
    </nav>
  );
}
