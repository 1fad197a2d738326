"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useCurrentUser } from "@/components/auth/current-user";
import { ApiClientError, fetchJson } from "@/lib/queries/fetch-json";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useTouched } from "@/components/ui/use-touched";
import type { Locale } from "@/lib/i18n/locales";
import { LanguageSetting } from "./language-setting";
import { Card, FieldErrors, inputClass, Notice } from "./ui";

function errorOf(e: unknown): { message: string; fields?: Record<string, string> } {
  return e instanceof ApiClientError ? { message: e.message, fields: e.fields } : { message: e instanceof Error ? e.message : String(e) };
}

/**
 * One's own account: the interface language, change the password (first thing after a temporary one), sign out
 * everywhere. The language select shows when the page gives the member's saved choice (`locale`, null for the
 * browser's).
 */
export function AccountSettings({ mustChange, hasPassword, locale }: { mustChange: boolean; hasPassword: boolean; locale?: Locale | null }) {
  const t = useTranslations("admin.account");
  const roles = useTranslations("admin.roles");
  const me = useCurrentUser();
  const router = useRouter();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const touched = useTouched();
  const change = useMutation({
    mutationFn: async () => {
      await fetchJson("/api/account/password", {
        method: "POST",
        body: JSON.stringify({ currentPassword: mustChange ? undefined : current, newPassword: next }),
      });
      // Changing the password ended every session, this one too: sign in again with the new one.
      const res = await signIn("credentials", { email: me.email, password: next, redirect: false });
      if (!res?.ok) throw new Error(t("signInAgain"));
    },
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setAgain("");
      touched.reset();
      if (mustChange) router.refresh();
      else {
        router.replace("/settings/account?changed=1");
        router.refresh();
      }
    },
  });
  const everywhere = useMutation({
    mutationFn: () => fetchJson("/api/account/sign-out-everywhere", { method: "POST" }),
    onSuccess: () => void signOut({ callbackUrl: "/sign-in" }),
  });
  const local = {
    current: mustChange || current ? undefined : t("enterCurrent"),
    next: next ? undefined : t("chooseNew"),
    again: !again ? t("typeAgain") : next !== again ? t("differ") : undefined,
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    touched.attempt();
    if (!local.current && !local.next && !local.again) change.mutate();
  };
  const err = change.error ? errorOf(change.error) : null;
  const shown = touched.errors(local);
  const errors = {
    current: err?.fields?.currentPassword ?? shown.current,
    next: err?.fields?.newPassword ?? shown.next,
    again: shown.again,
  };
  return (
    <div className="space-y-6">
      {mustChange && (
        <Notice kind="warning" testId="must-change-password">
          {t("mustChange")}
        </Notice>
      )}
      <Card
        title={t("you")}
        description={t.rich("youDescription", {
          name: me.name,
          email: me.email,
          role: roles(me.role),
          data: (c) => <span translate="no">{c}</span>,
        })}
      >
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("roleNote")}</p>
        {locale !== undefined && <LanguageSetting locale={locale} />}
      </Card>
      {(hasPassword || mustChange) && (
        <Card title={mustChange ? t("choosePassword") : t("changePassword")} description={t("passwordDescription")}>
          <form ref={touched.ref} onSubmit={submit} noValidate className="space-y-3" aria-label={t("passwordForm")}>
            {!mustChange && (
              <Field
                label={t("current")}
                name="current"
                touched={touched}
                error={errors.current}
                type="password"
                autoComplete="current-password"
                required
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
                className={inputClass}
              />
            )}
            <Field
              label={t("new")}
              name="next"
              touched={touched}
              error={errors.next}
              type="password"
              autoComplete="new-password"
              required
              value={next}
              onChange={(e) => setNext(e.target.value)}
              className={inputClass}
            />
            <Field
              label={t("newAgain")}
              name="again"
              touched={touched}
              error={errors.again}
              type="password"
              autoComplete="new-password"
              required
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              className={inputClass}
            />
            {err && (
              <Notice kind="error">
                {err.message}
                <FieldErrors fields={err.fields} />
              </Notice>
            )}
            {/* Enabled while a field is missing: a click says which. */}
            <Button variant="primary" type="submit" disabled={change.isPending}>
              {change.isPending ? t("saving") : t("savePassword")}
            </Button>
          </form>
        </Card>
      )}
      <Card title={t("everywhere")} description={t("everywhereDescription")}>
        {everywhere.error && <Notice kind="error">{errorOf(everywhere.error).message}</Notice>}
        <Button variant="danger-outline" onClick={() => everywhere.mutate()} disabled={everywhere.isPending}>
          {t("everywhere")}
        </Button>
      </Card>
    </div>
  );
}
