import Link from "next/link";
import type React from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ROLES, type Role } from "@/lib/schemas/plain";
import { ACTIVITY_ACTIONS, ACTIVITY_GROUPS, type ActivityAction, type ActivityEntry, type ActivityPage, type ActivityQuery } from "@/lib/schemas/activity";

/** Renders on the server: the activity page is a plain form and a table, state in the URL. */

type Words = ReturnType<typeof useTranslations<"admin.activity">>;
type RoleWords = ReturnType<typeof useTranslations<"admin.roles">>;

const REASONS = ["no-email", "unverified", "domain", "not-invited", "linked-elsewhere", "demo-account"] as const;

/** A value the app did not write itself (an id, an address, a code it does not know): shown as it is. */
function Data({ children }: { children: React.ReactNode }) {
  return <span translate="no">{children}</span>;
}

/** A group's key in messages admin.activity.groups: its prefix without the dot. */
function groupKey<P extends keyof typeof ACTIVITY_GROUPS>(prefix: P): P extends `${infer G}.` ? G : never {
  return prefix.slice(0, -1) as P extends `${infer G}.` ? G : never;
}

function roleName(role: unknown, roles: RoleWords): string {
  return ROLES.find((r) => r === role) ? roles(role as Role) : String(role);
}

function flagWords(d: Record<string, unknown>, t: Words): string {
  return [
    d.read === true && t("flags.read"),
    d.read === false && t("flags.unread"),
    d.important === true && t("flags.important"),
    d.important === false && t("flags.notImportant"),
  ]
    .filter(Boolean)
    .join(", ");
}

function reasonText(reason: string, t: Words): React.ReactNode {
  if (reason === "rate-limited (account)") return t("reasons.rate-limited-account");
  if (reason === "rate-limited (address)") return t("reasons.rate-limited-address");
  const known = REASONS.find((r) => r === reason);
  return known ? t(`reasons.${known}`) : <Data>{reason}</Data>;
}

function detailText(e: ActivityEntry, t: Words, roles: RoleWords): React.ReactNode {
  const d = e.details ?? {};
  switch (e.action) {
    case "thread.flags":
      return flagWords(d, t);
    case "thread.bulk-flags":
      return t("bulkFlags", { flags: flagWords(d, t), threads: String(d.threads), selected: Number(d.selected) });
    case "mark-all-read":
      return t("markAllRead", { scope: String(d.scope), threads: Number(d.threads) });
    case "thread.compose": {
      if (d.selectType === "FILTER") return t("byFilter");
      if (d.selectType === "ALL") return t("toAll");
      return t("byId", { recipients: Number(d.recipients), batches: Number(d.batches) });
    }
    case "job.retry": {
      const n = Number(d.retried);
      return d.kind === "send" ? t("retrySend", { count: n }) : t("retryItems", { count: n });
    }
    case "job.decide":
      return t("decide", { batch: String(Number(d.batch) + 1), arrived: d.arrived ? "yes" : "no" });
    case "team.role":
      return t("roleChange", { from: roleName(d.from, roles), to: roleName(d.to, roles) });
    case "team.invite":
      return t("invite", { role: roleName(d.role, roles), method: String(d.method) });
    case "team.reset":
      return d.method === "link" ? t("resetLink") : t("resetPassword");
    case "settings.connection":
      return t.rich("connection", {
        environment: String(d.environment),
        baseUrl: String(d.baseUrl ?? ""),
        keyChanged: d.keyChanged ? "yes" : "no",
        data: (c) => <Data>{c}</Data>,
      });
    case "auth.sign-in":
      return d.via === "sso" ? t("viaSso") : t("viaPassword");
    case "auth.sign-in-failed": {
      const via = d.via === "sso" ? t("viaSso") : t("viaPassword");
      return d.reason ? (
        <>
          {via}: {reasonText(String(d.reason), t)}
        </>
      ) : (
        via
      );
    }
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

/** The action's name as the page shows it (its key in messages admin.activity.actions). */
function actionName(action: ActivityAction, t: Words): string {
  return t(`actions.${action}`);
}

export function ActivityFilters({ query, actors }: { query: ActivityQuery; actors: ActivityPage["actors"] }) {
  const t = useTranslations("admin.activity");
  const field = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <form
      method="get"
      action="/activity"
      aria-label={t("filterForm")}
      className="grid gap-3 rounded-xl border border-zinc-200 p-4 sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800"
    >
      <Field id="activity-actor" label={t("member")}>
        <select id="activity-actor" name="actor" defaultValue={query.actor ?? ""} className={field}>
          <option value="">{t("anyone")}</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id} translate="no">
              {a.name} ({a.email})
            </option>
          ))}
        </select>
      </Field>
      <Field id="activity-action" label={t("what")}>
        <select id="activity-action" name="action" defaultValue={query.action ?? ""} className={field}>
          <option value="">{t("everything")}</option>
          {(Object.keys(ACTIVITY_GROUPS) as Array<keyof typeof ACTIVITY_GROUPS>).map((prefix) => (
            <option key={prefix} value={prefix}>
              {t("groupAll", { group: t(`groups.${groupKey(prefix)}`) })}
            </option>
          ))}
          {(Object.keys(ACTIVITY_ACTIONS) as ActivityAction[]).map((action) => (
            <option key={action} value={action}>
              {actionName(action, t)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="activity-thread" label={t("threadId")}>
        <input
          id="activity-thread"
          name="thread"
          defaultValue={query.thread ?? ""}
          pattern="[0-9a-f]{24}"
          placeholder={t("threadIdPlaceholder")}
          className={field}
        />
      </Field>
      <Field id="activity-from" label={t("from")}>
        <input id="activity-from" type="date" name="from" defaultValue={query.from?.slice(0, 10) ?? ""} className={field} />
      </Field>
      <Field id="activity-to" label={t("to")}>
        <input id="activity-to" type="date" name="to" defaultValue={query.to?.slice(0, 10) ?? ""} className={field} />
      </Field>
      <div className="flex items-end gap-2">
        <Button variant="primary" size="sm" type="submit">
          {t("filter")}
        </Button>
        <Link href="/activity" className="rounded-md px-2 py-1.5 text-sm underline">
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}

export function ActivityTable({ page, nextHref }: { page: ActivityPage; nextHref?: string }) {
  const t = useTranslations("admin.activity");
  const roles = useTranslations("admin.roles");
  if (page.items.length === 0) return <p className="text-sm text-zinc-500">{t("nothing")}</p>;
  // From sm a table (a box that scrolls across if it must); on a phone each entry is a card of short lines (when;
  // who and what; on what, the details, the address), the same cells shown as blocks: nothing to scroll across.
  const cell = "px-3 py-2 max-sm:block max-sm:p-0 max-sm:[overflow-wrap:anywhere]";
  return (
    <div className="space-y-3">
      <div className="rounded-xl border border-zinc-200 sm:overflow-x-auto dark:border-zinc-800">
        <table className="w-full text-left text-sm max-sm:block" aria-label={t("table")}>
          <thead className="bg-zinc-50 text-xs uppercase text-zinc-500 max-sm:hidden dark:bg-zinc-900">
            <tr>
              <th className="px-3 py-2 font-medium">{t("colTime")}</th>
              <th className="px-3 py-2 font-medium">{t("colMember")}</th>
              <th className="px-3 py-2 font-medium">{t("colWhat")}</th>
              <th className="px-3 py-2 font-medium">{t("colOn")}</th>
              <th className="px-3 py-2 font-medium">{t("colDetails")}</th>
              <th className="px-3 py-2 font-medium">{t("colAddress")}</th>
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
                  {t("time", { date: e.at.slice(0, 10), time: e.at.slice(11, 19) })}
                </td>
                <td data-testid="activity-actor" className={`${cell} max-sm:font-medium`}>
                  {e.actor ? (
                    <Link href={`/activity?actor=${encodeURIComponent(e.actor.id)}`} className="hover:underline" title={e.actor.email} translate="no">
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
                  {actionName(e.action, t)}
                </td>
                <td className={`${cell} text-xs max-sm:basis-full max-sm:empty:hidden [&>*+*]:ml-2`}>
                  {e.threadId && (
                    <Link href={`/activity?thread=${e.threadId}`} className="font-mono hover:underline" title={t("threadTitle")}>
                      {t.rich("threadRef", { id: e.threadId.slice(-8), data: (c) => <Data>{c}</Data> })}
                    </Link>
                  )}
                  {e.jobId && <span className="font-mono">{t.rich("jobRef", { id: e.jobId.slice(0, 8), data: (c) => <Data>{c}</Data> })}</span>}
                  {e.target && <span translate="no">{e.target}</span>}
                </td>
                <td className={`${cell} text-xs text-zinc-600 max-sm:basis-full max-sm:empty:hidden dark:text-zinc-400`}>{detailText(e, t, roles)}</td>
                <td className={`${cell} font-mono text-xs text-zinc-500 max-sm:basis-full max-sm:empty:hidden`}>
                  {e.ip && (
                    <>
                      <span className="font-sans sm:hidden">{t("fromIp")}</span>
                      <Data>{e.ip}</Data>
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
          {t("older")}
        </Link>
      )}
    </div>
  );
}
