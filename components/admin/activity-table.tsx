import Link from "next/link";
import type React from "react";
import { Button } from "@/components/ui/button";
import { ACTIVITY_ACTIONS, ACTIVITY_GROUPS, type ActivityEntry, type ActivityPage, type ActivityQuery } from "@/lib/schemas/activity";

/** Renders on the server: the activity page is a plain form and a table, state in the URL. */

function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

function flagWords(d: Record<string, unknown>): string {
  return [d.read === true && "read", d.read === false && "unread", d.important === true && "important", d.important === false && "not important"]
    .filter(Boolean)
    .join(", ");
}

function detailText(e: ActivityEntry): string {
  const d = e.details ?? {};
  switch (e.action) {
    case "thread.flags":
      return flagWords(d);
    case "thread.bulk-flags":
      return `${flagWords(d)}: ${String(d.threads)} of ${String(d.selected)} selected threads`;
    case "mark-all-read":
      return `${String(d.scope)}: ${String(d.threads)} threads`;
    case "thread.compose": {
      const batches = `${String(d.batches)} ${d.batches === 1 ? "batch" : "batches"}`;
      if (d.selectType === "FILTER") return "by filter";
      if (d.selectType === "ALL") return "to all Tolokers";
      return `${String(d.recipients)} ${d.recipients === 1 ? "Toloker" : "Tolokers"} by id, ${batches}`;
    }
    case "job.retry": {
      const n = Number(d.retried);
      return d.kind === "send" ? `${n} failed ${n === 1 ? "batch" : "batches"} of a send` : `${n} failed ${n === 1 ? "item" : "items"}`;
    }
    case "job.decide":
      return `batch ${Number(d.batch) + 1}: ${d.arrived ? "arrived" : "send it again"}`;
    case "team.role":
      return `${String(d.from)} → ${String(d.to)}`;
    case "team.invite":
      return `as ${String(d.role)} (${d.method === "link" ? "one-time link" : d.method === "password" ? "temporary password" : "single sign-on"})`;
    case "team.reset":
      return d.method === "link" ? "new one-time link" : "temporary password";
    case "settings.connection":
      return `${String(d.environment)} ${String(d.baseUrl ?? "")}${d.keyChanged ? ", new key" : ""}`;
    case "auth.sign-in":
      return d.via === "sso" ? "single sign-on" : "password";
    case "auth.sign-in-failed":
      return [d.via === "sso" ? "single sign-on" : "password", d.reason ? String(d.reason) : null].filter(Boolean).join(": ");
    default:
      return "";
  }
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  // Label and control linked by id, not nested: a nested select's options would join the label's text.
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

export function ActivityFilters({ query, actors }: { query: ActivityQuery; actors: ActivityPage["actors"] }) {
  const field = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <form
      method="get"
      action="/activity"
      aria-label="Filter the activity"
      className="grid gap-3 rounded-xl border border-zinc-200 p-4 sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800"
    >
      <Field id="activity-actor" label="Member">
        <select id="activity-actor" name="actor" defaultValue={query.actor ?? ""} className={field}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email})
            </option>
          ))}
        </select>
      </Field>
      <Field id="activity-action" label="What">
        <select id="activity-action" name="action" defaultValue={query.action ?? ""} className={field}>
          <option value="">Everything</option>
          {Object.entries(ACTIVITY_GROUPS).map(([prefix, label]) => (
            <option key={prefix} value={prefix}>
              {label} (all)
            </option>
          ))}
          {Object.entries(ACTIVITY_ACTIONS).map(([action, label]) => (
            <option key={action} value={action}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="activity-thread" label="Thread id">
        <input id="activity-thread" name="thread" defaultValue={query.thread ?? ""} pattern="[0-9a-f]{24}" placeholder="24 hex characters" className={field} />
      </Field>
      <Field id="activity-from" label="From">
        <input id="activity-from" type="date" name="from" defaultValue={query.from?.slice(0, 10) ?? ""} className={field} />
      </Field>
      <Field id="activity-to" label="To">
        <input id="activity-to" type="date" name="to" defaultValue={query.to?.slice(0, 10) ?? ""} className={field} />
      </Field>
      <div className="flex items-end gap-2">
        <Button variant="primary" size="sm" type="submit">
          Filter
        </Button>
        <Link href="/activity" className="rounded-md px-2 py-1.5 text-sm underline">
          Clear
        </Link>
      </div>
    </form>
  );
}

export function ActivityTable({ page, nextHref }: { page: ActivityPage; nextHref?: string }) {
  if (page.items.length === 0) return <p className="text-sm text-zinc-500">Nothing matches.</p>;
  // From sm a table (a box that scrolls across if it must); on a phone each entry is a card of short lines (when;
  // who and what; on what, the details, the address), the same cells shown as blocks: nothing to scroll across.
  const cell = "px-3 py-2 max-sm:block max-sm:p-0 max-sm:[overflow-wrap:anywhere]";
  return (
    <div className="space-y-3">
      <div className="rounded-xl border border-zinc-200 sm:overflow-x-auto dark:border-zinc-800">
        <table className="w-full text-left text-sm max-sm:block" aria-label="Activity">
          <thead className="bg-zinc-50 text-xs uppercase text-zinc-500 max-sm:hidden dark:bg-zinc-900">
            <tr>
              <th className="px-3 py-2 font-medium">Time</th>
              <th className="px-3 py-2 font-medium">Member</th>
              <th className="px-3 py-2 font-medium">What</th>
              <th className="px-3 py-2 font-medium">On</th>
              <th className="px-3 py-2 font-medium">Details</th>
              <th className="px-3 py-2 font-medium">Address</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 max-sm:block dark:divide-zinc-800">
            {page.items.map((e) => (
              <tr
                key={e.id}
                data-testid="activity-row"
                data-action={e.action}
                className="max-sm:flex max-sm:flex-wrap max-sm:gap-x-2 max-sm:gap-y-1 max-sm:px-3 max-sm:py-2.5"
              >
                <td
                  data-testid="activity-time"
                  className={`${cell} whitespace-nowrap font-mono text-xs max-sm:basis-full max-sm:text-zinc-600 dark:max-sm:text-zinc-400`}
                >
                  {formatTime(e.at)}
                </td>
                <td data-testid="activity-actor" className={`${cell} max-sm:font-medium`}>
                  {e.actor ? (
                    <Link href={`/activity?actor=${encodeURIComponent(e.actor.id)}`} className="hover:underline" title={e.actor.email}>
                      {e.actor.name}
                    </Link>
                  ) : (
                    <span className="text-zinc-500">—</span>
                  )}
                </td>
                <td data-testid="activity-action" className={cell}>
                  <span aria-hidden className="mr-2 text-zinc-400 sm:hidden">
                    ·
                  </span>
                  {ACTIVITY_ACTIONS[e.action]}
                </td>
                <td className={`${cell} text-xs max-sm:basis-full max-sm:empty:hidden [&>*+*]:ml-2`}>
                  {e.threadId && (
                    <Link href={`/activity?thread=${e.threadId}`} className="font-mono hover:underline" title="All activity on this thread">
                      thread {e.threadId.slice(-8)}
                    </Link>
                  )}
                  {e.jobId && <span className="font-mono">job {e.jobId.slice(0, 8)}</span>}
                  {e.target && <span>{e.target}</span>}
                </td>
                <td className={`${cell} text-xs text-zinc-600 max-sm:basis-full max-sm:empty:hidden dark:text-zinc-400`}>{detailText(e)}</td>
                <td className={`${cell} font-mono text-xs text-zinc-500 max-sm:basis-full max-sm:empty:hidden`}>
                  {e.ip && (
                    <>
                      <span className="font-sans sm:hidden">from </span>
                      {e.ip}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextHref && (
        <Link href={nextHref} className="inline-block py-1 text-sm underline">
          Older entries
        </Link>
      )}
    </div>
  );
}
