"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useSavedReplies } from "@/lib/queries/workflow";
import { fillVariables, type ReplyVariable } from "@/lib/schemas/plain";

/** A language code in a sentence of ours ("EN"): Toloka's code, not a word to translate. */
const code = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

/**
 * The team's saved replies to put into a reply or a message: searched as one types, in the reply's language or
 * all, each shown with its variables already filled from the thread, so what goes in is what one sees.
 */
export function SavedReplyPicker({
  open,
  onClose,
  lang,
  values,
  onPick,
}: {
  open: boolean;
  onClose(): void;
  lang: string;
  values: Partial<Record<ReplyVariable, string>>;
  onPick(text: string, lang: string): void;
}) {
  const t = useTranslations("thread.picker");
  const [q, setQ] = useState("");
  const [onlyLang, setOnlyLang] = useState(true);
  const list = useSavedReplies(q, onlyLang ? lang : "", open);
  const items = list.data?.items ?? [];
  return (
    <Dialog open={open} onClose={onClose} title={t("title")}>
      <div className="space-y-3 p-4">
        <input
          type="search"
          aria-label={t("search")}
          placeholder={t("searchPlaceholder")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && items[0]) {
              e.preventDefault();
              onPick(fillVariables(items[0].body, values), items[0].lang);
            }
          }}
          className="block w-full rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          autoFocus
        />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={onlyLang} onChange={(e) => setOnlyLang(e.target.checked)} className="accent-blue-700" />
          {t.rich("onlyIn", { lang, code })}
        </label>
        {list.isError ? (
          <p className="text-sm text-red-700 dark:text-red-400">{t("loadError", { message: list.error.message })}</p>
        ) : items.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-saved-replies">
            {list.isPending ? t("loading") : q ? t("noMatch") : onlyLang ? t.rich("noneIn", { lang, code }) : t("none")}{" "}
            <Link href="/replies" className="text-blue-700 underline dark:text-blue-400">
              {t("manageAll")}
            </Link>
          </p>
        ) : (
          <ul className="max-h-[50vh] space-y-1 overflow-y-auto" aria-label={t("list")}>
            {items.map((r) => {
              const filled = fillVariables(r.body, values);
              return (
                <li key={r.id}>
                  <button
                    type="button"
                    onClick={() => onPick(filled, r.lang)}
                    className="block w-full rounded-md border border-zinc-200 px-3 py-2 text-left hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-zinc-800 dark:hover:bg-zinc-900"
                    data-testid="saved-reply-option"
                  >
                    <span className="flex items-baseline gap-2 text-sm font-medium">
                      <span className="min-w-0 flex-1 truncate" translate="no">
                        {r.title}
                      </span>
                      <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400" translate="no">
                        {r.lang}
                      </span>
                    </span>
                    <span className="mt-0.5 line-clamp-2 block whitespace-pre-wrap break-words text-xs text-zinc-600 dark:text-zinc-400" translate="no">
                      {filled}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <div className="flex justify-between gap-2">
          <Link href="/replies" className="self-center text-sm text-blue-700 underline dark:text-blue-400">
            {t("manage")}
          </Link>
          <Button onClick={onClose}>{t("close")}</Button>
        </div>
      </div>
    </Dialog>
  );
}
