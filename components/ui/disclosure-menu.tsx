"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";

/**
 * A button that shows and hides a panel below it (the disclosure pattern, not an ARIA menu: the panel holds
 * ordinary links and buttons, reached with Tab). Escape closes it and puts focus back on the button; so does a
 * click outside it, or a click on a link or button inside it (it has done its job).
 */
export function DisclosureMenu({
  label,
  children,
  className = "",
  panelClassName = "",
}: {
  /** The button's words (also its accessible name). */
  label: ReactNode;
  children: ReactNode;
  className?: string;
  panelClassName?: string;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    const onFocus = (e: FocusEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("focusin", onFocus);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("focusin", onFocus);
    };
  }, [open]);

  return (
    <div ref={root} className={cn("relative", className)}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-8 items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-2.5 text-sm font-medium text-zinc-900 outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-600 aria-expanded:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800 dark:aria-expanded:bg-zinc-800"
      >
        {label}
        <span aria-hidden className="text-xs">
          {open ? "▴" : "▾"}
        </span>
      </button>
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: the click only notices a link or button inside having been used; the keyboard reaches those directly. */}
      <div
        id={panelId}
        hidden={!open}
        onClick={(e) => {
          if (e.target instanceof Element && e.target.closest("a[href], button")) setOpen(false);
        }}
        className={cn(
          "absolute right-0 top-full z-30 mt-1 w-64 max-w-[calc(100vw-1rem)] rounded-lg border border-zinc-200 bg-white p-2 text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
          panelClassName,
        )}
      >
        {children}
      </div>
    </div>
  );
}
