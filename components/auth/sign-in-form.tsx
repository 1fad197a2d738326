"use client";

import { rateLimitedMessage } from "./rate-limited-message";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useTouched } from "@/components/ui/use-touched";
import type { Role } from "@/lib/schemas/plain";

const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";

interface DemoAccount {
  email: string;
  password: string;
  role: Role;
}

export function SignInForm({
  callbackUrl,
  demoAccounts,
  sso,
  initialError,
}: {
  callbackUrl: string;
  demoAccounts: DemoAccount[];
  /** Single sign-on is configured: its button, with the provider's name. */
  sso?: { name: string };
  /** What the server says about `?error=` (a refused single sign-on, too many attempts). */
  initialError?: string | null;
}) {
  const t = useTranslations("admin.signIn");
  const roles = useTranslations("admin.roles");
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError ?? null);
  const [pending, setPending] = useState(false);
  const touched = useTouched();
  const fieldErrors = touched.errors({
    email: email.trim() ? undefined : t("enterEmail"),
    password: password ? undefined : t("enterPassword"),
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    touched.attempt();
    // Both are needed: a try without one says which, and asks the server nothing.
    if (!email.trim() || !password) return;
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      if (result?.status === 429) {
        setError(rateLimitedMessage(result.error, t) ?? t("rateLimitedLater"));
      } else {
        setError(result?.status === 403 ? t("crossSite") : t("wrong"));
      }
    } catch {
      setError(t("unreachable"));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      {sso && (
        <div className="mt-6">
          <Button variant="secondary" className="w-full justify-center" onClick={() => void signIn("oidc", { callbackUrl })}>
            {t.rich("withSso", { name: sso.name, data: (c) => <span translate="no">{c}</span> })}
          </Button>
          <p className="mt-4 text-center text-xs uppercase tracking-wide text-zinc-500">{t("orPassword")}</p>
        </div>
      )}
      <form ref={touched.ref} className="mt-6 space-y-4" onSubmit={onSubmit} noValidate>
        <Field
          label={t("email")}
          name="email"
          touched={touched}
          error={fieldErrors.email}
          id="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          className={inputClass}
        />
        <Field
          label={t("password")}
          name="password"
          touched={touched}
          error={fieldErrors.password}
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className={inputClass}
        />
        {error && (
          <p data-testid="sign-in-error" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <Button variant="primary" type="submit" className="w-full justify-center" disabled={pending}>
          {pending ? t("signingIn") : t("submit")}
        </Button>
      </form>
      {demoAccounts.length > 0 && (
        <section aria-labelledby="demo-accounts" className="mt-6 rounded-md bg-amber-50 p-3 text-sm dark:bg-amber-950/40">
          <h2 id="demo-accounts" className="font-medium text-amber-900 dark:text-amber-200">
            {t("demoTitle")}
          </h2>
          <p className="mt-1 text-amber-900/80 dark:text-amber-200/80">{t("demoPick")}</p>
          <ul className="mt-2 space-y-1">
            {demoAccounts.map((a) => (
              <li key={a.email}>
                <Button
                  variant="ghost-warning"
                  size="xs"
                  onClick={() => {
                    setEmail(a.email);
                    setPassword(a.password);
                  }}
                  className="w-full text-left font-mono"
                >
                  {/* One flex item, so that the line wraps as text; in the list's own weight, not a button's. */}
                  <span className="font-normal">
                    <span className="font-sans font-semibold capitalize">{roles(a.role)}</span>:{" "}
                    <span translate="no">
                      {a.email} / {a.password}
                    </span>
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
