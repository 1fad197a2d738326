"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { ApiClientError, fetchJson } from "@/lib/queries/fetch-json";
import { FieldErrors, inputClass, Notice } from "./ui";
import { Button } from "@/components/ui/button";
import { emailError } from "@/components/ui/field-error";
import { Field } from "@/components/ui/field";
import { useTouched, type Touched } from "@/components/ui/use-touched";

type Words = ReturnType<typeof useTranslations<"admin.setup">>;

/** The errors of the two password fields, all of them (the form shows those of touched fields). */
function passwordErrors(password: string, again: string, t: Words) {
  return {
    password: password ? undefined : t("choosePassword"),
    again: !again ? t("typeAgain") : password !== again ? t("differ") : undefined,
  };
}

/**
 * A password form that posts somewhere, then signs in with the new password. Used by /setup and /invite. The
 * form's own checks (`errors`, every field's) must pass first; a refused try shows them.
 */
function usePasswordSubmit(post: (password: string) => Promise<{ email: string }>, then: string) {
  const t = useTranslations("admin.setup");
  const router = useRouter();
  const touched = useTouched();
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (password: string, errors: Record<string, string | undefined>) => {
    setError(null);
    touched.attempt();
    if (Object.values(errors).some(Boolean)) return;
    setPending(true);
    try {
      const { email } = await post(password);
      const res = await signIn("credentials", { email, password, redirect: false });
      if (!res?.ok) return setError({ message: t("signInNow") });
      router.replace(then);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiClientError ? { message: e.message, fields: e.fields } : { message: t("unreachable") });
    } finally {
      setPending(false);
    }
  };
  return { submit, error, pending, touched };
}

function PasswordFields({
  password,
  again,
  setPassword,
  setAgain,
  touched,
  server,
}: {
  password: string;
  again: string;
  setPassword: (v: string) => void;
  setAgain: (v: string) => void;
  touched: Touched;
  server?: Record<string, string>;
}) {
  const t = useTranslations("admin.setup");
  const shown = touched.errors(passwordErrors(password, again, t));
  const errors = { password: server?.password ?? shown.password, again: shown.again };
  return (
    <>
      <Field
        label={t("password")}
        name="password"
        touched={touched}
        error={errors.password}
        required
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        className={inputClass}
      />
      <Field
        label={t("passwordAgain")}
        name="again"
        touched={touched}
        error={errors.again}
        required
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={(e) => setAgain(e.target.value)}
        className={inputClass}
      />
      <p className="text-xs text-zinc-500">{t("passwordHint")}</p>
    </>
  );
}

/** The one-time setup page's form: the first admin, for whoever has the code from the server. */
export function SetupForm({ codeFile }: { codeFile: string }) {
  const t = useTranslations("admin.setup");
  const emailWords = useTranslations("admin.email");
  const [code, setCode] = useState("");
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const { submit, error, pending, touched } = usePasswordSubmit(
    (pw) => fetchJson<{ email: string }>("/api/setup", { method: "POST", body: JSON.stringify({ code, email, name, password: pw }) }),
    "/settings/connection",
  );
  const errors = {
    code: code.trim() ? undefined : t("enterCode"),
    name: name.trim() ? undefined : t("enterName"),
    email: emailError(email, emailWords("empty"), emailWords("invalid")),
    ...passwordErrors(password, again, t),
  };
  const server = error?.fields;
  // The server's word on a field shows at once; the form's own once the field was touched.
  const shown = { ...touched.errors(errors), ...server };
  return (
    <form
      ref={touched.ref}
      noValidate
      className="mt-6 space-y-4"
      aria-label={t("form")}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit(password, errors);
      }}
    >
      <Field
        label={t("code")}
        name="code"
        touched={touched}
        error={shown.code}
        required
        hint={t.rich("codeHint", {
          file: codeFile,
          code: (c) => (
            <code className="break-all" translate="no">
              {c}
            </code>
          ),
        })}
        autoComplete="off"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        className={`${inputClass} font-mono`}
      />
      <Field
        label={t("name")}
        name="name"
        touched={touched}
        error={shown.name}
        required
        autoComplete="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        className={inputClass}
      />
      <Field
        label={t("email")}
        name="email"
        touched={touched}
        error={shown.email}
        required
        type="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        className={inputClass}
      />
      <PasswordFields password={password} again={again} setPassword={setPassword} setAgain={setAgain} touched={touched} server={server} />
      {error && (
        <Notice kind="error">
          {error.message}
          <FieldErrors fields={error.fields} />
        </Notice>
      )}
      <Button variant="primary" type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? t("creating") : t("create")}
      </Button>
    </form>
  );
}

/** The one-time link's page: choose a password, then in. */
export function InviteForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("admin.invite");
  const setup = useTranslations("admin.setup");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const { submit, error, pending, touched } = usePasswordSubmit(
    (pw) => fetchJson<{ email: string }>("/api/invite", { method: "POST", body: JSON.stringify({ token, password: pw }) }),
    "/messages/inbox",
  );
  return (
    <form
      ref={touched.ref}
      noValidate
      className="mt-6 space-y-4"
      aria-label={t("form")}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit(password, passwordErrors(password, again, setup));
      }}
    >
      <p className="text-sm">{t.rich("account", { email, b: (c) => <strong translate="no">{c}</strong> })}</p>
      <PasswordFields password={password} again={again} setPassword={setPassword} setAgain={setAgain} touched={touched} server={error?.fields} />
      {error && (
        <Notice kind="error">
          {error.message}
          <FieldErrors fields={error.fields} />
        </Notice>
      )}
      <Button variant="primary" type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? t("saving") : t("submit")}
      </Button>
    </form>
  );
}
