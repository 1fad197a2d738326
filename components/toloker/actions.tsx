"use client";

import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { inputClass, Notice } from "@/components/admin/ui";
import { shortId } from "@/components/inbox/format";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useSkills } from "@/lib/queries/compose";
import { ApiClientError } from "@/lib/queries/fetch-json";
import { isRunning, useJob } from "@/lib/queries/jobs";
import { useAfterBonus, useGrantSkill, useLiftRestriction, usePayBonus, useRemoveSkill, useRequester, useRestrict, useSetSkill } from "@/lib/queries/tolokers";
import { amountSchema, assignmentIdSchema, BONUS_MAX, BONUS_MIN, RESTRICTION_SCOPES, type RestrictionDto, type UserSkillDto } from "@/lib/schemas/tolokers";
import { dollars, restrictionScopeText } from "./words";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

function errorText(e: unknown): string {
  if (e instanceof ApiClientError) {
    const fields = e.fields ? Object.entries(e.fields).map(([k, v]) => `${k} ${v}`) : [];
    return fields.length ? `${e.message} (${fields.join("; ")})` : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** A form kept in this browser until it is done with, so a reload or a refused action does not lose it. */
function useStoredDraft<T extends object>(key: string, initial: T): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = `toloka-messages:${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = typeof localStorage === "undefined" ? null : localStorage.getItem(storageKey);
      if (raw) return { ...initial, ...(JSON.parse(raw) as Partial<T>) };
    } catch {
      // a broken draft is no draft
    }
    return initial;
  });
  const update = (patch: Partial<T>) =>
    setValue((v) => {
      const next = { ...v, ...patch };
      localStorage.setItem(storageKey, JSON.stringify(next));
      return next;
    });
  const clear = () => localStorage.removeItem(storageKey);
  return [value, update, clear];
}

function Label({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child each caller gives, inside the label.
    <label className="block text-sm font-medium">
      {label}
      {children}
      {hint && <span className="mt-1 block text-xs font-normal text-zinc-600 dark:text-zinc-400">{hint}</span>}
    </label>
  );
}

function Footer({ children }: { children: ReactNode }) {
  return <div className="mt-4 flex flex-wrap justify-end gap-2">{children}</div>;
}

/** What will happen, said before it does. */
function Summary({ children }: { children: ReactNode }) {
  return (
    <div className="rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm dark:border-zinc-700 dark:bg-zinc-800/60" data-testid="action-summary">
      {children}
    </div>
  );
}

// ————————————————————————————————————————— bonus —————————————————————————————————————————

const BONUS_LANGS = ["EN", "RU", "ES", "TR", "ID", "FR", "DE", "PT", "AR", "UK", "KK", "UZ"];

interface BonusDraft {
  amount: string;
  lang: string;
  title: string;
  message: string;
  comment: string;
  tie: boolean;
}

/**
 * A bonus: the form, then what exactly will be paid and from what balance, then the payment's outcome. Paid once
 * (the server's job uses Toloka's operation_id and looks the bonus up when an answer is lost); an outcome nobody can
 * know is said as such, never as paid or failed.
 */
export function BonusDialog({
  tolokerId,
  threadId,
  assignmentId: named,
  onClose,
}: {
  tolokerId: string;
  threadId?: string;
  assignmentId?: string;
  onClose(): void;
}) {
  // A bonus can be tied to the thread's assignment only when it names one by an id Toloka would take.
  const assignmentId = named && assignmentIdSchema.safeParse(named).success ? named : undefined;
  const [draft, update, clearDraft] = useStoredDraft<BonusDraft>(`bonus-draft:${tolokerId}`, {
    amount: "",
    lang: "EN",
    title: "",
    message: "",
    comment: "",
    tie: true,
  });
  const [step, setStep] = useState<"form" | "review">("form");
  const [tried, setTried] = useState(false);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const requester = useRequester(true);
  const pay = usePayBonus(tolokerId);
  const job = useJob(jobId);
  const afterBonus = useAfterBonus();
  const settled = useRef(false);
  const ids = useId();

  const amount = amountSchema.safeParse(draft.amount);
  const errors = {
    amount: amount.success ? undefined : draft.amount.trim() ? amount.error.issues[0]?.message : "Enter an amount.",
    title: draft.title.trim() ? undefined : "Enter the title the Toloker sees.",
    message: draft.message.trim() ? undefined : "Enter the message the Toloker receives with it.",
  };
  const valid = !errors.amount && !errors.title && !errors.message;
  const balance = requester.data?.balance;
  const over = balance !== undefined && amount.success && Number(amount.data) > Number(balance);
  // In thousandths of a dollar, so the sum is exact.
  const after =
    balance !== undefined && amount.success && !over
      ? ((Math.round(Number(balance) * 1000) - Math.round(Number(amount.data) * 1000)) / 1000).toFixed(3).replace(/0$/, "")
      : undefined;
  const state = job.data?.bonus?.state;

  useEffect(() => {
    if (!job.data || isRunning(job.data) || settled.current) return;
    settled.current = true;
    if (job.data.bonus?.state === "paid") clearDraft();
    afterBonus(tolokerId);
  }, [job.data, afterBonus, tolokerId, clearDraft]);

  function submit(acknowledgedDuplicate: boolean) {
    if (!amount.success) return;
    pay.mutate(
      {
        amount: amount.data,
        title: { [draft.lang]: draft.title.trim() },
        message: { [draft.lang]: draft.message.trim() },
        ...(assignmentId && draft.tie ? { assignmentId } : {}),
        ...(draft.comment.trim() ? { comment: draft.comment.trim() } : {}),
        ...(threadId ? { threadId } : {}),
        ...(acknowledgedDuplicate ? { acknowledgedDuplicate: true } : {}),
      },
      {
        onSuccess: (j) => setJobId(j.id),
        onError: (e) => {
          if (e instanceof ApiClientError && e.status === 409 && e.fields?.acknowledgedDuplicate) setDuplicate(e.message);
        },
      },
    );
  }

  const balanceLine = requester.isPending ? (
    <span className="text-zinc-600 dark:text-zinc-400">Reading the balance…</span>
  ) : requester.isError ? (
    <span className="text-amber-800 dark:text-amber-300">The balance could not be read ({requester.error.message}); Toloka refuses a bonus it cannot pay.</span>
  ) : balance !== undefined ? (
    <span data-testid="bonus-balance">
      Balance: <strong>{dollars(balance)}</strong>
    </span>
  ) : (
    <span className="text-zinc-600 dark:text-zinc-400">Toloka did not say the balance.</span>
  );

  return (
    <Dialog open onClose={onClose} title={`Pay a bonus to Toloker ${shortId(tolokerId)}`}>
      {jobId ? (
        <div className="space-y-3" data-testid="bonus-outcome" data-state={state ?? "pending"}>
          {!job.data || isRunning(job.data) || state === "pending" ? (
            <Notice kind="info">Paying {amount.success ? dollars(amount.data) : ""}…</Notice>
          ) : state === "paid" ? (
            <Notice kind="success">
              Paid {dollars(job.data.bonus!.amount)} to Toloker {shortId(tolokerId)}, once.
              {job.data.bonus?.recovered && " Toloka's answer was lost; the bonus was found in their bonuses, so it was not paid again."}
            </Notice>
          ) : state === "unconfirmed" ? (
            <Notice kind="warning">
              Toloka's answer was lost and its list of their bonuses does not show this one yet, so whether it was paid is unknown. It is not sent again. Check
              the Toloker's bonuses (Refresh in the panel) before paying another. {job.data.bonus?.error}
            </Notice>
          ) : (
            <Notice kind="error">Not paid: {job.data.bonus?.error ?? job.data.failures[0]?.error ?? "Toloka refused it."} The form is kept.</Notice>
          )}
          <Footer>
            {state === "failed" && (
              <Button
                onClick={() => {
                  setJobId(null);
                  settled.current = false;
                  setStep("form");
                }}
              >
                Back to the form
              </Button>
            )}
            <Button variant="primary" onClick={onClose}>
              Close
            </Button>
          </Footer>
        </div>
      ) : step === "form" ? (
        <form
          className="space-y-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (valid) setStep("review");
          }}
        >
          <p className="text-sm">{balanceLine}</p>
          <Label label="Amount, US dollars" hint={`From $${BONUS_MIN} to $${BONUS_MAX}, at most three decimals.`}>
            <input
              className={inputClass}
              inputMode="decimal"
              name="amount"
              value={draft.amount}
              onChange={(e) => update({ amount: e.target.value })}
              aria-invalid={tried && !!errors.amount}
              aria-describedby={`${ids}-amount`}
            />
          </Label>
          {tried && errors.amount && (
            <p id={`${ids}-amount`} className="text-sm text-red-700 dark:text-red-400">
              {errors.amount}
            </p>
          )}
          {over && <p className="text-sm text-red-700 dark:text-red-400">This is more than the balance.</p>}
          <Label label="Language of the message">
            <select className={inputClass} value={draft.lang} onChange={(e) => update({ lang: e.target.value })}>
              {BONUS_LANGS.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </Label>
          <Label label="Title (the Toloker sees it)">
            <input
              className={inputClass}
              name="title"
              maxLength={200}
              value={draft.title}
              onChange={(e) => update({ title: e.target.value })}
              aria-invalid={tried && !!errors.title}
            />
          </Label>
          {tried && errors.title && <p className="text-sm text-red-700 dark:text-red-400">{errors.title}</p>}
          <Label label="Message (sent to the Toloker with the bonus)">
            <textarea
              className={`${inputClass} min-h-20`}
              name="message"
              maxLength={2000}
              value={draft.message}
              onChange={(e) => update({ message: e.target.value })}
              aria-invalid={tried && !!errors.message}
            />
          </Label>
          {tried && errors.message && <p className="text-sm text-red-700 dark:text-red-400">{errors.message}</p>}
          {assignmentId && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={draft.tie} onChange={(e) => update({ tie: e.target.checked })} />
              For assignment <span className="break-all font-mono text-xs">{assignmentId}</span>
            </label>
          )}
          <Label label="Private comment (optional, only your team sees it)">
            <input className={inputClass} name="comment" maxLength={400} value={draft.comment} onChange={(e) => update({ comment: e.target.value })} />
          </Label>
          <Footer>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={over}>
              Review
            </Button>
          </Footer>
        </form>
      ) : (
        <div className="space-y-3">
          <Summary>
            <p>
              Pay <strong data-testid="bonus-summary-amount">{amount.success ? dollars(amount.data) : ""}</strong> to Toloker{" "}
              <span className="break-all font-mono text-xs">{tolokerId}</span>
              {assignmentId && draft.tie ? (
                <>
                  {" "}
                  for assignment <span className="break-all font-mono text-xs">{assignmentId}</span>
                </>
              ) : null}
              , from the account's balance{balance !== undefined ? ` of ${dollars(balance)}` : ""}
              {after !== undefined ? `, leaving ${dollars(after)}` : ""}.
            </p>
            <p className="mt-2">They receive a message in {draft.lang}:</p>
            <p className="mt-1 break-words font-medium">{draft.title.trim()}</p>
            <p className="whitespace-pre-wrap break-words">{draft.message.trim()}</p>
            <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
              It is paid once: if Toloka's answer is lost, the app looks the bonus up in their bonuses and never sends it again. A bonus cannot be taken back.
            </p>
          </Summary>
          {duplicate && (
            <Notice kind="warning" testId="bonus-duplicate">
              {duplicate}
            </Notice>
          )}
          {pay.isError && !duplicate && <Notice kind="error">Not paid: {errorText(pay.error)}</Notice>}
          <Footer>
            <Button
              onClick={() => {
                setDuplicate(null);
                setStep("form");
              }}
            >
              Edit
            </Button>
            <Button variant="primary" disabled={pay.isPending} onClick={() => submit(duplicate !== null)} data-testid="bonus-confirm">
              {pay.isPending
                ? "Paying…"
                : duplicate
                  ? `Pay another ${amount.success ? dollars(amount.data) : ""}`
                  : `Pay ${amount.success ? dollars(amount.data) : ""}`}
            </Button>
          </Footer>
        </div>
      )}
    </Dialog>
  );
}

// ————————————————————————————————————————— skills —————————————————————————————————————————

function SkillPicker({ value, onChange }: { value: string; onChange(id: string, name: string): void }) {
  const skills = useSkills();
  if (skills.isPending) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading the account's skills…</p>;
  if (skills.isError) return <Notice kind="error">Could not load the skills: {skills.error.message}</Notice>;
  const usable = skills.data.filter((s) => !s.global && !s.deprecated);
  return (
    <Label label="Skill">
      <select
        className={inputClass}
        value={value}
        onChange={(e) => onChange(e.target.value, usable.find((s) => s.id === e.target.value)?.name ?? e.target.value)}
        name="skill"
      >
        <option value="">Choose a skill…</option>
        {usable.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.id})
          </option>
        ))}
      </select>
    </Label>
  );
}

function valueError(v: string): string | undefined {
  if (!v.trim()) return "Enter a value from 0 to 100.";
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? undefined : "The value must be a number from 0 to 100.";
}

/** Sets one of the account's skills on the Toloker (a new one, or a new value of one they have). */
export function SkillDialog({ tolokerId, current, onClose }: { tolokerId: string; current?: UserSkillDto; onClose(): void }) {
  const [skill, setSkill] = useState<{ id: string; name: string } | null>(current ? { id: current.skillId, name: current.skillName ?? current.skillId } : null);
  const [value, setValue] = useState(current ? String(current.value) : "");
  const [review, setReview] = useState(false);
  const set = useSetSkill(tolokerId);
  const toast = useToast();
  const vErr = valueError(value);
  return (
    <Dialog open onClose={onClose} title={current ? `Change ${current.skillName ?? "the skill"}` : "Set a skill"}>
      {!review ? (
        <form
          className="space-y-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (skill && !vErr) setReview(true);
          }}
        >
          {!current && <SkillPicker value={skill?.id ?? ""} onChange={(id, name) => setSkill(id ? { id, name } : null)} />}
          <Label label="Value, 0 to 100">
            <input
              className={inputClass}
              name="value"
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={value !== "" && !!vErr}
            />
          </Label>
          {value !== "" && vErr && <p className="text-sm text-red-700 dark:text-red-400">{vErr}</p>}
          <Footer>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={!skill || !!vErr}>
              Review
            </Button>
          </Footer>
        </form>
      ) : (
        <div className="space-y-3">
          <Summary>
            Set <strong>{skill?.name}</strong> to <strong>{Number(value)}</strong> for Toloker <span className="break-all font-mono text-xs">{tolokerId}</span>
            {current ? ` (now ${current.value})` : ""}. Pools and messages that filter by this skill then include them by this value.
          </Summary>
          {set.isError && <Notice kind="error">Not set: {errorText(set.error)}</Notice>}
          <Footer>
            <Button onClick={() => setReview(false)}>Edit</Button>
            <Button
              variant="primary"
              disabled={set.isPending}
              data-testid="skill-confirm"
              onClick={() =>
                skill &&
                set.mutate(
                  { skillId: skill.id, value: Number(value) },
                  {
                    onSuccess: () => {
                      toast.info(`${skill.name} is ${Number(value)} for Toloker ${shortId(tolokerId)}.`);
                      onClose();
                    },
                  },
                )
              }
            >
              {set.isPending ? "Setting…" : "Set the skill"}
            </Button>
          </Footer>
        </div>
      )}
    </Dialog>
  );
}

export function RemoveSkillDialog({ tolokerId, skill, onClose }: { tolokerId: string; skill: UserSkillDto; onClose(): void }) {
  const remove = useRemoveSkill(tolokerId);
  const toast = useToast();
  const name = skill.skillName ?? `Skill ${skill.skillId}`;
  return (
    <Dialog open onClose={onClose} title={`Remove ${name}?`}>
      <Summary>
        Remove <strong>{name}</strong> ({skill.value}) from Toloker <span className="break-all font-mono text-xs">{tolokerId}</span>. Pools and messages that
        need this skill no longer reach them.
      </Summary>
      {remove.isError && (
        <div className="mt-3">
          <Notice kind="error">Not removed: {errorText(remove.error)}</Notice>
        </div>
      )}
      <Footer>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="danger"
          disabled={remove.isPending}
          data-testid="remove-skill-confirm"
          onClick={() =>
            remove.mutate(skill.id, {
              onSuccess: () => {
                toast.info(`${name} removed from Toloker ${shortId(tolokerId)}.`);
                onClose();
              },
            })
          }
        >
          {remove.isPending ? "Removing…" : "Remove the skill"}
        </Button>
      </Footer>
    </Dialog>
  );
}

/** "Give everyone who did this a skill": every Toloker with an assignment in the pool, as a job. */
export function GrantSkillDialog({ poolId, threadIds, onClose }: { poolId?: string; threadIds?: readonly string[]; onClose(): void }) {
  const whom = poolId
    ? `everyone in pool ${poolId}`
    : `the Tolokers of ${threadIds?.length.toLocaleString("en-US")} selected thread${threadIds?.length === 1 ? "" : "s"}`;
  const [skill, setSkill] = useState<{ id: string; name: string } | null>(null);
  const [value, setValue] = useState("100");
  const [review, setReview] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const grant = useGrantSkill();
  const job = useJob(jobId);
  const vErr = valueError(value);
  return (
    <Dialog open onClose={onClose} title={`Give a skill to ${whom}`}>
      {jobId ? (
        <div className="space-y-3" data-testid="grant-outcome">
          {!job.data || isRunning(job.data) ? (
            <Notice kind="info">
              Giving {skill?.name}… {job.data ? `${job.data.done.toLocaleString("en-US")} of ${job.data.total.toLocaleString("en-US")}` : ""}
            </Notice>
          ) : job.data.failed > 0 ? (
            <Notice kind="warning">
              {job.data.done.toLocaleString("en-US")} Tolokers have {skill?.name}; {job.data.failed.toLocaleString("en-US")} could not be given it:{" "}
              {job.data.failures[0]?.error}
            </Notice>
          ) : (
            <Notice kind="success">
              {job.data.done.toLocaleString("en-US")} Toloker{job.data.done === 1 ? " has" : "s have"} {skill?.name} = {Number(value)}. A message to those with
              this skill now reaches exactly them.
            </Notice>
          )}
          <Footer>
            <Button variant="primary" onClick={onClose}>
              Close
            </Button>
          </Footer>
        </div>
      ) : !review ? (
        <form
          className="space-y-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (skill && !vErr) setReview(true);
          }}
        >
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Toloka's recipe for reaching the people who did a task: give them a hidden skill, then send a message to those with the skill.
          </p>
          <SkillPicker value={skill?.id ?? ""} onChange={(id, name) => setSkill(id ? { id, name } : null)} />
          <Label label="Value, 0 to 100">
            <input className={inputClass} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={!!vErr} />
          </Label>
          {vErr && <p className="text-sm text-red-700 dark:text-red-400">{vErr}</p>}
          <Footer>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={!skill || !!vErr}>
              Review
            </Button>
          </Footer>
        </form>
      ) : (
        <div className="space-y-3">
          <Summary>
            Set <strong>{skill?.name}</strong> to <strong>{Number(value)}</strong> for{" "}
            {poolId ? (
              <>
                every Toloker with an assignment in pool <strong>{poolId}</strong>
              </>
            ) : (
              <>
                each Toloker of the <strong>{threadIds?.length.toLocaleString("en-US")}</strong> selected threads (each once)
              </>
            )}
            . Those who have it already get this value.
          </Summary>
          {grant.isError && <Notice kind="error">Not started: {errorText(grant.error)}</Notice>}
          <Footer>
            <Button onClick={() => setReview(false)}>Edit</Button>
            <Button
              variant="primary"
              disabled={grant.isPending}
              onClick={() =>
                skill &&
                grant.mutate(
                  { skillId: skill.id, value: Number(value), ...(poolId ? { poolId } : { threadIds: [...(threadIds ?? [])] }) },
                  { onSuccess: (j) => setJobId(j.id) },
                )
              }
            >
              {grant.isPending ? "Starting…" : "Give the skill"}
            </Button>
          </Footer>
        </div>
      )}
    </Dialog>
  );
}

// ————————————————————————————————————————— restrictions —————————————————————————————————————————

const DURATIONS = [
  { id: "1d", label: "1 day", ms: 86_400_000 },
  { id: "7d", label: "7 days", ms: 7 * 86_400_000 },
  { id: "30d", label: "30 days", ms: 30 * 86_400_000 },
  { id: "date", label: "Until a date…", ms: -1 },
  { id: "forever", label: "Until lifted", ms: 0 },
] as const;

const SCOPE_LABELS: Record<(typeof RESTRICTION_SCOPES)[number], string> = { ALL_PROJECTS: "All your projects", PROJECT: "One project", POOL: "One pool" };

/** Restricts the Toloker: where, for how long, and why (the team's private comment). */
export function RestrictDialog({ tolokerId, poolId, projectId, onClose }: { tolokerId: string; poolId?: string; projectId?: string; onClose(): void }) {
  const [scope, setScope] = useState<(typeof RESTRICTION_SCOPES)[number]>(poolId ? "POOL" : "ALL_PROJECTS");
  const [pool, setPool] = useState(poolId ?? "");
  const [project, setProject] = useState(projectId ?? "");
  const [duration, setDuration] = useState<(typeof DURATIONS)[number]["id"]>("7d");
  const [comment, setComment] = useState("");
  const [endDate, setEndDate] = useState("");
  const [review, setReview] = useState<{ until?: string } | null>(null);
  const restrict = useRestrict(tolokerId);
  const toast = useToast();
  const errors = {
    pool: scope === "POOL" && !/^\d{1,20}$/.test(pool.trim()) ? "Enter the pool's number." : undefined,
    project: scope === "PROJECT" && !/^\d{1,20}$/.test(project.trim()) ? "Enter the project's number." : undefined,
    comment: comment.trim() ? undefined : "Say why (only your team sees it).",
    // The browser's local date and time, read in its time zone.
    end: duration !== "date" ? undefined : !endDate ? "Choose the end." : !(Date.parse(endDate) > Date.now()) ? "The end must be in the future." : undefined,
  };
  const valid = !errors.pool && !errors.project && !errors.comment && !errors.end;
  const [tried, setTried] = useState(false);
  const where = restrictionScopeText({ scope, poolId: pool.trim(), projectId: project.trim() });

  return (
    <Dialog open onClose={onClose} title={`Restrict Toloker ${shortId(tolokerId)}`}>
      {!review ? (
        <form
          className="space-y-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (!valid) return;
            const d = DURATIONS.find((x) => x.id === duration)!;
            // Toloka takes the end to the second; a minute's rounding keeps the summary and the request the same.
            const until = d.ms > 0 ? Math.ceil((Date.now() + d.ms) / 60_000) * 60_000 : d.ms < 0 ? Date.parse(endDate) : undefined;
            setReview({ until: until === undefined ? undefined : new Date(until).toISOString() });
          }}
        >
          <fieldset>
            <legend className="text-sm font-medium">Where</legend>
            <div className="mt-1 space-y-1">
              {RESTRICTION_SCOPES.map((s) => (
                <label key={s} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
                  {SCOPE_LABELS[s]}
                </label>
              ))}
            </div>
          </fieldset>
          {scope === "POOL" && (
            <>
              <Label label="Pool">
                <input
                  className={inputClass}
                  name="pool"
                  inputMode="numeric"
                  value={pool}
                  onChange={(e) => setPool(e.target.value)}
                  aria-invalid={tried && !!errors.pool}
                />
              </Label>
              {tried && errors.pool && <p className="text-sm text-red-700 dark:text-red-400">{errors.pool}</p>}
            </>
          )}
          {scope === "PROJECT" && (
            <>
              <Label label="Project">
                <input
                  className={inputClass}
                  name="project"
                  inputMode="numeric"
                  value={project}
                  onChange={(e) => setProject(e.target.value)}
                  aria-invalid={tried && !!errors.project}
                />
              </Label>
              {tried && errors.project && <p className="text-sm text-red-700 dark:text-red-400">{errors.project}</p>}
            </>
          )}
          <Label label="For">
            <select className={inputClass} name="duration" value={duration} onChange={(e) => setDuration(e.target.value as typeof duration)}>
              {DURATIONS.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
          </Label>
          {duration === "date" && (
            <>
              <Label label="Until (your time zone)">
                <input
                  className={inputClass}
                  type="datetime-local"
                  name="until"
                  value={endDate}
                  onChange={(e) => setEndDate(e.target.value)}
                  aria-invalid={tried && !!errors.end}
                />
              </Label>
              {tried && errors.end && <p className="text-sm text-red-700 dark:text-red-400">{errors.end}</p>}
            </>
          )}
          <Label label="Why (a private comment: only your team sees it)">
            <textarea
              className={`${inputClass} min-h-16`}
              name="comment"
              maxLength={499}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              aria-invalid={tried && !!errors.comment}
            />
          </Label>
          {tried && errors.comment && <p className="text-sm text-red-700 dark:text-red-400">{errors.comment}</p>}
          <Footer>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary">
              Review
            </Button>
          </Footer>
        </form>
      ) : (
        <div className="space-y-3">
          <Summary>
            Toloker <span className="break-all font-mono text-xs">{tolokerId}</span> will not get your tasks in{" "}
            <strong>{where.toLowerCase().startsWith("all") ? "any of your projects" : where}</strong>{" "}
            {review.until ? (
              <>
                until <strong>{dateTime.format(new Date(review.until))}</strong>
              </>
            ) : (
              <strong>until the restriction is lifted</strong>
            )}
            . They are not told why; your comment stays with your team.
          </Summary>
          {restrict.isError && <Notice kind="error">Not restricted: {errorText(restrict.error)}</Notice>}
          <Footer>
            <Button onClick={() => setReview(null)}>Edit</Button>
            <Button
              variant="danger"
              disabled={restrict.isPending}
              data-testid="restrict-confirm"
              onClick={() =>
                restrict.mutate(
                  {
                    scope,
                    ...(scope === "POOL" ? { poolId: pool.trim() } : {}),
                    ...(scope === "PROJECT" ? { projectId: project.trim() } : {}),
                    ...(review.until ? { until: review.until } : {}),
                    comment: comment.trim(),
                  },
                  {
                    onSuccess: () => {
                      toast.info(`Toloker ${shortId(tolokerId)} is restricted in ${where}.`);
                      onClose();
                    },
                  },
                )
              }
            >
              {restrict.isPending ? "Restricting…" : "Restrict"}
            </Button>
          </Footer>
        </div>
      )}
    </Dialog>
  );
}

export function LiftDialog({ tolokerId, restriction, onClose }: { tolokerId: string; restriction: RestrictionDto; onClose(): void }) {
  const lift = useLiftRestriction(tolokerId);
  const toast = useToast();
  const where = restrictionScopeText(restriction);
  return (
    <Dialog open onClose={onClose} title="Lift the restriction?">
      <Summary>
        Lift the restriction of Toloker <span className="break-all font-mono text-xs">{tolokerId}</span> in <strong>{where}</strong>
        {restriction.until ? ` (until ${dateTime.format(new Date(restriction.until))})` : " (until lifted)"}. They can take your tasks there again at once.
      </Summary>
      {lift.isError && (
        <div className="mt-3">
          <Notice kind="error">Not lifted: {errorText(lift.error)}</Notice>
        </div>
      )}
      <Footer>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="primary"
          disabled={lift.isPending}
          data-testid="lift-confirm"
          onClick={() =>
            lift.mutate(restriction.id, {
              onSuccess: () => {
                toast.info(`The restriction in ${where} is lifted.`);
                onClose();
              },
            })
          }
        >
          {lift.isPending ? "Lifting…" : "Lift it"}
        </Button>
      </Footer>
    </Dialog>
  );
}
