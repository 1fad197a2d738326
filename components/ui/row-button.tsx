"use client";

import type { ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

/**
 * The body of a list row as one button (a thread in the list: open it): it fills the row's free width and lays
 * out its content left to right, left-aligned. It draws no focus ring of its own: the list marks its selected row.
 */
export function RowButton({ className = "", type = "button", ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={cn("flex min-w-0 flex-1 text-left outline-none", className)} {...props} />;
}
