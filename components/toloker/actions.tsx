"use client";

import { useLocale, useTranslations } from "next-intl";
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
import { dateFormat, money, restrictionScopeText } from "./words";

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

/** The elements the messages of these dialogs wrap their parts in: bold, and data that is not translated. */
const tags = {
  b: (chunks: ReactNode) => <strong>{chunks}</strong>,
  data: (chunks: ReactNode) => <span translate="no">{chunks}</span>,
  mono: (chunks: ReactNode) => (
    <span className="break-all font-mono text-xs" translate="no">
      {chunks}
    </span>
  ),
};

/** A name the page does not translate, in bold. */
const boldData = (chunks: ReactNode) => <strong translate="no">{chunks}</strong>;

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
  const t = useTranslations("toloker.bonus");
  const d = useTranslations("toloker.dialog");
  const locale = useLocale();
  const usd = (a: string) => money(a, locale);

  const amount = amountSchema.safeParse(draft.amount);
  const amountError = (): string | undefined => {
    if (amount.success) return undefined;
    const typed = draft.amount.trim();
    if (!typed) return t("amountRequired");
    const issue = amount.error.issues[0];
    // The schema's own checks, worded here: its format first, then its limits.
    if (issue?.code !== "custom") return t("amountFormat");
    if (Number(typed) < BONUS_MIN) return t("amountMin", { min: usd(String(BONUS_MIN)) });
    if (Number(typed) > BONUS_MAX) return t("amountMax", { max: usd(String(BONUS_MAX)) });
    return issue.message;
  };
  const errors = {
    amount: amountError(),
    title: draft.title.trim() ? undefined : t("titleRequired"),
    message: draft.message.trim() ? undefined : t("messageRequired"),
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
    <span className="text-zinc-600 dark:text-zinc-400">{t("readingBalance")}</span>
  ) : requester.isError ? (
    <span className="text-amber-800 dark:text-amber-300">{t("balanceError", { error: requester.error.message })}</span>
  ) : balance !== undefined ? (
    <span data-testid="bonus-balance">{t.rich("balance", { amount: usd(balance), ...tags })}</span>
  ) : (
    <span className="text-zinc-600 dark:text-zinc-400">{t("balanceUnknown")}</span>
  );

  return (
    <Dialog open onClose={onClose} title={t("title", { id: shortId(tolokerId) })}>
      {jobId ? (
        <div className="space-y-3" data-testid="bonus-outcome" data-state={state ?? "pending"}>
          {!job.data || isRunning(job.data) || state === "pending" ? (
            <Notice kind="info">{t("paying", { amount: amount.success ? usd(amount.data) : "" })}</Notice>
          ) : state === "paid" ? (
            <Notice kind="success">
              {t.rich("paid", { amount: usd(job.data.bonus!.amount), id: shortId(tolokerId), ...tags })}
              {job.data.bonus?.recovered && ` ${t("recovered")}`}
            </Notice>
          ) : state === "unconfirmed" ? (
            <Notice kind="warning">
              {t("unconfirmed")} {job.data.bonus?.error}
            </Notice>
          ) : (
            <Notice kind="error">{t("notPaidKept", { error: job.data.bonus?.error ?? job.data.failures[0]?.error ?? t("refused") })}</Notice>
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
                {t("backToForm")}
              </Button>
            )}
            <Button variant="primary" onClick={onClose}>
              {d("close")}
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
          <Label label={t("amountLabel")} hint={t("amountHint", { min: usd(String(BONUS_MIN)), max: usd(String(BONUS_MAX)) })}>
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
          {over && <p className="text-sm text-red-700 dark:text-red-400">{t("overBalance")}</p>}
          <Label label={t("langLabel")}>
            <select className={inputClass} value={draft.lang} onChange={(e) => update({ lang: e.target.value })}>
              {BONUS_LANGS.map((l) => (
                <option key={l} translate="no">
                  {l}
                </option>
              ))}
            </select>
          </Label>
          <Label label={t("titleLabel")}>
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
          <Label label={t("messageLabel")}>
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
              {t.rich("forAssignment", { id: assignmentId, ...tags })}
            </label>
          )}
          <Label label={t("commentLabel")}>
            <input className={inputClass} name="comment" maxLength={400} value={draft.comment} onChange={(e) => update({ comment: e.target.value })} />
          </Label>
          <Footer>
            <Button onClick={onClose}>{d("cancel")}</Button>
            <Button type="submit" variant="primary" disabled={over}>
              {d("review")}
            </Button>
          </Footer>
        </form>
      ) : (
        <div className="space-y-3">
          <Summary>
            <p>
              {t.rich("summary", {
                amount: amount.success ? usd(amount.data) : "",
                tolokerId,
                tied: assignmentId && draft.tie ? "yes" : "no",
                assignmentId: assignmentId ?? "",
                hasBalance: balance !== undefined ? "yes" : "no",
                balance: balance !== undefined ? usd(balance) : "",
                hasAfter: after !== undefined ? "yes" : "no",
                after: after !== undefined ? usd(after) : "",
                ...tags,
                b: (chunks) => <strong data-testid="bonus-summary-amount">{chunks}</strong>,
              })}
            </p>
            <p className="mt-2">{t.rich("receiveIn", { lang: draft.lang, ...tags })}</p>
            <p className="mt-1 break-words font-medium" translate="no">
              {draft.title.trim()}
            </p>
            <p className="whitespace-pre-wrap break-words" translate="no">
              {draft.message.trim()}
            </p>
            <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{t("paidOnce")}</p>
          </Summary>
          {duplicate && (
            <Notice kind="warning" testId="bonus-duplicate">
              {duplicate}
            </Notice>
          )}
          {pay.isError && !duplicate && <Notice kind="error">{t("notPaid", { error: errorText(pay.error) })}</Notice>}
          <Footer>
            <Button
              onClick={() => {
                setDuplicate(null);
                setStep("form");
              }}
            >
              {d("edit")}
            </Button>
            <Button variant="primary" disabled={pay.isPending} onClick={() => submit(duplicate !== null)} data-testid="bonus-confirm">
              {pay.isPending
                ? t("payingButton")
                : duplicate
                  ? t("payAnother", { amount: amount.success ? usd(amount.data) : "" })
                  : t("pay", { amount: amount.success ? usd(amount.data) : "" })}
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
  const t = useTranslations("toloker.skill");
  if (skills.isPending) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("loading")}</p>;
  if (skills.isError) return <Notice kind="error">{t("loadError", { error: skills.error.message })}</Notice>;
  const usable = skills.data.filter((s) => !s.global && !s.deprecated);
  return (
    <Label label={t("label")}>
      <select
        className={inputClass}
        value={value}
        onChange={(e) => onChange(e.target.value, usable.find((s) => s.id === e.target.value)?.name ?? e.target.value)}
        name="skill"
      >
        <option value="">{t("choose")}</option>
        {usable.map((s) => (
          <option key={s.id} value={s.id} translate="no">
            {t("option", { name: s.name, id: s.id })}
          </option>
        ))}
      </select>
    </Label>
  );
}

/** What is wrong with a skill's value as typed, as a key of `toloker.skill`; `undefined` when nothing is. */
function valueError(v: string): "valueRequired" | "valueInvalid" | undefined {
  if (!v.trim()) return "valueRequired";
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? undefined : "valueInvalid";
}

/** Sets one of the account's skills on the Toloker (a new one, or a new value of one they have). */
export function SkillDialog({ tolokerId, current, onClose }: { tolokerId: string; current?: UserSkillDto; onClose(): void }) {
  const [skill, setSkill] = useState<{ id: string; name: string } | null>(current ? { id: current.skillId, name: current.skillName ?? current.skillId } : null);
  const [value, setValue] = useState(current ? String(current.value) : "");
  const [review, setReview] = useState(false);
  const set = useSetSkill(tolokerId);
  const toast = useToast();
  const vErr = valueError(value);
  const t = useTranslations("toloker.skill");
  const d = useTranslations("toloker.dialog");
  return (
    <Dialog
      open
      onClose={onClose}
      title={current ? (current.skillName ? t("titleChange", { name: current.skillName }) : t("titleChangeUnnamed")) : t("titleSet")}
    >
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
          <Label label={t("valueLabel")}>
            <input
              className={inputClass}
              name="value"
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={value !== "" && !!vErr}
            />
          </Label>
          {value !== "" && vErr && <p className="text-sm text-red-700 dark:text-red-400">{t(vErr)}</p>}
          <Footer>
            <Button onClick={onClose}>{d("cancel")}</Button>
            <Button type="submit" variant="primary" disabled={!skill || !!vErr}>
              {d("review")}
            </Button>
          </Footer>
        </form>
      ) : (
        <div className="space-y-3">
          <Summary>
            {t.rich("summary", {
              name: skill?.name ?? "",
              value: Number(value),
              tolokerId,
              hasCurrent: current ? "yes" : "no",
              current: current?.value ?? 0,
              ...tags,
              data: boldData,
            })}
          </Summary>
          {set.isError && <Notice kind="error">{t("notSet", { error: errorText(set.error) })}</Notice>}
          <Footer>
            <Button onClick={() => setReview(false)}>{d("edit")}</Button>
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
                      toast.info(t("setToast", { name: skill.name, value: Number(value), id: shortId(tolokerId) }));
                      onClose();
                    },
                  },
                )
              }
            >
              {set.isPending ? t("setting") : t("set")}
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
  const t = useTranslations("toloker.skill");
  const d = useTranslations("toloker.dialog");
  const p = useTranslations("toloker.panel");
  const name = skill.skillName ?? p("skillFallback", { id: skill.skillId });
  return (
    <Dialog open onClose={onClose} title={t("removeTitle", { name })}>
      <Summary>
        {t.rich("removeSummary", {
          name,
          value: skill.value,
          tolokerId,
          ...tags,
          data: (chunks) => (skill.skillName ? <strong translate="no">{chunks}</strong> : <strong>{chunks}</strong>),
        })}
      </Summary>
      {remove.isError && (
        <div className="mt-3">
          <Notice kind="error">{t("notRemoved", { error: errorText(remove.error) })}</Notice>
        </div>
      )}
      <Footer>
        <Button onClick={onClose}>{d("cancel")}</Button>
        <Button
          variant="danger"
          disabled={remove.isPending}
          data-testid="remove-skill-confirm"
          onClick={() =>
            remove.mutate(skill.id, {
              onSuccess: () => {
                toast.info(t("removedToast", { name, id: shortId(tolokerId) }));
                onClose();
              },
            })
          }
        >
          {remove.isPending ? t("removing") : t("remove")}
        </Button>
      </Footer>
    </Dialog>
  );
}

/** "Give everyone who did this a skill": every Toloker with an assignment in the pool, as a job. */
export function GrantSkillDialog({ poolId, threadIds, onClose }: { poolId?: string; threadIds?: readonly string[]; onClose(): void }) {
  const t = useTranslations("toloker.grant");
  const k = useTranslations("toloker.skill");
  const d = useTranslations("toloker.dialog");
  const threads = threadIds?.length ?? 0;
  const [skill, setSkill] = useState<{ id: string; name: string } | null>(null);
  const [value, setValue] = useState("100");
  const [review, setReview] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const grant = useGrantSkill();
  const job = useJob(jobId);
  const vErr = valueError(value);
  const skillName = skill?.name ?? "";
  return (
    <Dialog open onClose={onClose} title={poolId ? t("titlePool", { pool: poolId }) : t("titleThreads", { count: threads })}>
      {jobId ? (
        <div className="space-y-3" data-testid="grant-outcome">
          {!job.data || isRunning(job.data) ? (
            <Notice kind="info">
              {t.rich("giving", { skill: skillName, ...tags })} {job.data ? t("progress", { done: job.data.done, total: job.data.total }) : ""}
            </Notice>
          ) : job.data.failed > 0 ? (
            <Notice kind="warning">
              {t.rich("partial", { done: job.data.done, skill: skillName, failed: job.data.failed, error: job.data.failures[0]?.error ?? "", ...tags })}
            </Notice>
          ) : (
            <Notice kind="success">{t.rich("success", { done: job.data.done, skill: skillName, value: Number(value), ...tags })}</Notice>
          )}
          <Footer>
            <Button variant="primary" onClick={onClose}>
              {d("close")}
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
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("recipe")}</p>
          <SkillPicker value={skill?.id ?? ""} onChange={(id, name) => setSkill(id ? { id, name } : null)} />
          <Label label={k("valueLabel")}>
            <input className={inputClass} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={!!vErr} />
          </Label>
          {vErr && <p className="text-sm text-red-700 dark:text-red-400">{k(vErr)}</p>}
          <Footer>
            <Button onClick={onClose}>{d("cancel")}</Button>
            <Button type="submit" variant="primary" disabled={!skill || !!vErr}>
              {d("review")}
            </Button>
          </Footer>
        </form>
      ) : (
        <div className="space-y-3">
          <Summary>
            {poolId
              ? t.rich("summaryPool", { skill: skillName, value: Number(value), pool: poolId, ...tags, data: boldData })
              : t.rich("summaryThreads", { skill: skillName, value: Number(value), count: threads, ...tags, data: boldData })}
          </Summary>
          {grant.isError && <Notice kind="error">{t("notStarted", { error: errorText(grant.error) })}</Notice>}
          <Footer>
            <Button onClick={() => setReview(false)}>{d("edit")}</Button>
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
              {grant.isPending ? t("starting") : t("give")}
            </Button>
          </Footer>
        </div>
      )}
    </Dialog>
  );
}

// ————————————————————————————————————————— restrictions —————————————————————————————————————————

/** The lengths a restriction is offered for; each one's words are `toloker.restrict.duration.<id>`. */
const DURATIONS = [
  { id: "1d", ms: 86_400_000 },
  { id: "7d", ms: 7 * 86_400_000 },
  { id: "30d", ms: 30 * 86_400_000 },
  { id: "date", ms: -1 },
  { id: "forever", ms: 0 },
] as const;

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
  const t = useTranslations("toloker.restrict");
  const d = useTranslations("toloker.dialog");
  const locale = useLocale();
  const errors = {
    pool: scope === "POOL" && !/^\d{1,20}$/.test(pool.trim()) ? t("poolRequired") : undefined,
    project: scope === "PROJECT" && !/^\d{1,20}$/.test(project.trim()) ? t("projectRequired") : undefined,
    comment: comment.trim() ? undefined : t("commentRequired"),
    // The browser's local date and time, read in its time zone.
    end: duration !== "date" ? undefined : !endDate ? t("endRequired") : !(Date.parse(endDate) > Date.now()) ? t("endPast") : undefined,
  };
  const valid = !errors.pool && !errors.project && !errors.comment && !errors.end;
  const [tried, setTried] = useState(false);
  const where = { scope, pool: pool.trim(), project: project.trim() };

  return (
    <Dialog open onClose={onClose} title={t("title", { id: shortId(tolokerId) })}>
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
            <legend className="text-sm font-medium">{t("where")}</legend>
            <div className="mt-1 space-y-1">
              {RESTRICTION_SCOPES.map((s) => (
                <label key={s} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
                  {t(`scope.${s}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {scope === "POOL" && (
            <>
              <Label label={t("pool")}>
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
              <Label label={t("project")}>
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
          <Label label={t("for")}>
            <select className={inputClass} name="duration" value={duration} onChange={(e) => setDuration(e.target.value as typeof duration)}>
              {DURATIONS.map((x) => (
                <option key={x.id} value={x.id}>
                  {t(`duration.${x.id}`)}
                </option>
              ))}
            </select>
          </Label>
          {duration === "date" && (
            <>
              <Label label={t("until")}>
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
          <Label label={t("why")}>
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
            <Button onClick={onClose}>{d("cancel")}</Button>
            <Button type="submit" variant="primary">
              {d("review")}
            </Button>
          </Footer>
        </form>
      ) : (
        <div className="space-y-3">
          <Summary>
            {t.rich("summary", {
              tolokerId,
              ...where,
              forever: review.until ? "no" : "yes",
              date: review.until ? dateFormat(locale, true).format(new Date(review.until)) : "",
              ...tags,
            })}
          </Summary>
          {restrict.isError && <Notice kind="error">{t("notRestricted", { error: errorText(restrict.error) })}</Notice>}
          <Footer>
            <Button onClick={() => setReview(null)}>{d("edit")}</Button>
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
                      toast.info(t("restrictedToast", { id: shortId(tolokerId), ...where }));
                      onClose();
                    },
                  },
                )
              }
            >
              {restrict.isPending ? t("restricting") : t("restrict")}
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
  const t = useTranslations("toloker.lift");
  const d = useTranslations("toloker.dialog");
  const w = useTranslations("toloker.words");
  const locale = useLocale();
  const where = {
    scope: restriction.scope,
    project: restriction.projectId ?? "?",
    pool: restriction.poolId ?? "?",
    where: restrictionScopeText(restriction, w),
  };
  return (
    <Dialog open onClose={onClose} title={t("title")}>
      <Summary>
        {t.rich("summary", {
          tolokerId,
          ...where,
          forever: restriction.until ? "no" : "yes",
          date: restriction.until ? dateFormat(locale, true).format(new Date(restriction.until)) : "",
          ...tags,
        })}
      </Summary>
      {lift.isError && (
        <div className="mt-3">
          <Notice kind="error">{t("notLifted", { error: errorText(lift.error) })}</Notice>
        </div>
      )}
      <Footer>
        <Button onClick={onClose}>{d("cancel")}</Button>
        <Button
          variant="primary"
          disabled={lift.isPending}
          data-testid="lift-confirm"
          onClick={() =>
            lift.mutate(restriction.id, {
              onSuccess: () => {
                toast.info(t("liftedToast", where));
                onClose();
              },
            })
          }
        >
          {lift.isPending ? t("lifting") : t("lift")}
        </Button>
      </Footer>
    </Dialog>
  );
}
