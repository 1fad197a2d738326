"use client";

import { forwardRef, type ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

type Variant = "primary" | "secondary" | "ghost" | "ghost-warning" | "danger" | "danger-outline";
type Size = "xs" | "sm" | "md" | "icon";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-blue-700 text-white hover:bg-blue-800 disabled:bg-blue-700/50",
  secondary: "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800",
  ghost: "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
  /** A ghost on an amber notice, in its colours (the demo accounts on the sign-in page). */
  "ghost-warning": "text-amber-950 hover:bg-amber-100 dark:text-amber-100 dark:hover:bg-amber-900/50",
  danger: "bg-red-700 text-white hover:bg-red-800",
  /** A destructive action that is not the page's main one (remove a member, sign out everywhere). */
  "danger-outline": "border border-red-300 bg-white text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-zinc-900 dark:text-red-300",
};

const SIZES: Record<Size, string> = {
  /** For a control beside small print (remove a group, a line of a list); it grows when its words wrap. */
  xs: "min-h-6 px-2 py-0.5 text-xs gap-1",
  sm: "h-8 px-2.5 text-sm gap-1.5",
  md: "h-9 px-3 text-sm gap-2",
  icon: "h-8 w-8 justify-center",
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = "secondary", size = "md", className = "", type = "button", ...props },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={cn(
        "inline-flex shrink-0 items-center rounded-md font-medium outline-none transition-colors focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-1 disabled:cursor-not-allowed disabled:opacity-60 dark:focus-visible:ring-offset-zinc-950",
        VARIANTS[variant],
        SIZES[size],
        className,
      )}
      {...props}
    />
  );
});
