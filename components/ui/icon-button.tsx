"use client";

import { forwardRef, type ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

type Tone = "muted" | "inherit" | "warning";
type Size = "sm" | "md";

const TONES: Record<Tone, string> = {
  muted:
    "text-zinc-500 enabled:hover:bg-zinc-100 enabled:hover:text-zinc-900 dark:text-zinc-400 dark:enabled:hover:bg-zinc-800 dark:enabled:hover:text-zinc-100",
  /** The colour of what it sits on (a toast), a little faded until hovered. */
  inherit: "opacity-70 hover:opacity-100",
  /** Something marked (an important thread's star). */
  warning: "text-amber-700 dark:text-amber-400",
};

const SIZES: Record<Size, string> = {
  sm: "h-6 min-w-6 px-1",
  md: "h-8 min-w-8 px-2",
};

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "aria-label"> {
  /** The button's name: a glyph (✕, ×, ★) says nothing to a screen reader. */
  "aria-label": string;
  tone?: Tone;
  size?: Size;
}

/** A button showing one glyph, named by its aria-label; it takes the glyph's size from where it sits. */
export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { tone = "muted", size = "sm", className = "", type = "button", ...props },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={cn(
        "inline-flex shrink-0 items-center justify-center rounded leading-none outline-none transition-colors focus-visible:ring-2 focus-visible:ring-blue-600 disabled:cursor-default",
        TONES[tone],
        SIZES[size],
        className,
      )}
      {...props}
    />
  );
});
