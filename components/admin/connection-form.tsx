"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { ApiClientError, fetchJson } from "@/lib/queries/fetch-json";
import { useConnectionSettings } from "@/lib/queries/admin";
import { useSyncStatus, useUnreadableThreads } from "@/lib/queries/threads";
import { queryKeys } from "@/lib/queries/keys";
import { TOLOKA_ENVIRONMENTS, type ConnectionSaveResult, type ConnectionTestResult, type TolokaEnvironment } from "@/lib/schemas/connection";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useTouched } from "@/components/ui/use-touched";
import { useErrorWords } from "@/components/ui/use-error-words";
import { Card, FieldErrors, inputClass, Notice } from "./ui";

/** An absolute URL, as a browser's `type="url"` input wants one. */
function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function errorOf(e: unknown): { message: string; fields?: Record<string, string> } {
  return e instanceof ApiClientError ? { message: e.message, fields: e.fields } : { message: e instanceof Error ? e.message : String(e) };
}

/** Names of the environment, a cipher, a path: code, the same in every language. */
const code = (c: ReactNode) => <span translate="no">{c}</span>;

function TestResult({ result }: { result: ConnectionTestResult }) {
  const t = useTranslations("admin.connection");
  return (
    <Notice kind={result.ok ? "success" : "error"} testId="connection-test-result">
      <p className="font-medium">{result.ok ? t("connected") : t("failed")}</p>
      <p>{result.message}</p>
      <p className="mt-1 text-xs">
        <span translate="no">{result.baseUrl}</span> · {result.status > 0 ? t("http", { status: result.status }) : t("noAnswer")} · {t("ms", { ms: result.ms })}
      </p>
    </Notice>
  );
}

function SyncLine() {
  const t = useTranslations("admin.connection");
  const locale = useLocale();
  const sync = useSyncStatus();
  const errorWords = useErrorWords();
  if (!sync.data) return null;
  const s = sync.data;
  const state = s.running
    ? t("syncRunning", { mode: s.running })
    : s.lastSyncAt
      ? t("syncLastAt", { time: new Date(s.lastSyncAt).toLocaleString(locale) })
      : t("syncNotYet");
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="sync-status">
      {t("sync", { state, threads: s.threads })}
      {s.lastError && <span className="text-red-700 dark:text-red-300">{t("syncLastError", { error: errorWords(s.lastError, s.lastErrorCode) })}</span>}
    </p>
  );
}

/** The threads Toloka sent that the app could not read: why, and what came, for the admin to look into. */
function UnreadableThreadsCard() {
  const t = useTranslations("admin.connection");
  const sync = useSyncStatus();
  const count = sync.data?.unreadable ?? 0;
  const list = useUnreadableThreads(count > 0);
  if (count === 0) return null;
  return (
    <div id="unreadable" data-testid="unreadable-threads">
      <Card title={t("unreadableTitle", { count })} description={t("unreadableDescription")}>
        <ul className="space-y-2 text-sm">
          {list.data?.items.map((u, i) => (
            <li key={u.id ?? `n${i}`} className="min-w-0 rounded border border-zinc-200 p-2 dark:border-zinc-800">
              <p className="break-words">
                <span className="font-medium">{u.id ? <code translate="no">{u.id}</code> : t("noId")}</span>: {u.reason}
              </p>
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">{t("sent")}</summary>
                <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap break-all text-xs" translate="no">
                  {u.raw}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

/** The admin's Toloka connection page: where, with which key (shown masked), a test, and saving. */
export function ConnectionForm() {
  const t = useTranslations("admin.connection");
  const locale = useLocale();
  const client = useQueryClient();
  const current = useConnectionSettings();
  const [environment, setEnvironment] = useState<TolokaEnvironment>("emulator");
  const [customUrl, setCustomUrl] = useState("");
  const [authScheme, setAuthScheme] = useState<"auto" | "ApiKey" | "OAuth">("auto");
  const [token, setToken] = useState("");
  const [notes, setNotes] = useState<string[]>([]);
  const touched = useTouched();

  useEffect(() => {
    if (!current.data) return;
    setEnvironment(current.data.environment);
    setCustomUrl(current.data.customUrl ?? "");
    setAuthScheme(current.data.authScheme);
  }, [current.data]);

  const body = () =>
    JSON.stringify({ environment, authScheme, ...(environment === "custom" ? { customUrl } : {}), ...(token && environment !== "emulator" ? { token } : {}) });
  const test = useMutation({ mutationFn: () => fetchJson<ConnectionTestResult>("/api/settings/connection/test", { method: "POST", body: body() }) });
  const save = useMutation({
    mutationFn: () => fetchJson<ConnectionSaveResult>("/api/settings/connection", { method: "PUT", body: body() }),
    onSuccess: (res) => {
      setToken("");
      touched.reset();
      setNotes(res.notes);
      client.setQueryData(queryKeys.connection(), res.connection);
      void client.invalidateQueries({ queryKey: queryKeys.sync() });
    },
  });

  if (current.isPending) return <p className="text-sm text-zinc-500">{t("loading")}</p>;
  if (current.isError) return <Notice kind="error">{t("loadFailed", { message: current.error.message })}</Notice>;
  const c = current.data;
  const locked = c.lockedByEnvironment;
  const sameTarget = environment === c.environment && (environment !== "custom" || customUrl.replace(/\/+$/, "") === c.customUrl);
  const needsToken = environment !== "emulator" && !token && !(sameTarget && c.token.set && !c.token.unreadable);
  const local = {
    customUrl: locked || environment !== "custom" ? undefined : !customUrl.trim() ? t("enterUrl") : isUrl(customUrl.trim()) ? undefined : t("fullUrl"),
    token: !locked && needsToken ? t("pasteKey") : undefined,
  };
  const invalid = !!(local.customUrl || local.token);
  // A click on Test or Save with a field missing says which, rather than a button that does nothing.
  const attempt = (run: () => void) => {
    touched.attempt();
    if (!invalid) run();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    attempt(() => save.mutate());
  };
  const saveError = save.error ? errorOf(save.error) : null;
  const testError = test.error ? errorOf(test.error) : null;
  const serverFields = { ...testError?.fields, ...saveError?.fields };
  const shown = touched.errors(local);
  const errors = { customUrl: serverFields.customUrl ?? shown.customUrl, token: serverFields.token ?? shown.token };

  return (
    <div className="space-y-6">
      <Card title={t("inUse")}>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-zinc-500">{t("environment")}</dt>
          <dd data-testid="connection-environment">{t(`environments.${c.environment}`)}</dd>
          <dt className="text-zinc-500">{t("address")}</dt>
          <dd className="break-all font-mono text-xs" translate="no">
            {c.baseUrl}
          </dd>
          <dt className="text-zinc-500">{t("key")}</dt>
          <dd data-testid="connection-key">
            {c.token.unreadable ? t("keyUnreadable") : c.token.set ? <code translate="no">{c.token.masked}</code> : t("keyNone")}
            {c.source === "environment" && t.rich("keyFromEnv", { variable: "TOLOKA_API_KEY", code })}
            {c.source === "emulator" && t("keyEmulator")}
          </dd>
          {c.updatedAt && (
            <>
              <dt className="text-zinc-500">{t("changed")}</dt>
              <dd>
                {c.updatedBy
                  ? t.rich("changedBy", { time: new Date(c.updatedAt).toLocaleString(locale), name: c.updatedBy, data: code })
                  : new Date(c.updatedAt).toLocaleString(locale)}
              </dd>
            </>
          )}
        </dl>
        <div className="mt-3">
          <SyncLine />
        </div>
      </Card>

      <UnreadableThreadsCard />

      {locked && (
        <Notice kind="info" testId="connection-locked">
          {t.rich("locked", { key: "TOLOKA_API_KEY", env: "TOLOKA_ENV", url: "TOLOKA_API_URL", code })}
        </Notice>
      )}
      {!locked && c.secretGenerated && c.environment !== "emulator" && (
        <Notice kind="warning">{t.rich("secretGenerated", { secret: "NEXTAUTH_SECRET", code })}</Notice>
      )}
      {c.demoMode && (
        <Notice kind="warning">
          {t.rich("demo", {
            path: "/setup",
            link: (c) => (
              <a className="underline" href="/setup" translate="no">
                {c}
              </a>
            ),
          })}
        </Notice>
      )}
      {notes.length > 0 && (
        <Notice kind="success" testId="connection-saved">
          <p className="font-medium">{t("saved")}</p>
          <ul className="list-disc pl-5">
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Notice>
      )}

      <Card title={t("changeTitle")} description={t.rich("changeDescription", { cipher: "AES-256-GCM", code })}>
        <form ref={touched.ref} onSubmit={submit} noValidate className="space-y-4" aria-label={t("form")}>
          <fieldset disabled={locked} className="space-y-4">
            <fieldset className="text-sm">
              <legend className="font-medium">{t("environment")}</legend>
              <div className="mt-1 grid gap-1 sm:grid-cols-2">
                {TOLOKA_ENVIRONMENTS.map((env) => (
                  <label key={env} className="flex items-center gap-2">
                    <input type="radio" name="environment" value={env} checked={environment === env} onChange={() => setEnvironment(env)} />
                    {t(`environments.${env}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            {environment === "custom" && (
              <Field
                label={t("customUrl")}
                name="customUrl"
                touched={touched}
                error={errors.customUrl}
                type="url"
                required
                placeholder={t("customUrlPlaceholder")}
                value={customUrl}
                onChange={(e) => setCustomUrl(e.target.value)}
                className={inputClass}
              />
            )}
            {environment !== "emulator" && (
              <div className="grid gap-3 sm:grid-cols-[1fr_max-content]">
                <Field
                  label={t("token")}
                  name="token"
                  touched={touched}
                  error={errors.token}
                  type="password"
                  autoComplete="off"
                  value={token}
                  onChange={(e) => setToken(e.target.value)}
                  placeholder={
                    sameTarget && c.token.set && !c.token.unreadable && c.source === "settings"
                      ? t("keepKey", { masked: c.token.masked ?? "" })
                      : t("pastePlaceholder")
                  }
                  className={inputClass}
                />
                <label className="block text-sm font-medium">
                  {t("scheme")}
                  <select value={authScheme} onChange={(e) => setAuthScheme(e.target.value as typeof authScheme)} className={inputClass}>
                    <option value="auto">{t("schemeAuto")}</option>
                    {/* The schemes' names in Toloka's Authorization header. */}
                    <option value="ApiKey" translate="no">
                      ApiKey
                    </option>
                    <option value="OAuth" translate="no">
                      OAuth
                    </option>
                  </select>
                </label>
              </div>
            )}
          </fieldset>
          {testError && (
            <Notice kind="error">
              {testError.message}
              <FieldErrors fields={testError.fields} />
            </Notice>
          )}
          {test.data && !test.isPending && <TestResult result={test.data} />}
          {saveError && (
            <Notice kind="error">
              {saveError.message}
              <FieldErrors fields={saveError.fields} />
            </Notice>
          )}
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => attempt(() => test.mutate())} disabled={test.isPending}>
              {test.isPending ? t("testing") : t("test")}
            </Button>
            {!locked && (
              <Button variant="primary" type="submit" disabled={save.isPending}>
                {save.isPending ? t("saving") : t("save")}
              </Button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}
