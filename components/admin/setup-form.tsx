"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiClientError, fetchJson } from "@/lib/queries/fetch-json";
import { FieldErrors, inputClass, Notice } from "./ui";
import { Button } from "@/components/ui/button";

/** A password form that posts somewhere, then signs in with the new password. Used by /setup and /invite. */
function usePasswordSubmit(post: (password: string) => Promise<{ email: string }>, then: string) {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (password: string, again: string) => {
    setError(null);
    if (password !== again) return setError({ message: "The two passwords differ." });
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
  return { submit, error, pending };
}

function PasswordFields({
  password,
  again,
  setPassword,
  setAgain,
}: {
  password: string;
  again: string;
  setPassword: (v: string) => void;
  setAgain: (v: string) => void;
}) {
  return (
    <>
      <label className="block text-sm font-medium">
        Password
        <input type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} className={inputClass} />
      </label>
      <label className="block text-sm font-medium">
        Password again
        <input type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} className={inputClass} />
      </label>
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
  const { submit, error, pending } = usePasswordSubmit(
    (pw) => fetchJson<{ email: string }>("/api/setup", { method: "POST", body: JSON.stringify({ code, email, name, password: pw }) }),
    "/settings/connection",
  );
  return (
    <form
      className="mt-6 space-y-4"
      aria-label="Create the first admin"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit(password, again);
      }}
    >
      <label className="block text-sm font-medium">
        Setup code
        <input required autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} className={`${inputClass} font-mono`} />
        <span className="mt-1 block text-xs font-normal text-zinc-500">
          The server wrote it to <code className="break-all">{codeFile}</code>: whoever can read that file may create the first admin.
        </span>
      </label>
      <label className="block text-sm font-medium">
        Your name
        <input required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
      </label>
      <label className="block text-sm font-medium">
        Email
        <input type="email" required autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} className={inputClass} />
      </label>
      <PasswordFields password={password} again={again} setPassword={setPassword} setAgain={setAgain} />
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
  const { submit, error, pending } = usePasswordSubmit(
    (pw) => fetchJson<{ email: string }>("/api/invite", { method: "POST", body: JSON.stringify({ token, password: pw }) }),
    "/messages/inbox",
  );
  return (
    <form
      className="mt-6 space-y-4"
      aria-label="Choose your password"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit(password, again);
      }}
    >
      <p className="text-sm">
        Account: <strong>{email}</strong>
      </p>
      <PasswordFields password={password} again={again} setPassword={setPassword} setAgain={setAgain} />
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
