"use client";

import type { ReactNode } from "react";
import { cn } from "./cn";

const FOCUS = "outline-none focus-visible:ring-2 focus-visible:ring-blue-600";

/**
 * A small on/off chip (`aria-pressed`), filled while pressed; with `remove`, a × joined to its right takes it
 * away. One of a row of chips of which one is chosen, such as the languages of a reply.
 */
export function ToggleChip({
  pressed,
  onPress,
  label,
  remove,
  children,
}: {
  pressed: boolean;
  onPress: () => void;
  /** The chip's name, when its text alone does not say what pressing it does. */
  label?: string;
  remove?: { label: string; onRemove: () => void };
  children: ReactNode;
}) {
  return (
    <span className="inline-flex items-center">
      <button
        type="button"
        aria-pressed={pressed}
        aria-label={label}
        onClick={onPress}
        className={cn(
          "rounded-l-md px-2 py-0.5 text-xs font-medium",
          FOCUS,
          pressed ? "bg-blue-700 text-white" : "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
          !remove && "rounded-r-md",
        )}
      >
        {children}
      </button>
      {remove && (
        <button
          type="button"
          aria-label={remove.label}
          onClick={remove.onRemove}
          className={cn("rounded-r-md bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 hover:bg-zinc-200 dark:bg-zinc-800 dark:text-zinc-300", FOCUS)}
        >
          ×
        </button>
      )}
    </span>
  );
}
