"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { useCan, useMay } from "@/components/auth/current-user";
import { exactTime, relativeTime, shortId } from "@/components/inbox/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useTolokerPanel } from "@/lib/queries/tolokers";
import type { AssignmentDto, PanelPart, RestrictionDto, UserSkillDto } from "@/lib/schemas/tolokers";
import { BonusDialog, GrantSkillDialog, LiftDialog, RemoveSkillDialog, RestrictDialog, SkillDialog } from "./actions";
import { assignmentStatusLabel, clientText, deviceText, enumWords, money, restrictionScopeText, type TolokerWords } from "./words";

export interface TolokerPanelProps {
  tolokerId: string;
  /** The pools the thread names: their recent assignments are shown, and a skill can be given to their Tolokers. */
  pools?: string[];
  projectId?: string;
  /** The thread the panel is beside (for the activity log, and left out of "every thread with them"). */
  threadId?: string;
  /** The assignment the thread names (a bonus can be tied to it). */
  assignmentId?: string;
}

type Open =
  | { kind: "bonus" }
  | { kind: "skill"; skill?: UserSkillDto }
  | { kind: "remove-skill"; skill: UserSkillDto }
  | { kind: "restrict" }
  | { kind: "lift"; restriction: RestrictionDto }
  | { kind: "grant"; poolId: string }
  | null;

const sectionTitle = "text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400";

/**
 * Who the requester is talking to: their metadata, skills, restrictions, bonuses and recent assignments, and every
 * thread with them, each part read from Toloka on its own (one that fails says so and keeps the copy it had). The
 * actions are shown only to a member whose role and permissions allow them, each behind a confirmation.
 */
export function TolokerPanel({ tolokerId, pools = [], projectId, threadId, assignmentId }: TolokerPanelProps) {
  const { query, refresh } = useTolokerPanel(tolokerId, pools);
  const sender = useCan("sender");
  const mayBonus = useMay("bonus");
  const mayRestrict = useMay("restrict");
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const panel = query.data;
  const t = useTranslations("toloker.panel");
  const w = useTranslations("toloker.words");
  const locale = useLocale();

  return (
    <section aria-label={t("label")} className="space-y-4 p-4 text-sm" data-testid="toloker-panel">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="min-w-0 flex-1 font-semibold">
          {t.rich("heading", {
            id: shortId(tolokerId),
            link: (chunks) => (
              <Link href={`/tolokers/${tolokerId}`} className="font-mono text-blue-700 underline dark:text-blue-400" title={tolokerId} translate="no">
                {chunks}
              </Link>
            ),
          })}
        </h2>
        <Button
          size="xs"
          variant="ghost"
          onClick={() => refresh.mutate()}
          disabled={refresh.isPending || query.isPending}
          title={t("refreshTitle")}
          data-testid="panel-refresh"
        >
          {refresh.isPending ? t("refreshing") : t("refresh")}
        </Button>
      </div>
      {refresh.isError && <p className="text-xs text-red-700 dark:text-red-400">{t("refreshError", { error: refresh.error.message })}</p>}
      {query.isPending ? (
        <div className="space-y-2" role="status" aria-busy="true" aria-label={t("loading")}>
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : query.isError ? (
        <div data-testid="panel-error">
          <p className="text-red-700 dark:text-red-400">{t("loadError", { error: query.error.message })}</p>
          <Button size="xs" className="mt-2" onClick={() => void query.refetch()}>
            {t("retry")}
          </Button>
        </div>
      ) : panel ? (
        <>
          <Part title={t("profile")} part={panel.profile} testId="panel-profile">
            {(p) => (
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                <Row label={t("country")}>
                  <span translate="no">{p.country ?? "—"}</span>
                </Row>
                <Row label={t("languages")}>
                  <span translate="no">{p.languages.length ? p.languages.join(", ") : "—"}</span>
                </Row>
                {(p.deviceCategory || p.osFamily) && (
                  <Row label={t("device")}>
                    {commaList([
                      p.deviceCategory && enumText(p.deviceCategory, deviceText(p.deviceCategory, w)),
                      p.osFamily && <span translate="no">{`${enumWords(p.osFamily)}${p.osVersion ? ` ${p.osVersion}` : ""}`}</span>,
                    ])}
                  </Row>
                )}
                {(p.clientType || p.userAgentType) && <Row label={t("client")}>{clientList([p.clientType, p.userAgentType], w)}</Row>}
                {p.countryByIp && p.countryByIp !== p.country && (
                  <Row label={t("byIp")}>
                    <span translate="no">{p.countryByIp}</span>
                  </Row>
                )}
              </dl>
            )}
          </Part>

          <Part
            title={t("skills")}
            part={panel.skills}
            testId="panel-skills"
            action={
              sender && (
                <Button size="xs" variant="ghost" onClick={() => setOpen({ kind: "skill" })}>
                  {t("setSkill")}
                </Button>
              )
            }
          >
            {(skills) =>
              skills.length === 0 ? (
                <Empty>{t("noSkills")}</Empty>
              ) : (
                <ul className="space-y-1">
                  {skills.map((s) => (
                    <li key={s.id} className="flex flex-wrap items-center gap-x-2" data-testid="panel-skill">
                      {s.skillName ? (
                        <span className="min-w-0 flex-1 basis-28" translate="no">
                          {s.skillName}
                        </span>
                      ) : (
                        <span className="min-w-0 flex-1 basis-28">{t("skillFallback", { id: s.skillId })}</span>
                      )}
                      <Badge className="px-2">{s.value.toLocaleString(locale)}</Badge>
                      {sender && (
                        <span className="ml-auto flex">
                          <Button
                            size="xs"
                            variant="ghost"
                            onClick={() => setOpen({ kind: "skill", skill: s })}
                            aria-label={t("changeLabel", { name: s.skillName ?? s.skillId })}
                          >
                            {t("change")}
                          </Button>
                          <Button
                            size="xs"
                            variant="ghost"
                            onClick={() => setOpen({ kind: "remove-skill", skill: s })}
                            aria-label={t("removeLabel", { name: s.skillName ?? s.skillId })}
                          >
                            {t("remove")}
                          </Button>
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )
            }
          </Part>
          {sender &&
            pools.map((p) => (
              <Button key={p} size="xs" variant="secondary" onClick={() => setOpen({ kind: "grant", poolId: p })} data-testid="grant-pool">
                {t("grantPool", { pool: p })}
              </Button>
            ))}

          <Part
            title={t("restrictions")}
            part={panel.restrictions}
            testId="panel-restrictions"
            action={
              mayRestrict && (
                <Button size="xs" variant="ghost" onClick={() => setOpen({ kind: "restrict" })}>
                  {t("restrict")}
                </Button>
              )
            }
          >
            {(items) =>
              items.length === 0 ? (
                <Empty>{t("noRestrictions")}</Empty>
              ) : (
                <ul className="space-y-2">
                  {items.map((r) => (
                    <li
                      key={r.id}
                      className="rounded-md border border-red-200 bg-red-50 p-2 dark:border-red-900 dark:bg-red-950/40"
                      data-testid="panel-restriction"
                    >
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="min-w-0 flex-1 font-medium">{restrictionScopeText(r, w)}</span>
                        {mayRestrict && r.scope !== "SYSTEM" && (
                          <Button size="xs" variant="ghost" onClick={() => setOpen({ kind: "lift", restriction: r })}>
                            {t("lift")}
                          </Button>
                        )}
                      </div>
                      <p className="text-xs text-zinc-700 dark:text-zinc-300">
                        {r.until ? t("until", { date: exactTime(r.until, locale) }) : t("untilLifted")}
                      </p>
                      {r.comment && (
                        <p className="mt-0.5 break-words text-xs text-zinc-600 dark:text-zinc-400" translate="no">
                          {r.comment}
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              )
            }
          </Part>

          <Part
            title={t("bonuses")}
            part={panel.bonuses}
            testId="panel-bonuses"
            action={
              mayBonus && (
                <Button size="xs" variant="ghost" onClick={() => setOpen({ kind: "bonus" })}>
                  {t("payBonus")}
                </Button>
              )
            }
          >
            {(b) =>
              b.items.length === 0 ? (
                <Empty>{t("noBonuses")}</Empty>
              ) : (
                <>
                  <p data-testid="bonus-total">
                    {t.rich("bonusTotal", {
                      total: money(b.total, locale),
                      count: b.items.length,
                      more: b.more ? "yes" : "no",
                      b: (chunks) => <strong>{chunks}</strong>,
                    })}
                  </p>
                  <ul className="mt-1 space-y-1">
                    {b.items.slice(0, 10).map((x) => (
                      <li key={x.id} className="flex gap-2 text-xs" data-testid="panel-bonus">
                        <span className="tabular-nums font-medium">{money(x.amount, locale)}</span>
                        <span className="min-w-0 flex-1 truncate" title={x.title ? Object.values(x.title)[0] : undefined} translate="no">
                          {x.title ? (x.title.EN ?? Object.values(x.title)[0]) : (x.comment ?? "")}
                        </span>
                        {x.created && (
                          <time dateTime={x.created} title={exactTime(x.created, locale)} className="shrink-0 text-zinc-600 dark:text-zinc-400">
                            {relativeTime(x.created, locale)}
                          </time>
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              )
            }
          </Part>

          {panel.assignments && (
            <Part title={t("assignments", { count: pools.length, pools: pools.join(", ") })} part={panel.assignments} testId="panel-assignments">
              {(items) => (items.length === 0 ? <Empty>{t("noneInPools")}</Empty> : <AssignmentList items={items} highlight={assignmentId} />)}
            </Part>
          )}

          <div data-testid="panel-threads">
            <h3 className={sectionTitle}>{t("threads")}</h3>
            {panel.threads.length === 0 ? (
              <Empty>{t("noneInMirror")}</Empty>
            ) : (
              <ul className="mt-1 space-y-0.5">
                {panel.threads.slice(0, 20).map((th) => (
                  <li key={th.id}>
                    <Link
                      href={`/messages/users?thread=${th.id}`}
                      aria-current={th.id === threadId ? "page" : undefined}
                      className={`flex gap-2 rounded px-1 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800 ${th.id === threadId ? "bg-zinc-100 dark:bg-zinc-800" : ""}`}
                    >
                      {th.topic ? (
                        <span className={`min-w-0 flex-1 truncate ${th.unread ? "font-semibold" : ""}`} translate="no">
                          {th.topic}
                        </span>
                      ) : (
                        <span className={`min-w-0 flex-1 truncate ${th.unread ? "font-semibold" : ""}`}>{t("noTopic")}</span>
                      )}
                      <time dateTime={th.lastActivity} className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">
                        {relativeTime(th.lastActivity, locale)}
                      </time>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      ) : null}

      {open?.kind === "bonus" && <BonusDialog tolokerId={tolokerId} threadId={threadId} assignmentId={assignmentId} onClose={close} />}
      {open?.kind === "skill" && <SkillDialog tolokerId={tolokerId} current={open.skill} onClose={close} />}
      {open?.kind === "remove-skill" && <RemoveSkillDialog tolokerId={tolokerId} skill={open.skill} onClose={close} />}
      {open?.kind === "restrict" && <RestrictDialog tolokerId={tolokerId} poolId={pools[0]} projectId={projectId} onClose={close} />}
      {open?.kind === "lift" && <LiftDialog tolokerId={tolokerId} restriction={open.restriction} onClose={close} />}
      {open?.kind === "grant" && <GrantSkillDialog poolId={open.poolId} onClose={close} />}
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="text-zinc-600 dark:text-zinc-400">{children}</p>;
}

/** One part of the panel: its data, or why it could not be read with the copy kept from before. */
function Part<T>({
  title,
  part,
  children,
  action,
  testId,
}: {
  title: string;
  part: PanelPart<T>;
  children: (data: T) => ReactNode;
  action?: ReactNode;
  testId: string;
}) {
  const data = part.status === "ok" ? part.data : part.stale;
  const t = useTranslations("toloker.panel");
  const locale = useLocale();
  return (
    <div data-testid={testId} data-status={part.status}>
      <div className="flex min-h-6 items-center gap-2">
        <h3 className={`${sectionTitle} min-w-0 flex-1`}>{title}</h3>
        {action}
      </div>
      {part.status === "error" && (
        <p className="mb-1 text-xs text-red-700 dark:text-red-400" role="status">
          {t("readError", { error: part.message })}
          {part.stale !== undefined && part.fetchedAt ? ` ${t("shownAsRead", { time: relativeTime(part.fetchedAt, locale) })}` : ""}
        </p>
      )}
      {part.status === "ok" && part.unreadable ? (
        <p className="mb-1 text-xs text-amber-800 dark:text-amber-300">{t("unreadable", { count: part.unreadable })}</p>
      ) : null}
      {data !== undefined && <div className="mt-1">{children(data)}</div>}
    </div>
  );
}

function AssignmentList({ items, highlight }: { items: AssignmentDto[]; highlight?: string }) {
  const w = useTranslations("toloker.words");
  const locale = useLocale();
  return (
    <ul className="mt-1 space-y-1">
      {items.slice(0, 10).map((a) => (
        <li
          key={a.id}
          className={`flex flex-wrap items-center gap-x-2 text-xs ${a.id === highlight ? "font-semibold" : ""}`}
          data-testid="panel-assignment"
          title={a.id}
        >
          {/* The id's end: its start is the pool's, the same for every assignment of the pool. */}
          <span className="font-mono" translate="no">
            …{a.id.slice(-8)}
          </span>
          <Badge tone={a.status === "REJECTED" ? "amber" : "neutral"}>{assignmentStatusLabel(a.status, w)}</Badge>
          {a.reward && <span className="tabular-nums">{money(a.reward, locale)}</span>}
          {(a.submitted ?? a.created) && (
            <time
              className="ml-auto text-zinc-600 dark:text-zinc-400"
              dateTime={a.submitted ?? a.created}
              title={exactTime((a.submitted ?? a.created)!, locale)}
            >
              {relativeTime((a.submitted ?? a.created)!, locale)}
            </time>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Items joined with ", ", each a word or an element (data the page does not translate is in its own). */
function commaList(items: (ReactNode | false | undefined | "")[]): ReactNode {
  const present = items.filter((x): x is Exclude<ReactNode, false | undefined | ""> => !!x);
  return present.map((x, i) => (
    <span key={i}>
      {i > 0 && ", "}
      {x}
    </span>
  ));
}

/** A value of Toloka's in words when the app knows it, else as Toloka wrote it (not translated). */
function enumText(v: string, known: string | undefined): ReactNode {
  return known ?? <span translate="no">{enumWords(v)}</span>;
}

/** The client and the browser type, the same word once. */
function clientList(values: (string | undefined)[], w: TolokerWords): ReactNode {
  const seen = new Set<string>();
  const parts: ReactNode[] = [];
  for (const v of values) {
    if (!v) continue;
    const known = clientText(v, w);
    const text = known ?? enumWords(v);
    if (seen.has(text)) continue;
    seen.add(text);
    parts.push(known ?? <span translate="no">{text}</span>);
  }
  return commaList(parts);
}
