"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useId } from "react";

/** Small building blocks shared by the admin pages (kept here until components/ui has primitives). */

export const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 disabled:bg-zinc-100 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:disabled:bg-zinc-800";

export function Card({ title, children, description }: { title: string; description?: ReactNode; children: ReactNode }) {
  // Not from the title: a title in Russian has no a-z, and every card would get the same id.
  const id = `card-${useId()}`;
  return (
    <section aria-labelledby={id} className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      {description && <div className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</div>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

export function Notice({ kind, children, testId }: { kind: "error" | "success" | "info" | "warning"; children: ReactNode; testId?: string }) {
  const look = {
    error: "bg-red-50 text-red-800 dark:bg-red-950/40 dark:text-red-200",
    success: "bg-green-50 text-green-900 dark:bg-green-950/40 dark:text-green-200",
    info: "bg-blue-50 text-blue-900 dark:bg-blue-950/40 dark:text-blue-100",
    warning: "bg-amber-50 text-amber-900 dark:bg-amber-950/40 dark:text-amber-100",
  }[kind];
  return (
    <div role={kind === "error" ? "alert" : "status"} data-testid={testId} className={`rounded-md p-3 text-sm ${look}`}>
      {children}
    </div>
  );
}

/** The field errors of a 400, under the form. */
export function FieldErrors({ fields }: { fields?: Record<string, string> }) {
  const t = useTranslations("admin.fieldErrors");
  if (!fields || Object.keys(fields).length === 0) return null;
  return (
    <ul className="mt-1 list-disc pl-5 text-sm text-red-700 dark:text-red-300">
      {Object.entries(fields).map(([k, v]) => (
        // The field's name is the API's, not words.
        <li key={k}>{t.rich("item", { field: k, message: v, code: (c) => <span translate="no">{c}</span> })}</li>
      ))}
    </ul>
  );
}
