import type { ReactNode } from "react";

export function Badge({ children, tone = "neutral", className = "" }: { children: ReactNode; tone?: "neutral" | "blue" | "amber"; className?: string }) {
  const tones = {
    neutral: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
    blue: "bg-blue-700 text-white",
    amber: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100",
  };
  return <span className={`inline-flex items-center rounded-full px-1.5 text-xs font-medium tabular-nums ${tones[tone]} ${className}`}>{children}</span>;
}
