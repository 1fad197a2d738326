"use client";

import Link from "next/link";
import { type ReactNode, useState } from "react";
import { useCan, useMay } from "@/components/auth/current-user";
import { exactTime, relativeTime, shortId } from "@/components/inbox/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useTolokerPanel } from "@/lib/queries/tolokers";
import type { AssignmentDto, PanelPart, RestrictionDto, UserSkillDto } from "@/lib/schemas/tolokers";
import { BonusDialog, GrantSkillDialog, LiftDialog, RemoveSkillDialog, RestrictDialog, SkillDialog } from "./actions";
import { assignmentStatusLabel, enumWords, restrictionScopeText } from "./words";

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

  return (
    <section aria-label="Toloker" className="space-y-4 p-4 text-sm" data-testid="toloker-panel">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="min-w-0 flex-1 font-semibold">
          Toloker{" "}
          <Link href={`/tolokers/${tolokerId}`} className="font-mono text-blue-700 underline dark:text-blue-400" title={tolokerId}>
            {shortId(tolokerId)}
          </Link>
        </h2>
        <Button
          size="xs"
          variant="ghost"
          onClick={() => refresh.mutate()}
          disabled={refresh.isPending || query.isPending}
          title="Read everything from Toloka again"
          data-testid="panel-refresh"
        >
          {refresh.isPending ? "Refreshing…" : "Refresh"}
        </Button>
      </div>
      {refresh.isError && <p className="text-xs text-red-700 dark:text-red-400">Could not refresh: {refresh.error.message}</p>}
      {query.isPending ? (
        <div className="space-y-2" role="status" aria-busy="true" aria-label="Loading the Toloker">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : query.isError ? (
        <div data-testid="panel-error">
          <p className="text-red-700 dark:text-red-400">Could not load the Toloker: {query.error.message}</p>
          <Button size="xs" className="mt-2" onClick={() => void query.refetch()}>
            Retry
          </Button>
        </div>
      ) : panel ? (
        <>
          <Part title="Profile" part={panel.profile} testId="panel-profile">
            {(p) => (
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                <Row label="Country">{p.country ?? "—"}</Row>
                <Row label="Languages">{p.languages.length ? p.languages.join(", ") : "—"}</Row>
                {(p.deviceCategory || p.osFamily) && (
                  <Row label="Device">
                    {[p.deviceCategory && enumWords(p.deviceCategory), p.osFamily && `${enumWords(p.osFamily)}${p.osVersion ? ` ${p.osVersion}` : ""}`]
                      .filter(Boolean)
                      .join(", ")}
                  </Row>
                )}
                {(p.clientType || p.userAgentType) && (
                  <Row label="Client">{[...new Set([p.clientType, p.userAgentType].filter((x): x is string => !!x).map(enumWords))].join(", ")}</Row>
                )}
                {p.countryByIp && p.countryByIp !== p.country && <Row label="By IP">{p.countryByIp}</Row>}
              </dl>
            )}
          </Part>

          <Part
            title="Skills"
            part={panel.skills}
            testId="panel-skills"
            action={
              sender && (
                <Button size="xs" variant="ghost" onClick={() => setOpen({ kind: "skill" })}>
                  Set a skill
                </Button>
              )
            }
          >
            {(skills) =>
              skills.length === 0 ? (
                <Empty>No skills on this account.</Empty>
              ) : (
                <ul className="space-y-1">
                  {skills.map((s) => (
                    <li key={s.id} className="flex flex-wrap items-center gap-x-2" data-testid="panel-skill">
                      <span className="min-w-0 flex-1 basis-28">{s.skillName ?? `Skill ${s.skillId}`}</span>
                      <Badge className="px-2">{s.value}</Badge>
                      {sender && (
                        <span className="ml-auto flex">
                          <Button
                            size="xs"
                            variant="ghost"
                            onClick={() => setOpen({ kind: "skill", skill: s })}
                            aria-label={`Change ${s.skillName ?? s.skillId}`}
                          >
                            Change
                          </Button>
                          <Button
                            size="xs"
                            variant="ghost"
                            onClick={() => setOpen({ kind: "remove-skill", skill: s })}
                            aria-label={`Remove ${s.skillName ?? s.skillId}`}
                          >
                            Remove
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
                Give a skill to everyone in pool {p}
              </Button>
            ))}

          <Part
            title="Restrictions"
            part={panel.restrictions}
            testId="panel-restrictions"
            action={
              mayRestrict && (
                <Button size="xs" variant="ghost" onClick={() => setOpen({ kind: "restrict" })}>
                  Restrict
                </Button>
              )
            }
          >
            {(items) =>
              items.length === 0 ? (
                <Empty>No active restrictions.</Empty>
              ) : (
                <ul className="space-y-2">
                  {items.map((r) => (
                    <li
                      key={r.id}
                      className="rounded-md border border-red-200 bg-red-50 p-2 dark:border-red-900 dark:bg-red-950/40"
                      data-testid="panel-restriction"
                    >
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="min-w-0 flex-1 font-medium">{restrictionScopeText(r)}</span>
                        {mayRestrict && r.scope !== "SYSTEM" && (
                          <Button size="xs" variant="ghost" onClick={() => setOpen({ kind: "lift", restriction: r })}>
                            Lift
                          </Button>
                        )}
                      </div>
                      <p className="text-xs text-zinc-700 dark:text-zinc-300">{r.until ? `Until ${exactTime(r.until)}` : "Until lifted"}</p>
                      {r.comment && <p className="mt-0.5 break-words text-xs text-zinc-600 dark:text-zinc-400">{r.comment}</p>}
                    </li>
                  ))}
                </ul>
              )
            }
          </Part>

          <Part
            title="Bonuses"
            part={panel.bonuses}
            testId="panel-bonuses"
            action={
              mayBonus && (
                <Button size="xs" variant="ghost" onClick={() => setOpen({ kind: "bonus" })}>
                  Pay a bonus
                </Button>
              )
            }
          >
            {(b) =>
              b.items.length === 0 ? (
                <Empty>No bonuses paid.</Empty>
              ) : (
                <>
                  <p data-testid="bonus-total">
                    <strong>${b.total}</strong> in {b.items.length}
                    {b.more ? "+" : ""} bonus{b.items.length === 1 ? "" : "es"}
                  </p>
                  <ul className="mt-1 space-y-1">
                    {b.items.slice(0, 10).map((x) => (
                      <li key={x.id} className="flex gap-2 text-xs" data-testid="panel-bonus">
                        <span className="tabular-nums font-medium">${x.amount}</span>
                        <span className="min-w-0 flex-1 truncate" title={x.title ? Object.values(x.title)[0] : undefined}>
                          {x.title ? (x.title.EN ?? Object.values(x.title)[0]) : (x.comment ?? "")}
                        </span>
                        {x.created && (
                          <time dateTime={x.created} title={exactTime(x.created)} className="shrink-0 text-zinc-600 dark:text-zinc-400">
                            {relativeTime(x.created)}
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
            <Part title={`Assignments in pool${pools.length === 1 ? "" : "s"} ${pools.join(", ")}`} part={panel.assignments} testId="panel-assignments">
              {(items) => (items.length === 0 ? <Empty>None in these pools.</Empty> : <AssignmentList items={items} highlight={assignmentId} />)}
            </Part>
          )}

          <div data-testid="panel-threads">
            <h3 className={sectionTitle}>Threads with them</h3>
            {panel.threads.length === 0 ? (
              <Empty>None in the mirror.</Empty>
            ) : (
              <ul className="mt-1 space-y-0.5">
                {panel.threads.slice(0, 20).map((t) => (
                  <li key={t.id}>
                    <Link
                      href={`/messages/users?thread=${t.id}`}
                      aria-current={t.id === threadId ? "page" : undefined}
                      className={`flex gap-2 rounded px-1 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800 ${t.id === threadId ? "bg-zinc-100 dark:bg-zinc-800" : ""}`}
                    >
                      <span className={`min-w-0 flex-1 truncate ${t.unread ? "font-semibold" : ""}`}>{t.topic || "(no topic)"}</span>
                      <time dateTime={t.lastActivity} className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">
                        {relativeTime(t.lastActivity)}
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
  return (
    <div data-testid={testId} data-status={part.status}>
      <div className="flex min-h-6 items-center gap-2">
        <h3 className={`${sectionTitle} min-w-0 flex-1`}>{title}</h3>
        {action}
      </div>
      {part.status === "error" && (
        <p className="mb-1 text-xs text-red-700 dark:text-red-400" role="status">
          Could not read from Toloka: {part.message}
          {part.stale !== undefined && part.fetchedAt ? ` Shown as read ${relativeTime(part.fetchedAt)}.` : ""}
        </p>
      )}
      {part.status === "ok" && part.unreadable ? (
        <p className="mb-1 text-xs text-amber-800 dark:text-amber-300">
          {part.unreadable} item{part.unreadable === 1 ? "" : "s"} Toloka sent could not be read and are left out.
        </p>
      ) : null}
      {data !== undefined && <div className="mt-1">{children(data)}</div>}
    </div>
  );
}

function AssignmentList({ items, highlight }: { items: AssignmentDto[]; highlight?: string }) {
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
          <span className="font-mono">…{a.id.slice(-8)}</span>
          <Badge tone={a.status === "REJECTED" ? "amber" : "neutral"}>{assignmentStatusLabel(a.status)}</Badge>
          {a.reward && <span className="tabular-nums">${a.reward}</span>}
          {(a.submitted ?? a.created) && (
            <time className="ml-auto text-zinc-600 dark:text-zinc-400" dateTime={a.submitted ?? a.created} title={exactTime((a.submitted ?? a.created)!)}>
              {relativeTime((a.submitted ?? a.created)!)}
            </time>
          )}
        </li>
      ))}
    </ul>
  );
}
