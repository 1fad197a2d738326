"use client";

import { forwardRef, type ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

type Tone = "inherit" | "accent" | "muted" | "danger";

const TONES: Record<Tone, string> = {
  /** The colour of the text around it (a notice, a toast). */
  inherit: "",
  accent: "text-blue-700 dark:text-blue-400",
  muted: "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400",
  danger: "text-red-700 dark:text-red-400",
};

export interface LinkButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  tone?: Tone;
}

/**
 * A button that reads as a link: underlined words, no box. For a quiet action beside text ("Dismiss", "Discard
 * draft", "Paste a filter as JSON…"); it takes the text size of where it sits.
 */
export const LinkButton = forwardRef<HTMLButtonElement, LinkButtonProps>(function LinkButton(
  { tone = "inherit", className = "", type = "button", ...props },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={cn(
        "rounded-sm underline outline-none focus-visible:ring-2 focus-visible:ring-blue-600 disabled:cursor-not-allowed disabled:opacity-60",
        TONES[tone],
        className,
      )}
      {...props}
    />
  );
});
