"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { LazyTolokerPanel } from "./lazy";

export function TolokerPage({ tolokerId }: { tolokerId: string }) {
  const t = useTranslations("toloker.page");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-2xl px-2 py-4">
        <Link href="/messages/users" className="px-4 text-sm text-blue-700 underline dark:text-blue-400">
          {t("back")}
        </Link>
        <p className="break-all px-4 pt-2 font-mono text-xs text-zinc-600 dark:text-zinc-400" translate="no">
          {tolokerId}
        </p>
        <LazyTolokerPanel tolokerId={tolokerId} />
      </div>
    </div>
  );
}
