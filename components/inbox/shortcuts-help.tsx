"use client";

import { useTranslations } from "next-intl";
import { Fragment } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import { keysJoiner, SHORTCUTS, shortcutKey } from "./shortcuts";

/** The keyboard shortcuts sheet: one line per row of {@link SHORTCUTS}, the table the key handler dispatches from. */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useTranslations("inbox.shortcuts");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map((row) => (
          <div key={row.description} className="contents">
            <dt>
              {row.keys.map(([key], i) => (
                <Fragment key={key}>
                  {i > 0 && <span> {keysJoiner(row) === "or" ? t("or") : "/"} </span>}
                  <Kbd>{key}</Kbd>
                </Fragment>
              ))}
            </dt>
            <dd>{t(`actions.${shortcutKey(row)}`)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
