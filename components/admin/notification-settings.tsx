"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { errorAria, FieldError } from "@/components/ui/field-error";
import { useTouched } from "@/components/ui/use-touched";
import { ApiClientError } from "@/lib/queries/fetch-json";
import { useMyNotifications, useSaveMyNotifications, useSaveTeamNotifications, useTeamNotifications, useTestNotifications } from "@/lib/queries/notifications";
import type { AdminNotifySettings, MemberNotifySettings, NotifyTestResult } from "@/lib/schemas/notifications";
import { formatNumber } from "@/components/inbox/format";
import { Card, inputClass, Notice } from "./ui";

function errorOf(e: unknown): { message: string; fields?: Record<string, string> } {
  return e instanceof ApiClientError ? { message: e.message, fields: e.fields } : { message: e instanceof Error ? e.message : String(e) };
}

const muted = "text-zinc-600 dark:text-zinc-400";

/** An address, a server, a variable's name: data and code, the same in every language. */
const data = (c: ReactNode) => <span translate="no">{c}</span>;
const code = (c: ReactNode) => (
  <code className="break-all" translate="no">
    {c}
  </code>
);

/** A labelled checkbox with a hint and its field's error under it. */
function Check({
  label,
  hint,
  checked,
  disabled,
  error,
  onChange,
  indent,
}: {
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  disabled?: boolean;
  error?: string;
  onChange: (checked: boolean) => void;
  indent?: boolean;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={indent ? "pl-6" : undefined}>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 shrink-0"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          {...errorAria(`${id}-error`, error, hintId)}
        />
        <span className="min-w-0 break-words">{label}</span>
      </label>
      {hint && (
        <p id={hintId} className={`mt-0.5 pl-6 text-xs ${muted}`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} error={error} className="pl-6" />
    </div>
  );
}

/** What a member is told about, and how: their own settings. */
function MySettings() {
  const t = useTranslations("admin.notifications");
  const page = useMyNotifications();
  const save = useSaveMyNotifications();
  const [form, setForm] = useState<MemberNotifySettings | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (page.data) setForm(page.data.settings);
  }, [page.data]);

  if (page.isPending || !form) {
    if (page.isError) return <Notice kind="error">{t("myLoadFailed", { message: page.error.message })}</Notice>;
    return <p className={`text-sm ${muted}`}>{t("myLoading")}</p>;
  }
  const p = page.data!;
  const set = (patch: Partial<MemberNotifySettings>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const error = save.error ? errorOf(save.error) : null;
  const fields = error?.fields ?? {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(form, { onSuccess: () => setSaved(true) });
  };
  const digestWindow =
    p.digestSeconds >= 120 ? t("windowMinutes", { count: Math.round(p.digestSeconds / 60) }) : t("windowSeconds", { count: p.digestSeconds });

  return (
    <Card title={t("mine")} description={t("mineDescription", { window: digestWindow })}>
      <form onSubmit={submit} className="space-y-5" aria-label={t("mine")} noValidate>
        {!p.enabled && <Notice kind="warning">{t("off")}</Notice>}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t("how")}</legend>
          <Check
            label={t.rich("byEmail", {
              address: p.email.address,
              data: (c) => (
                <span className="break-all" translate="no">
                  {c}
                </span>
              ),
            })}
            hint={p.email.available ? undefined : t.rich("emailOff", { variable: "SMTP_URL", code })}
            checked={form.email && p.email.available}
            disabled={!p.email.available}
            error={fields.email}
            onChange={(email) => set({ email })}
          />
          <Check
            label={t("inWebhook")}
            hint={p.webhook.available ? undefined : t("noWebhook")}
            checked={form.webhook && p.webhook.available}
            disabled={!p.webhook.available}
            error={fields.webhook}
            onChange={(webhook) => set({ webhook })}
          />
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t("about")}</legend>
          <Check label={t("message")} checked={form.message} error={fields.message} onChange={(message) => set({ message })} />
          <Check
            indent
            label={t("unassigned")}
            checked={form.message && form.unassigned}
            disabled={!form.message}
            error={fields.unassigned}
            onChange={(unassigned) => set({ unassigned })}
          />
          <Check label={t("assigned")} checked={form.assigned} error={fields.assigned} onChange={(assigned) => set({ assigned })} />
          <Check label={t("mention")} checked={form.mention} error={fields.mention} onChange={(mention) => set({ mention })} />
          <Check label={t("appeal")} checked={form.appeal} error={fields.appeal} onChange={(appeal) => set({ appeal })} />
        </fieldset>
        {error && <Notice kind="error">{error.message}</Notice>}
        {saved && !save.isPending && <Notice kind="success">{t("saved")}</Notice>}
        <Button variant="primary" type="submit" disabled={save.isPending}>
          {save.isPending ? t("saving") : t("saveMine")}
        </Button>
      </form>
    </Card>
  );
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

function Status({ s }: { s: AdminNotifySettings["status"] }) {
  const t = useTranslations("admin.notifications");
  const locale = useLocale();
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
      <dt className={muted}>{t("email")}</dt>
      <dd className="min-w-0 break-words" data-testid="notify-smtp">
        {s.smtp.configured
          ? t.rich("smtpOn", {
              server: s.smtp.server ?? "",
              from: s.smtp.from ?? "",
              code,
              data: (c) => (
                <span className="break-all" translate="no">
                  {c}
                </span>
              ),
            })
          : t.rich("smtpOff", { variable: "SMTP_URL", code: data })}
      </dd>
      <dt className={muted}>{t("digest")}</dt>
      <dd>{t.rich("digestValue", { seconds: s.digestSeconds, variable: "NOTIFY_DIGEST_SECONDS", code: data })}</dd>
      <dt className={muted}>{t("waiting")}</dt>
      <dd data-testid="notify-pending">{formatNumber(s.pending, locale)}</dd>
      <dt className={muted}>{t("givenUp")}</dt>
      <dd>{formatNumber(s.failed, locale)}</dd>
      {s.lastSentAt && (
        <>
          <dt className={muted}>{t("lastSent")}</dt>
          <dd>{new Date(s.lastSentAt).toLocaleString(locale)}</dd>
        </>
      )}
      {s.lastError && (
        <>
          <dt className={muted}>{t("lastError")}</dt>
          <dd className="min-w-0 break-words text-red-700 dark:text-red-300" data-testid="notify-last-error">
            {t("lastErrorValue", { time: new Date(s.lastError.at).toLocaleString(locale), channel: s.lastError.channel, message: s.lastError.message })}
          </dd>
        </>
      )}
    </dl>
  );
}

function TestOutcome({ result }: { result: NotifyTestResult }) {
  const t = useTranslations("admin.notifications");
  const ok = (result.email.ok || !result.email.tried) && (result.webhook.ok || !result.webhook.tried) && (result.email.tried || result.webhook.tried);
  return (
    <Notice kind={ok ? "success" : "error"} testId="notify-test-result">
      <p className="break-words">
        <span className="font-medium">{t("testEmail")}</span> {result.email.message}
      </p>
      <p className="break-words">
        <span className="font-medium">{t("testWebhook")}</span> {result.webhook.message}
      </p>
    </Notice>
  );
}

/** The admin's part: notifications on or off, the webhook, whether text may leave, a test, and how delivery goes. */
function TeamSettings() {
  const t = useTranslations("admin.notifications");
  const current = useTeamNotifications();
  const save = useSaveTeamNotifications();
  const test = useTestNotifications();
  const touched = useTouched();
  const [enabled, setEnabled] = useState(true);
  const [includeText, setIncludeText] = useState(false);
  const [webhookUrl, setWebhookUrl] = useState("");
  const [saved, setSaved] = useState(false);

  // The form follows the saved settings, not every refetch (the counts move on their own every 30 seconds).
  const savedEnabled = current.data?.enabled;
  const savedIncludeText = current.data?.includeText;
  useEffect(() => {
    if (savedEnabled !== undefined) setEnabled(savedEnabled);
  }, [savedEnabled]);
  useEffect(() => {
    if (savedIncludeText !== undefined) setIncludeText(savedIncludeText);
  }, [savedIncludeText]);

  if (current.isPending) return <p className={`text-sm ${muted}`}>{t("teamLoading")}</p>;
  if (current.isError) return <Notice kind="error">{t("teamLoadFailed", { message: current.error.message })}</Notice>;
  const c = current.data;
  const local = { webhookUrl: webhookUrl.trim() && !isHttpUrl(webhookUrl.trim()) ? t("enterUrl") : undefined };
  const error = save.error ? errorOf(save.error) : null;
  const shown = touched.errors(local);
  const errors = { webhookUrl: error?.fields?.webhookUrl ?? shown.webhookUrl, enabled: error?.fields?.enabled, includeText: error?.fields?.includeText };
  const send = (update: Parameters<typeof save.mutate>[0]) =>
    save.mutate(update, {
      onSuccess: () => {
        setWebhookUrl("");
        touched.reset();
        setSaved(true);
      },
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    touched.attempt();
    if (local.webhookUrl) return;
    send({ enabled, includeText, ...(webhookUrl.trim() ? { webhookUrl: webhookUrl.trim() } : {}) });
  };

  return (
    <Card title={t("team")} description={t("teamDescription")}>
      <div className="space-y-5">
        <Status s={c.status} />
        <form ref={touched.ref} onSubmit={submit} className="space-y-4" aria-label={t("team")} noValidate>
          <Check
            label={t("enabled")}
            checked={enabled}
            error={errors.enabled}
            onChange={(v) => {
              setSaved(false);
              setEnabled(v);
            }}
          />
          <div>
            <Field
              label={t("webhookUrl")}
              name="webhookUrl"
              touched={touched}
              error={errors.webhookUrl}
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder={c.webhook.set ? t("webhookKeep") : t("webhookPlaceholder")}
              hint={c.webhook.set ? t.rich("webhookNow", { masked: c.webhook.masked ?? "", code }) : t("webhookNone")}
              value={webhookUrl}
              onChange={(e) => {
                setSaved(false);
                setWebhookUrl(e.target.value);
              }}
              className={inputClass}
            />
            {c.webhook.set && (
              <Button variant="danger-outline" size="sm" className="mt-2" disabled={save.isPending} onClick={() => send({ webhookUrl: null })}>
                {t("removeWebhook")}
              </Button>
            )}
          </div>
          <Check
            label={t("includeText")}
            hint={t("includeTextHint")}
            checked={includeText}
            error={errors.includeText}
            onChange={(v) => {
              setSaved(false);
              setIncludeText(v);
            }}
          />
          {error && <Notice kind="error">{error.message}</Notice>}
          {saved && !save.isPending && <Notice kind="success">{t("saved")}</Notice>}
          {test.error && <Notice kind="error">{errorOf(test.error).message}</Notice>}
          {test.data && !test.isPending && <TestOutcome result={test.data} />}
          <div className="flex flex-wrap gap-2">
            <Button variant="primary" type="submit" disabled={save.isPending}>
              {save.isPending ? t("saving") : t("saveTeam")}
            </Button>
            <Button variant="secondary" disabled={test.isPending} onClick={() => test.mutate()}>
              {test.isPending ? t("sending") : t("test")}
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}

/** The notifications page: a member's own settings, and the team's for an admin. */
export function NotificationSettings({ admin }: { admin: boolean }) {
  return (
    <div className="space-y-6">
      <MySettings />
      {admin && <TeamSettings />}
    </div>
  );
}
