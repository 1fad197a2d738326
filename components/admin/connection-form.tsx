"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { ApiClientError, fetchJson } from "@/lib/queries/fetch-json";
import { useConnectionSettings } from "@/lib/queries/admin";
import { useSyncStatus, useUnreadableThreads } from "@/lib/queries/threads";
import { queryKeys } from "@/lib/queries/keys";
import {
  ENVIRONMENT_LABELS,
  TOLOKA_ENVIRONMENTS,
  type ConnectionSaveResult,
  type ConnectionTestResult,
  type TolokaEnvironment,
} from "@/lib/schemas/connection";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useTouched } from "@/components/ui/use-touched";
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

function TestResult({ result }: { result: ConnectionTestResult }) {
  return (
    <Notice kind={result.ok ? "success" : "error"} testId="connection-test-result">
      <p className="font-medium">{result.ok ? "Connected." : "The connection failed."}</p>
      <p>{result.message}</p>
      <p className="mt-1 text-xs">
        {result.baseUrl} · {result.status > 0 ? `HTTP ${result.status}` : "no answer"} · {result.ms} ms
      </p>
    </Notice>
  );
}

function SyncLine() {
  const sync = useSyncStatus();
  if (!sync.data) return null;
  const s = sync.data;
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="sync-status">
      Sync: {s.running ? `running (${s.running})` : s.lastSyncAt ? `last at ${new Date(s.lastSyncAt).toLocaleString()}` : "not yet"}, {s.threads} threads held
      {s.lastError && <span className="text-red-700 dark:text-red-300"> · last error: {s.lastError}</span>}
    </p>
  );
}

/** The threads Toloka sent that the app could not read: why, and what came, for the admin to look into. */
function UnreadableThreadsCard() {
  const sync = useSyncStatus();
  const count = sync.data?.unreadable ?? 0;
  const list = useUnreadableThreads(count > 0);
  if (count === 0) return null;
  return (
    <div id="unreadable" data-testid="unreadable-threads">
      <Card
        title={`${count === 1 ? "1 thread" : `${count.toLocaleString("en")} threads`} from Toloka could not be read`}
        description="They are set aside, and the sync went on without them: one the app held before shows as it was last read, a new one nowhere yet. Each is read again at every sync."
      >
        <ul className="space-y-2 text-sm">
          {list.data?.items.map((u, i) => (
            <li key={u.id ?? `n${i}`} className="min-w-0 rounded border border-zinc-200 p-2 dark:border-zinc-800">
              <p className="break-words">
                <span className="font-medium">{u.id ? <code>{u.id}</code> : "A thread without an id"}</span>: {u.reason}
              </p>
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">What Toloka sent</summary>
                <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap break-all text-xs">{u.raw}</pre>
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

  if (current.isPending) return <p className="text-sm text-zinc-500">Loading the connection…</p>;
  if (current.isError) return <Notice kind="error">Could not load the connection: {current.error.message}</Notice>;
  const c = current.data;
  const locked = c.lockedByEnvironment;
  const sameTarget = environment === c.environment && (environment !== "custom" || customUrl.replace(/\/+$/, "") === c.customUrl);
  const needsToken = environment !== "emulator" && !token && !(sameTarget && c.token.set && !c.token.unreadable);
  const local = {
    customUrl:
      locked || environment !== "custom"
        ? undefined
        : !customUrl.trim()
          ? "Enter the API's base URL."
          : isUrl(customUrl.trim())
            ? undefined
            : "Enter a full URL, like https://proxy.example/api/v1.",
    token: !locked && needsToken ? "Paste the key from Toloka: none is stored for this address." : undefined,
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
      <Card title="Now in use">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-zinc-500">Environment</dt>
          <dd data-testid="connection-environment">{ENVIRONMENT_LABELS[c.environment]}</dd>
          <dt className="text-zinc-500">Address</dt>
          <dd className="break-all font-mono text-xs">{c.baseUrl}</dd>
          <dt className="text-zinc-500">Key</dt>
          <dd data-testid="connection-key">
            {c.token.unreadable ? (
              "stored, but unreadable: the app's secret changed; enter the key again"
            ) : c.token.set ? (
              <code>{c.token.masked}</code>
            ) : (
              "none"
            )}
            {c.source === "environment" && " (from TOLOKA_API_KEY)"}
            {c.source === "emulator" && " (the emulator's own, not a secret)"}
          </dd>
          {c.updatedAt && (
            <>
              <dt className="text-zinc-500">Changed</dt>
              <dd>
                {new Date(c.updatedAt).toLocaleString()}
                {c.updatedBy ? ` by ${c.updatedBy}` : ""}
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
          TOLOKA_API_KEY is set in the server&apos;s environment, and a key given there wins over this page. To change the connection, change the environment
          (TOLOKA_API_KEY, TOLOKA_ENV, TOLOKA_API_URL) and restart the app.
        </Notice>
      )}
      {!locked && c.secretGenerated && c.environment !== "emulator" && (
        <Notice kind="warning">
          NEXTAUTH_SECRET is not set, so the key is encrypted with a secret generated into the data directory, next to the key itself. Set NEXTAUTH_SECRET so a
          copy of the data directory alone does not reveal the key (the key must then be entered again).
        </Notice>
      )}
      {c.demoMode && (
        <Notice kind="warning">
          Demo mode: the demo accounts, whose passwords are public, can sign in. Connecting to a real Toloka needs an admin account of the team&apos;s own (see{" "}
          <a className="underline" href="/setup">
            /setup
          </a>
          ); it ends demo mode and removes the demo accounts.
        </Notice>
      )}
      {notes.length > 0 && (
        <Notice kind="success" testId="connection-saved">
          <p className="font-medium">Saved. The sync restarted on the new connection.</p>
          <ul className="list-disc pl-5">
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Notice>
      )}

      <Card
        title="Change the connection"
        description="The key is stored encrypted (AES-256-GCM) and never shown again; leave the field empty to keep the stored one."
      >
        <form ref={touched.ref} onSubmit={submit} noValidate className="space-y-4" aria-label="Toloka connection">
          <fieldset disabled={locked} className="space-y-4">
            <fieldset className="text-sm">
              <legend className="font-medium">Environment</legend>
              <div className="mt-1 grid gap-1 sm:grid-cols-2">
                {TOLOKA_ENVIRONMENTS.map((env) => (
                  <label key={env} className="flex items-center gap-2">
                    <input type="radio" name="environment" value={env} checked={environment === env} onChange={() => setEnvironment(env)} />
                    {ENVIRONMENT_LABELS[env]}
                  </label>
                ))}
              </div>
            </fieldset>
            {environment === "custom" && (
              <Field
                label="API base URL"
                name="customUrl"
                touched={touched}
                error={errors.customUrl}
                type="url"
                required
                placeholder="https://proxy.example/api/v1"
                value={customUrl}
                onChange={(e) => setCustomUrl(e.target.value)}
                className={inputClass}
              />
            )}
            {environment !== "emulator" && (
              <div className="grid gap-3 sm:grid-cols-[1fr_max-content]">
                <Field
                  label="API key or OAuth token"
                  name="token"
                  touched={touched}
                  error={errors.token}
                  type="password"
                  autoComplete="off"
                  value={token}
                  onChange={(e) => setToken(e.target.value)}
                  placeholder={
                    sameTarget && c.token.set && !c.token.unreadable && c.source === "settings"
                      ? `Keep the stored key (${c.token.masked})`
                      : "Paste the key from Toloka"
                  }
                  className={inputClass}
                />
                <label className="block text-sm font-medium">
                  Scheme
                  <select value={authScheme} onChange={(e) => setAuthScheme(e.target.value as typeof authScheme)} className={inputClass}>
                    <option value="auto">auto (as the SDKs)</option>
                    <option value="ApiKey">ApiKey</option>
                    <option value="OAuth">OAuth</option>
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
              {test.isPending ? "Testing…" : "Test connection"}
            </Button>
            {!locked && (
              <Button variant="primary" type="submit" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save and restart the sync"}
              </Button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}
