"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useCurrentUser } from "@/components/auth/current-user";
import { ApiClientError, fetchJson } from "@/lib/queries/fetch-json";
import { PERMISSION_LABELS, PERMISSIONS, type Permission } from "@/lib/schemas/plain";
import { ROLES, type Role } from "@/lib/schemas/roles";
import type { AccessGrant, Member, Team } from "@/lib/schemas/team";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { emailError } from "@/components/ui/field-error";
import { Field } from "@/components/ui/field";
import { useTouched } from "@/components/ui/use-touched";
import { Card, FieldErrors, inputClass, Notice } from "./ui";
import { queryKeys } from "@/lib/queries/keys";
import { useTeam } from "@/lib/queries/admin";

const ROLE_HELP: Record<Role, string> = {
  viewer: "reads",
  sender: "reads, replies, flags, sends",
  admin: "everything, including the team and the Toloka connection",
};

function errorOf(e: unknown): { message: string; fields?: Record<string, string> } {
  if (e instanceof ApiClientError) return { message: e.message, fields: e.fields };
  return { message: e instanceof Error ? e.message : String(e) };
}

function when(iso?: string): string {
  return iso ? new Date(iso).toLocaleString() : "never";
}

/** What an admin hands over once: the one-time link or the temporary password. */
function GrantPanel({ grant, onClose }: { grant: AccessGrant; onClose: () => void }) {
  const secret = grant.link ?? grant.temporaryPassword;
  return (
    <Notice kind="success" testId="access-grant">
      <p className="font-medium">
        {grant.link
          ? `Send ${grant.member.email} this one-time link to choose a password (valid until ${when(grant.linkExpiresAt)}):`
          : grant.temporaryPassword
            ? `Give ${grant.member.email} this temporary password; they choose their own at the first sign-in:`
            : `${grant.member.email} can now sign in with single sign-on.`}
      </p>
      {secret && (
        <div className="mt-2 flex items-center gap-2">
          <code
            data-testid={grant.link ? "invite-link" : "temporary-password"}
            className="break-all rounded bg-white px-2 py-1 text-xs text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100"
          >
            {secret}
          </code>
          <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(secret)}>
            Copy
          </Button>
        </div>
      )}
      <p className="mt-2 text-xs">It is shown only now: the app keeps only a hash of it.</p>
      <Button variant="secondary" className="mt-2" onClick={onClose}>
        Done
      </Button>
    </Notice>
  );
}

function InviteForm({ sso, onGranted }: { sso: Team["sso"]; onGranted: (g: AccessGrant) => void }) {
  const client = useQueryClient();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [method, setMethod] = useState<"link" | "password" | "sso">("link");
  const touched = useTouched();
  const invite = useMutation({
    mutationFn: () => fetchJson<AccessGrant>("/api/team", { method: "POST", body: JSON.stringify({ email, name, role, method }) }),
    onSuccess: (grant) => {
      setEmail("");
      setName("");
      touched.reset();
      onGranted(grant);
      void client.invalidateQueries({ queryKey: queryKeys.team() });
    },
  });
  const local = { email: emailError(email, "Enter their email address."), name: name.trim() ? undefined : "Enter their name." };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    touched.attempt();
    if (!local.email && !local.name) invite.mutate();
  };
  const err = invite.error ? errorOf(invite.error) : null;
  // The server's word on a field shows at once; the form's own once the field was touched.
  const shown = touched.errors(local);
  const errors = { email: err?.fields?.email ?? shown.email, name: err?.fields?.name ?? shown.name };
  return (
    <form ref={touched.ref} onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label="Invite a member">
      <Field
        label="Email"
        name="email"
        touched={touched}
        error={errors.email}
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        className={inputClass}
        autoComplete="off"
      />
      <Field
        label="Name"
        name="name"
        touched={touched}
        error={errors.name}
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        className={inputClass}
        autoComplete="off"
      />
      <label className="text-sm font-medium">
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} className={inputClass}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r} — {ROLE_HELP[r]}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="text-sm">
        <legend className="font-medium">How they get in</legend>
        <div className="mt-1 space-y-1">
          <label className="flex items-center gap-2">
            <input type="radio" name="method" checked={method === "link"} onChange={() => setMethod("link")} /> A one-time link to choose a password
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="method" checked={method === "password"} onChange={() => setMethod("password")} /> A temporary password
          </label>
          {sso.enabled && (
            <label className="flex items-center gap-2">
              <input type="radio" name="method" checked={method === "sso"} onChange={() => setMethod("sso")} /> {sso.name} only
            </label>
          )}
        </div>
      </fieldset>
      <div className="sm:col-span-2">
        {err && (
          <Notice kind="error">
            {err.message}
            <FieldErrors fields={err.fields} />
          </Notice>
        )}
        {/* Enabled while the form is incomplete: a click says what is missing. */}
        <Button variant="primary" type="submit" disabled={invite.isPending} className="mt-2">
          {invite.isPending ? "Inviting…" : "Invite"}
        </Button>
      </div>
    </form>
  );
}

function MemberRow({ member, self, onGranted, onError }: { member: Member; self: boolean; onGranted: (g: AccessGrant) => void; onError: (m: string) => void }) {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: queryKeys.team() });
  const onFail = (e: unknown) => onError(`${member.email}: ${errorOf(e).message}`);
  const setRole = useMutation({
    mutationFn: (role: Role) => fetchJson<Member>(`/api/team/${member.id}`, { method: "PATCH", body: JSON.stringify({ role }) }),
    onSuccess: refresh,
    onError: (e) => {
      onFail(e);
      refresh();
    },
  });
  const setPermissions = useMutation({
    mutationFn: (permissions: Permission[]) => fetchJson<Member>(`/api/team/${member.id}`, { method: "PATCH", body: JSON.stringify({ permissions }) }),
    onSuccess: refresh,
    onError: (e) => {
      onFail(e);
      refresh();
    },
  });
  const reset = useMutation({
    mutationFn: (method: "link" | "password") => fetchJson<AccessGrant>(`/api/team/${member.id}/reset`, { method: "POST", body: JSON.stringify({ method }) }),
    onSuccess: (g) => {
      onGranted(g);
      refresh();
    },
    onError: onFail,
  });
  const signOut = useMutation({
    mutationFn: () => fetchJson(`/api/team/${member.id}/sign-out`, { method: "POST" }),
    onError: onFail,
  });
  const remove = useMutation({
    mutationFn: () => fetchJson(`/api/team/${member.id}`, { method: "DELETE" }),
    onSuccess: refresh,
    onError: onFail,
  });
  const how = [
    member.signIn.password && "password",
    member.signIn.sso && "single sign-on",
    member.signIn.invitePending && "invited (link pending)",
    member.signIn.mustChangePassword && "temporary password",
  ].filter(Boolean);
  return (
    <tr data-testid="member-row" data-email={member.email} className="align-top max-sm:grid max-sm:grid-cols-[auto_1fr] max-sm:gap-x-3 max-sm:py-2">
      <td className="py-2 pr-3 max-sm:col-span-2 max-sm:py-1">
        <div className="font-medium">
          {member.name} {self && <span className="text-xs text-zinc-500">(you)</span>}
          {member.demo && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900/50 dark:text-amber-100">demo</span>}
        </div>
        <div className="text-xs text-zinc-600 dark:text-zinc-400">{member.email}</div>
      </td>
      <td className="py-2 pr-3 max-sm:py-1">
        <label className="sr-only" htmlFor={`role-${member.id}`}>
          Role of {member.email}
        </label>
        <select
          id={`role-${member.id}`}
          value={member.role}
          disabled={setRole.isPending}
          onChange={(e) => setRole.mutate(e.target.value as Role)}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        {/* What a sender may do beyond replying and sending; an admin may do all of it, a viewer none. */}
        {member.role === "sender" && (
          <fieldset className="mt-1 space-y-0.5" aria-label={`Permissions of ${member.email}`}>
            {PERMISSIONS.map((p) => {
              const granted = member.permissions ?? [];
              return (
                <label key={p} className="flex items-center gap-1.5 text-xs">
                  <input
                    type="checkbox"
                    checked={granted.includes(p)}
                    disabled={setPermissions.isPending}
                    onChange={(e) => setPermissions.mutate(e.target.checked ? [...granted, p] : granted.filter((x) => x !== p))}
                  />
                  {PERMISSION_LABELS[p]}
                </label>
              );
            })}
          </fieldset>
        )}
      </td>
      <td className="py-2 pr-3 text-xs text-zinc-600 max-sm:py-1 dark:text-zinc-400">
        <div>{how.join(", ") || "no way in yet"}</div>
        <div>last sign-in: {when(member.lastSignInAt)}</div>
      </td>
      <td className="py-2 max-sm:col-span-2 max-sm:py-1">
        <div className="flex flex-wrap gap-1">
          <Button variant="secondary" onClick={() => reset.mutate("link")} disabled={reset.isPending} aria-label={`New sign-in link for ${member.email}`}>
            New link
          </Button>
          <Button variant="secondary" onClick={() => reset.mutate("password")} disabled={reset.isPending} aria-label={`Temporary password for ${member.email}`}>
            Temp password
          </Button>
          {!self && (
            <Button variant="secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending} aria-label={`Sign ${member.email} out everywhere`}>
              {signOut.isSuccess ? "Signed out" : "Sign out"}
            </Button>
          )}
          {!self && (
            <Button
              variant="danger-outline"
              aria-label={`Remove ${member.email}`}
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(`Remove ${member.email}? Their access ends at once.`)) remove.mutate();
              }}
            >
              Remove
            </Button>
          )}
        </div>
      </td>
    </tr>
  );
}

/** The admin's team page: who is on the team, their roles, invitations, resets and removal. */
export function TeamManager() {
  const me = useCurrentUser();
  const team = useTeam();
  const [grant, setGrant] = useState<AccessGrant | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-6">
      {grant && <GrantPanel grant={grant} onClose={() => setGrant(null)} />}
      {error && (
        <Notice kind="error">
          {error} <LinkButton onClick={() => setError(null)}>Dismiss</LinkButton>
        </Notice>
      )}
      <Card title="Members" description="A role change counts from the member's next request; removing someone ends their access at once.">
        {team.isPending && <p className="text-sm text-zinc-500">Loading the team…</p>}
        {team.isError && <Notice kind="error">Could not load the team: {team.error.message}</Notice>}
        {team.data && (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              {/* On a phone each member is a block: name, then role and sign-in side by side, then the actions. */}
              <thead className="text-xs uppercase text-zinc-500 max-sm:hidden">
                <tr>
                  <th className="pb-2 pr-3 font-medium">Member</th>
                  <th className="pb-2 pr-3 font-medium">Role</th>
                  <th className="pb-2 pr-3 font-medium">Sign-in</th>
                  <th className="pb-2 font-medium">Access</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 max-sm:block dark:divide-zinc-800">
                {team.data.members.map((m) => (
                  <MemberRow key={m.id} member={m} self={m.id === me.id} onGranted={setGrant} onError={setError} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card
        title="Invite a member"
        description={
          team.data?.sso.enabled
            ? `People from the allowed domains can also sign in with ${team.data.sso.name} and get the ${team.data.sso.defaultRole} role${team.data.sso.defaultRole === "none" ? " (that is, only people added here)" : ""}.`
            : "Single sign-on is off (see OIDC_ISSUER in the README)."
        }
      >
        {team.data && <InviteForm sso={team.data.sso} onGranted={setGrant} />}
      </Card>
    </div>
  );
}
