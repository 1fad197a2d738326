"use client";

import { forwardRef, type ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

type Tone = "neutral" | "info" | "warning" | "danger";

const TONES: Record<Tone, string> = {
  neutral: "border-transparent bg-zinc-100 text-zinc-800 hover:bg-zinc-200 dark:bg-zinc-800 dark:text-zinc-200 dark:hover:bg-zinc-700",
  info: "border-blue-300 bg-blue-50 text-blue-900 dark:border-blue-800 dark:bg-blue-950/40 dark:text-blue-100",
  /** A quick fix offered inside an amber warning. */
  warning: "border-amber-400 bg-white hover:bg-amber-100 dark:bg-zinc-900",
  danger: "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100",
};

export interface ChipProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  tone?: Tone;
}

/** A small button in small print: a status that opens its details, a quick fix, a value to copy. */
export const Chip = forwardRef<HTMLButtonElement, ChipProps>(function Chip({ tone = "neutral", className = "", type = "button", ...props }, ref) {
  return (
    <button
      ref={ref}
      type={type}
      className={cn(
        "inline-flex items-center rounded-md border px-2 py-0.5 text-xs outline-none transition-colors focus-visible:ring-2 focus-visible:ring-blue-600 disabled:cursor-not-allowed disabled:opacity-60",
        TONES[tone],
        className,
      )}
      {...props}
    />
  );
});
