"use client";

import { forwardRef, type ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

export interface TabProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "role" | "aria-selected" | "tabIndex"> {
  selected: boolean;
}

/**
 * One tab of a `role="tablist"`, underlined when selected. Only the selected tab is in the Tab order, as the tabs
 * pattern expects; the tablist moves between tabs with the arrow keys (its `onKeyDown`) and links each tab to its
 * panel (`id`, `aria-controls`).
 */
export const Tab = forwardRef<HTMLButtonElement, TabProps>(function Tab({ selected, className = "", type = "button", ...props }, ref) {
  return (
    <button
      ref={ref}
      type={type}
      role="tab"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      className={cn(
        "-mb-px border-b-2 px-3 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-blue-600",
        selected ? "border-blue-700 font-medium text-blue-800 dark:text-blue-300" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400",
        className,
      )}
      {...props}
    />
  );
});
