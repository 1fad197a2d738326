"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";
import { DIALOG_FRAME } from "@/components/ui/dialog";
import { IconButton } from "@/components/ui/icon-button";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native <dialog> (the page behind is inert): labelled by its title, focus kept inside
 * (Tab wraps), Esc closes, focus goes back to what opened it.
 */
export function ComposeDialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const t = useTranslations("compose.dialog");
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      // The first field rather than the close button: the requester came to write.
      const first = dialog.querySelector<HTMLElement>("[data-autofocus]") ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
      first?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (opener.current instanceof HTMLElement) opener.current.focus();
    }
  }, [open]);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== "Tab" || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="compose-dialog-title"
      onCancel={(e) => {
        // Esc: close through React state, so the page and the dialog agree.
        e.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
      className={`${DIALOG_FRAME} sm:w-[min(56rem,calc(100vw-2rem))]`}
    >
      {open && (
        <div className="min-w-0 p-4 sm:p-5">
          <div className="mb-4 flex items-center gap-3">
            <h2 id="compose-dialog-title" className="text-lg font-semibold">
              {title}
            </h2>
            <IconButton size="md" onClick={onClose} aria-label={t("close")} className="ml-auto">
              ✕
            </IconButton>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}
