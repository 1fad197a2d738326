"use client";

import { useEffect, useId, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { errorAria, FieldError } from "@/components/ui/field-error";
import { useTouched } from "@/components/ui/use-touched";
import { ApiClientError } from "@/lib/queries/fetch-json";
import { useMyNotifications, useSaveMyNotifications, useSaveTeamNotifications, useTeamNotifications, useTestNotifications } from "@/lib/queries/notifications";
import type { AdminNotifySettings, MemberNotifySettings, NotifyTestResult } from "@/lib/schemas/notifications";
import { Card, inputClass, Notice } from "./ui";

function errorOf(e: unknown): { message: string; fields?: Record<string, string> } {
  return e instanceof ApiClientError ? { message: e.message, fields: e.fields } : { message: e instanceof Error ? e.message : String(e) };
}

const muted = "text-zinc-600 dark:text-zinc-400";

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
  const page = useMyNotifications();
  const save = useSaveMyNotifications();
  const [form, setForm] = useState<MemberNotifySettings | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (page.data) setForm(page.data.settings);
  }, [page.data]);

  if (page.isPending || !form) {
    if (page.isError) return <Notice kind="error">Could not load your notification settings: {page.error.message}</Notice>;
    return <p className={`text-sm ${muted}`}>Loading your notification settings…</p>;
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
  const minutes = p.digestSeconds >= 120 ? `${Math.round(p.digestSeconds / 60)} minutes` : `${p.digestSeconds} seconds`;

  return (
    <Card title="Your notifications" description={`What happens within ${minutes} comes as one digest, so a burst of replies is one email, not hundreds.`}>
      <form onSubmit={submit} className="space-y-5" aria-label="Your notifications" noValidate>
        {!p.enabled && <Notice kind="warning">An admin turned notifications off for the whole team: nothing is sent until they are on again.</Notice>}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">How</legend>
          <Check
            label={
              <>
                By email to <span className="break-all">{p.email.address}</span>
              </>
            }
            hint={p.email.available ? undefined : "Email is off on this server: an admin needs to set SMTP_URL."}
            checked={form.email && p.email.available}
            disabled={!p.email.available}
            error={fields.email}
            onChange={(email) => set({ email })}
          />
          <Check
            label="In the team's webhook (its chat channel)"
            hint={p.webhook.available ? undefined : "No webhook is set: an admin sets one on this page."}
            checked={form.webhook && p.webhook.available}
            disabled={!p.webhook.available}
            error={fields.webhook}
            onChange={(webhook) => set({ webhook })}
          />
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">About</legend>
          <Check label="A new Toloker message in a thread I own" checked={form.message} error={fields.message} onChange={(message) => set({ message })} />
          <Check
            indent
            label="Also in threads nobody owns"
            checked={form.message && form.unassigned}
            disabled={!form.message}
            error={fields.unassigned}
            onChange={(unassigned) => set({ unassigned })}
          />
          <Check label="A thread assigned to me" checked={form.assigned} error={fields.assigned} onChange={(assigned) => set({ assigned })} />
          <Check label="Someone mentions me in a note" checked={form.mention} error={fields.mention} onChange={(mention) => set({ mention })} />
          <Check label="An appeal with 2 days or less left of its 9" checked={form.appeal} error={fields.appeal} onChange={(appeal) => set({ appeal })} />
        </fieldset>
        {error && <Notice kind="error">{error.message}</Notice>}
        {saved && !save.isPending && <Notice kind="success">Saved.</Notice>}
        <Button variant="primary" type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save my notifications"}
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
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
      <dt className={muted}>Email</dt>
      <dd className="min-w-0 break-words" data-testid="notify-smtp">
        {s.smtp.configured ? (
          <>
            through <code className="break-all">{s.smtp.server}</code>, from <span className="break-all">{s.smtp.from}</span>
          </>
        ) : (
          "off: the server has no SMTP_URL (set it in the environment and restart)"
        )}
      </dd>
      <dt className={muted}>Digest window</dt>
      <dd>{s.digestSeconds} seconds (NOTIFY_DIGEST_SECONDS)</dd>
      <dt className={muted}>Waiting</dt>
      <dd data-testid="notify-pending">{s.pending.toLocaleString("en-US")}</dd>
      <dt className={muted}>Given up on (7 days)</dt>
      <dd>{s.failed.toLocaleString("en-US")}</dd>
      {s.lastSentAt && (
        <>
          <dt className={muted}>Last sent</dt>
          <dd>{new Date(s.lastSentAt).toLocaleString()}</dd>
        </>
      )}
      {s.lastError && (
        <>
          <dt className={muted}>Last error</dt>
          <dd className="min-w-0 break-words text-red-700 dark:text-red-300" data-testid="notify-last-error">
            {new Date(s.lastError.at).toLocaleString()}, {s.lastError.channel}: {s.lastError.message}
          </dd>
        </>
      )}
    </dl>
  );
}

function TestOutcome({ result }: { result: NotifyTestResult }) {
  const ok = (result.email.ok || !result.email.tried) && (result.webhook.ok || !result.webhook.tried) && (result.email.tried || result.webhook.tried);
  return (
    <Notice kind={ok ? "success" : "error"} testId="notify-test-result">
      <p className="break-words">
        <span className="font-medium">Email:</span> {result.email.message}
      </p>
      <p className="break-words">
        <span className="font-medium">Webhook:</span> {result.webhook.message}
      </p>
    </Notice>
  );
}

/** The admin's part: notifications on or off, the webhook, whether text may leave, a test, and how delivery goes. */
function TeamSettings() {
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

  if (current.isPending) return <p className={`text-sm ${muted}`}>Loading the team&apos;s notifications…</p>;
  if (current.isError) return <Notice kind="error">Could not load the team&apos;s notifications: {current.error.message}</Notice>;
  const c = current.data;
  const local = { webhookUrl: webhookUrl.trim() && !isHttpUrl(webhookUrl.trim()) ? "Enter a full http:// or https:// URL." : undefined };
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
    <Card
      title="The team's notifications"
      description="For admins. The webhook gets one JSON POST a window with every member's events; the topic and a link always go, a message's text only if you allow it."
    >
      <div className="space-y-5">
        <Status s={c.status} />
        <form ref={touched.ref} onSubmit={submit} className="space-y-4" aria-label="The team's notifications" noValidate>
          <Check
            label="Notifications are on for the team"
            checked={enabled}
            error={errors.enabled}
            onChange={(v) => {
              setSaved(false);
              setEnabled(v);
            }}
          />
          <div>
            <Field
              label="Webhook URL"
              name="webhookUrl"
              touched={touched}
              error={errors.webhookUrl}
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder={c.webhook.set ? "Leave empty to keep the one set" : "https://chat.intranet.example/hooks/…"}
              hint={
                c.webhook.set ? (
                  <>
                    Now: <code className="break-all">{c.webhook.masked}</code>. A new address replaces it.
                  </>
                ) : (
                  "None is set. A chat tool's incoming webhook takes the POST's text line as it is."
                )
              }
              value={webhookUrl}
              onChange={(e) => {
                setSaved(false);
                setWebhookUrl(e.target.value);
              }}
              className={inputClass}
            />
            {c.webhook.set && (
              <Button variant="danger-outline" size="sm" className="mt-2" disabled={save.isPending} onClick={() => send({ webhookUrl: null })}>
                Remove the webhook
              </Button>
            )}
          </div>
          <Check
            label="Include a message's text in emails and the webhook"
            hint="Off: the text never leaves this server, only the topic and a link. Turn it on only if the mail server and the webhook are inside the intranet, or the text may go outside."
            checked={includeText}
            error={errors.includeText}
            onChange={(v) => {
              setSaved(false);
              setIncludeText(v);
            }}
          />
          {error && <Notice kind="error">{error.message}</Notice>}
          {saved && !save.isPending && <Notice kind="success">Saved.</Notice>}
          {test.error && <Notice kind="error">{errorOf(test.error).message}</Notice>}
          {test.data && !test.isPending && <TestOutcome result={test.data} />}
          <div className="flex flex-wrap gap-2">
            <Button variant="primary" type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save the team's settings"}
            </Button>
            <Button variant="secondary" disabled={test.isPending} onClick={() => test.mutate()}>
              {test.isPending ? "Sending…" : "Send a test to me and the webhook"}
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
