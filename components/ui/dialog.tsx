"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * The frame every modal dialog shares (this one and compose's): the whole screen below sm, where a box with
 * margins leaves a phone too little room; a centred box from sm on. In the dark it is a shade lighter than the
 * page, with a light edge, over a darker backdrop, so it stands out from what it covers. From sm on its height is
 * `fit-content`: a modal dialog is fixed with top and bottom 0, so `auto` would stretch it to the screen's height.
 */
export const DIALOG_FRAME =
  "m-0 h-dvh max-h-none w-full max-w-none overflow-y-auto border-0 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:bg-zinc-900 dark:text-zinc-100 dark:backdrop:bg-black/70 sm:m-auto sm:h-fit sm:max-h-[calc(100dvh-2rem)] sm:rounded-xl sm:border sm:border-zinc-200 dark:sm:border-zinc-700 dark:sm:ring-1 dark:sm:ring-white/5";

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, closes it on Esc and
 * restores focus to what opened it.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  className = "",
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes it; the keyboard has Escape, which <dialog> handles.
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      className={`${DIALOG_FRAME} sm:w-[min(32rem,calc(100vw-2rem))] ${className}`}
    >
      {open && (
        <div className="p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <div className="mt-3">{children}</div>
        </div>
      )}
    </dialog>
  );
}
