"use client";

import { useTranslations } from "next-intl";
import { type ComponentProps, lazy, Suspense } from "react";

const AccountSettings = lazy(() => import("./account-settings").then((m) => ({ default: m.AccountSettings })));

/**
 * The password form for someone who must choose theirs before anything else (the inbox layout shows it): a chunk of
 * its own, with next-auth's client, so that the layout's every other page does not download it.
 */
export function LazyAccountSettings(props: ComponentProps<typeof AccountSettings>) {
  const t = useTranslations("admin.account");
  return (
    <Suspense fallback={<p className="text-sm text-zinc-600 dark:text-zinc-400">{t("loading")}</p>}>
      <AccountSettings {...props} />
    </Suspense>
  );
}
