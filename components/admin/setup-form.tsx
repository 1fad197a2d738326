"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiClientError, fetchJson } from "@/lib/queries/fetch-json";
import { FieldErrors, inputClass, Notice } from "./ui";
import { Button } from "@/components/ui/button";
import { emailError } from "@/components/ui/field-error";
import { Field } from "@/components/ui/field";
import { useTouched, type Touched } from "@/components/ui/use-touched";

/** The errors of the two password fields, all of them (the form shows those of touched fields). */
function passwordErrors(password: string, again: string) {
  return {
    password: password ? undefined : "Choose a password.",
    again: !again ? "Type the password again." : password !== again ? "The two passwords differ." : undefined,
  };
}

/**
 * A password form that posts somewhere, then signs in with the new password. Used by /setup and /invite. The
 * form's own checks (`errors`, every field's) must pass first; a refused try shows them.
 */
function usePasswordSubmit(post: (password: string) => Promise<{ email: string }>, then: string) {
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
      if (!res?.ok) return setError({ message: "Done. Sign in with your new password." });
      router.replace(then);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiClientError ? { message: e.message, fields: e.fields } : { message: "The server could not be reached." });
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
  const shown = touched.errors(passwordErrors(password, again));
  const errors = { password: server?.password ?? shown.password, again: shown.again };
  return (
    <>
      <Field
        label="Password"
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
        label="Password again"
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
      <p className="text-xs text-zinc-500">At least 12 characters; a sentence you can remember is best.</p>
    </>
  );
}

/** The one-time setup page's form: the first admin, for whoever has the code from the server. */
export function SetupForm({ codeFile }: { codeFile: string }) {
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
    code: code.trim() ? undefined : "Enter the setup code.",
    name: name.trim() ? undefined : "Enter your name.",
    email: emailError(email),
    ...passwordErrors(password, again),
  };
  const server = error?.fields;
  // The server's word on a field shows at once; the form's own once the field was touched.
  const shown = { ...touched.errors(errors), ...server };
  return (
    <form
      ref={touched.ref}
      noValidate
      className="mt-6 space-y-4"
      aria-label="Create the first admin"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit(password, errors);
      }}
    >
      <Field
        label="Setup code"
        name="code"
        touched={touched}
        error={shown.code}
        required
        hint={
          <>
            The server wrote it to <code className="break-all">{codeFile}</code>: whoever can read that file may create the first admin.
          </>
        }
        autoComplete="off"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        className={`${inputClass} font-mono`}
      />
      <Field
        label="Your name"
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
        label="Email"
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
        {pending ? "Creating…" : "Create the admin account"}
      </Button>
    </form>
  );
}

/** The one-time link's page: choose a password, then in. */
export function InviteForm({ token, email }: { token: string; email: string }) {
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
      aria-label="Choose your password"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit(password, passwordErrors(password, again));
      }}
    >
      <p className="text-sm">
        Account: <strong>{email}</strong>
      </p>
      <PasswordFields password={password} again={again} setPassword={setPassword} setAgain={setAgain} touched={touched} server={error?.fields} />
      {error && (
        <Notice kind="error">
          {error.message}
          <FieldErrors fields={error.fields} />
        </Notice>
      )}
      <Button variant="primary" type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? "Saving…" : "Set password and sign in"}
      </Button>
    </form>
  );
}
