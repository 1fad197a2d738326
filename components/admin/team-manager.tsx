"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useCurrentUser } from "@/components/auth/current-user";
import { ApiClientError, fetchJson } from "@/lib/queries/fetch-json";
import { PERMISSIONS, type Permission } from "@/lib/schemas/plain";
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

/** A role by its name in the page's language; one the app does not know, as it is. */
function roleWord(role: string | undefined, roles: ReturnType<typeof useTranslations<"admin.roles">>): string {
  const known = ROLES.find((r) => r === role);
  return known ? roles(known) : String(role);
}

function errorOf(e: unknown): { message: string; fields?: Record<string, string> } {
  if (e instanceof ApiClientError) return { message: e.message, fields: e.fields };
  return { message: e instanceof Error ? e.message : String(e) };
}

/** A time as the page shows it, in the page's language; "never" when there is none. */
function useWhen(): (iso?: string) => string {
  const t = useTranslations("admin.team");
  const locale = useLocale();
  return (iso) => (iso ? new Date(iso).toLocaleString(locale) : t("never"));
}

/** An email address, a name: the member's, not words to translate. */
const data = (c: ReactNode) => <span translate="no">{c}</span>;

/** What an admin hands over once: the one-time link or the temporary password. */
function GrantPanel({ grant, onClose }: { grant: AccessGrant; onClose: () => void }) {
  const t = useTranslations("admin.team");
  const when = useWhen();
  const secret = grant.link ?? grant.temporaryPassword;
  const email = grant.member.email;
  return (
    <Notice kind="success" testId="access-grant">
      <p className="font-medium">
        {grant.link
          ? t.rich("grantLink", { email, until: when(grant.linkExpiresAt), data })
          : grant.temporaryPassword
            ? t.rich("grantPassword", { email, data })
            : t.rich("grantSso", { email, data })}
      </p>
      {secret && (
        <div className="mt-2 flex items-center gap-2">
          <code
            data-testid={grant.link ? "invite-link" : "temporary-password"}
            className="break-all rounded bg-white px-2 py-1 text-xs text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100"
            translate="no"
          >
            {secret}
          </code>
          <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(secret)}>
            {t("copy")}
          </Button>
        </div>
      )}
      <p className="mt-2 text-xs">{t("shownOnce")}</p>
      <Button variant="secondary" className="mt-2" onClick={onClose}>
        {t("done")}
      </Button>
    </Notice>
  );
}

function InviteForm({ sso, onGranted }: { sso: Team["sso"]; onGranted: (g: AccessGrant) => void }) {
  const t = useTranslations("admin.team");
  const roles = useTranslations("admin.roles");
  const emailWords = useTranslations("admin.email");
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
  const local = { email: emailError(email, t("enterEmail"), emailWords("invalid")), name: name.trim() ? undefined : t("enterName") };
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
    <form ref={touched.ref} onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label={t("inviteForm")}>
      <Field
        label={t("email")}
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
        label={t("name")}
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
        {t("role")}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} className={inputClass}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t("roleOption", { role: roles(r), help: t(`roleHelp.${r}`) })}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="text-sm">
        <legend className="font-medium">{t("how")}</legend>
        <div className="mt-1 space-y-1">
          <label className="flex items-center gap-2">
            <input type="radio" name="method" checked={method === "link"} onChange={() => setMethod("link")} /> {t("howLink")}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="method" checked={method === "password"} onChange={() => setMethod("password")} /> {t("howPassword")}
          </label>
          {sso.enabled && (
            <label className="flex items-center gap-2">
              <input type="radio" name="method" checked={method === "sso"} onChange={() => setMethod("sso")} />{" "}
              {t.rich("howSso", { name: sso.name ?? "", data })}
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
          {invite.isPending ? t("inviting") : t("invite")}
        </Button>
      </div>
    </form>
  );
}

/** A member's action that failed: whose, and the server's word on it. */
interface MemberError {
  email: string;
  message: string;
}

function MemberRow({
  member,
  self,
  onGranted,
  onError,
}: {
  member: Member;
  self: boolean;
  onGranted: (g: AccessGrant) => void;
  onError: (e: MemberError) => void;
}) {
  const t = useTranslations("admin.team");
  const roles = useTranslations("admin.roles");
  const when = useWhen();
  // The controls' names hold the member's email: in elements (so it can be marked translate="no"), not attributes.
  const names = useId();
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: queryKeys.team() });
  const onFail = (e: unknown) => onError({ email: member.email, message: errorOf(e).message });
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
    member.signIn.password && t("signIn.password"),
    member.signIn.sso && t("signIn.sso"),
    member.signIn.invitePending && t("signIn.invitePending"),
    member.signIn.mustChangePassword && t("signIn.mustChangePassword"),
  ].filter(Boolean);
  return (
    <tr data-testid="member-row" data-email={member.email} className="align-top max-sm:grid max-sm:grid-cols-[auto_1fr] max-sm:gap-x-3 max-sm:py-2">
      <td className="py-2 pr-3 max-sm:col-span-2 max-sm:py-1">
        <div className="font-medium">
          <span translate="no">{member.name}</span> {self && <span className="text-xs text-zinc-500">{t("you")}</span>}
          {member.demo && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900/50 dark:text-amber-100">{t("demo")}</span>}
        </div>
        <div className="text-xs text-zinc-600 dark:text-zinc-400" translate="no">
          {member.email}
        </div>
      </td>
      <td className="py-2 pr-3 max-sm:py-1">
        <label className="sr-only" htmlFor={`role-${member.id}`}>
          {t.rich("roleOf", { email: member.email, data })}
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
              {roles(r)}
            </option>
          ))}
        </select>
        {/* What a sender may do beyond replying and sending; an admin may do all of it, a viewer none. */}
        {member.role === "sender" && (
          <fieldset className="mt-1 space-y-0.5" aria-labelledby={`${names}-permissions`}>
            <span id={`${names}-permissions`} hidden>
              {t.rich("permissionsOf", { email: member.email, data })}
            </span>
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
                  {t(`permissions.${p}`)}
                </label>
              );
            })}
          </fieldset>
        )}
      </td>
      <td className="py-2 pr-3 text-xs text-zinc-600 max-sm:py-1 dark:text-zinc-400">
        <div>{how.join(", ") || t("signIn.none")}</div>
        <div>{t("signIn.last", { when: when(member.lastSignInAt) })}</div>
      </td>
      <td className="py-2 max-sm:col-span-2 max-sm:py-1">
        <div className="flex flex-wrap gap-1">
          <span id={`${names}-link`} hidden>
            {t.rich("newLinkFor", { email: member.email, data })}
          </span>
          <span id={`${names}-password`} hidden>
            {t.rich("tempPasswordFor", { email: member.email, data })}
          </span>
          <span id={`${names}-sign-out`} hidden>
            {t.rich("signOutFor", { email: member.email, data })}
          </span>
          <span id={`${names}-remove`} hidden>
            {t.rich("removeFor", { email: member.email, data })}
          </span>
          <Button variant="secondary" onClick={() => reset.mutate("link")} disabled={reset.isPending} aria-labelledby={`${names}-link`}>
            {t("newLink")}
          </Button>
          <Button variant="secondary" onClick={() => reset.mutate("password")} disabled={reset.isPending} aria-labelledby={`${names}-password`}>
            {t("tempPassword")}
          </Button>
          {!self && (
            <Button variant="secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending} aria-labelledby={`${names}-sign-out`}>
              {signOut.isSuccess ? t("signedOut") : t("signOut")}
            </Button>
          )}
          {!self && (
            <Button
              variant="danger-outline"
              aria-labelledby={`${names}-remove`}
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(t("removeConfirm", { email: member.email }))) remove.mutate();
              }}
            >
              {t("remove")}
            </Button>
          )}
        </div>
      </td>
    </tr>
  );
}

/** The admin's team page: who is on the team, their roles, invitations, resets and removal. */
export function TeamManager() {
  const t = useTranslations("admin.team");
  const roles = useTranslations("admin.roles");
  const me = useCurrentUser();
  const team = useTeam();
  const [grant, setGrant] = useState<AccessGrant | null>(null);
  const [error, setError] = useState<MemberError | null>(null);
  const sso = team.data?.sso;
  return (
    <div className="space-y-6">
      {grant && <GrantPanel grant={grant} onClose={() => setGrant(null)} />}
      {error && (
        <Notice kind="error">
          {t.rich("memberError", { email: error.email, message: error.message, data })} <LinkButton onClick={() => setError(null)}>{t("dismiss")}</LinkButton>
        </Notice>
      )}
      <Card title={t("members")} description={t("membersDescription")}>
        {team.isPending && <p className="text-sm text-zinc-500">{t("loading")}</p>}
        {team.isError && <Notice kind="error">{t("loadFailed", { message: team.error.message })}</Notice>}
        {team.data && (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              {/* On a phone each member is a block: name, then role and sign-in side by side, then the actions. */}
              <thead className="text-xs uppercase text-zinc-500 max-sm:hidden">
                <tr>
                  <th className="pb-2 pr-3 font-medium">{t("colMember")}</th>
                  <th className="pb-2 pr-3 font-medium">{t("colRole")}</th>
                  <th className="pb-2 pr-3 font-medium">{t("colSignIn")}</th>
                  <th className="pb-2 font-medium">{t("colAccess")}</th>
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
        title={t("inviteTitle")}
        description={
          sso?.enabled
            ? sso.defaultRole === "none"
              ? t.rich("ssoOnNone", { name: sso.name ?? "", data })
              : t.rich("ssoOn", { name: sso.name ?? "", role: roleWord(sso.defaultRole, roles), data })
            : t.rich("ssoOff", { variable: "OIDC_ISSUER", file: "README", code: data })
        }
      >
        {team.data && <InviteForm sso={team.data.sso} onGranted={setGrant} />}
      </Card>
    </div>
  );
}
