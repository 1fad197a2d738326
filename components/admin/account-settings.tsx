"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useCurrentUser } from "@/components/auth/current-user";
import { ApiClientError, fetchJson } from "@/lib/queries/fetch-json";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useTouched } from "@/components/ui/use-touched";
import { Card, FieldErrors, inputClass, Notice } from "./ui";

function errorOf(e: unknown): { message: string; fields?: Record<string, string> } {
  return e instanceof ApiClientError ? { message: e.message, fields: e.fields } : { message: e instanceof Error ? e.message : String(e) };
}

/** One's own account: change the password (first thing after a temporary one), sign out everywhere. */
export function AccountSettings({ mustChange, hasPassword }: { mustChange: boolean; hasPassword: boolean }) {
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
      if (!res?.ok) throw new Error("The password was changed; sign in again with it.");
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
    current: mustChange || current ? undefined : "Enter your current password.",
    next: next ? undefined : "Choose a new password.",
    again: !again ? "Type the new password again." : next !== again ? "The two new passwords differ." : undefined,
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
          You signed in with a temporary password. Choose your own to continue.
        </Notice>
      )}
      <Card title="You" description={`${me.name} · ${me.email} · ${me.role}`}>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Your role is set by an admin of your team.</p>
      </Card>
      {(hasPassword || mustChange) && (
        <Card
          title={mustChange ? "Choose your password" : "Change your password"}
          description="At least 12 characters; a sentence you can remember is best. Every other session of yours ends."
        >
          <form ref={touched.ref} onSubmit={submit} noValidate className="space-y-3" aria-label="Change password">
            {!mustChange && (
              <Field
                label="Current password"
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
              label="New password"
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
              label="New password again"
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
              {change.isPending ? "Saving…" : "Save password"}
            </Button>
          </form>
        </Card>
      )}
      <Card title="Sign out everywhere" description="Ends every session of yours: this browser, other computers, a phone you lost.">
        {everywhere.error && <Notice kind="error">{errorOf(everywhere.error).message}</Notice>}
        <Button variant="danger-outline" onClick={() => everywhere.mutate()} disabled={everywhere.isPending}>
          Sign out everywhere
        </Button>
      </Card>
    </div>
  );
}
