import "server-only";
import crypto from "node:crypto";
import type { OidcConfig } from "@/lib/config";
import { getStore, type Store } from "@/lib/db";
import { toTeamUser, type TeamUser } from "./users";

/** Why single sign-on let someone in, or why not (each reason has its own message on the sign-in page). */
export type SsoOutcome =
  | { user: TeamUser; created: boolean }
  | { denied: "no-email" | "unverified" | "domain" | "not-invited" | "linked-elsewhere" | "demo-account" };

export const SSO_DENIAL_MESSAGES: Record<Extract<SsoOutcome, { denied: string }>["denied"], string> = {
  "no-email": "Your single sign-on account has no email address; ask your identity team to release the email claim.",
  unverified: "Your single sign-on provider has not verified your email address.",
  domain: "Your email domain may not sign in here.",
  "not-invited": "You are not on the team yet: ask an admin to add you.",
  "linked-elsewhere": "This email belongs to a team account linked to another single sign-on identity.",
  "demo-account": "A demo account cannot sign in by single sign-on.",
};

export interface SsoProfile {
  sub: string;
  email?: string | null;
  emailVerified?: boolean | null;
  name?: string | null;
}

/**
 * The team member a single sign-on identity is: the account already linked to it, else the account with its
 * (verified, allowed) email, linked now, else a new account with the configured role (unless that is `none`).
 */
export function resolveSsoUser(profile: SsoProfile, config: OidcConfig, store: Store = getStore()): SsoOutcome {
  const subject = `${config.issuer}|${profile.sub}`;
  const linked = store.users.getByOidcSubject(subject);
  if (linked) return { user: toTeamUser(linked), created: false };

  const email = profile.email?.trim().toLowerCase();
  if (!email?.includes("@")) return { denied: "no-email" };
  // Providers that say nothing about verification (some Entra ID setups) are trusted for their own users.
  if (profile.emailVerified === false) return { denied: "unverified" };
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (config.allowedDomains !== "*" && !config.allowedDomains.includes(domain)) return { denied: "domain" };

  const existing = store.users.getByEmail(email);
  if (existing) {
    if (existing.demo) return { denied: "demo-account" };
    if (existing.oidcSubject && existing.oidcSubject !== subject) return { denied: "linked-elsewhere" };
    // Signing in proves the invitation's purpose: a pending link is spent.
    const user = store.users.update(existing.id, { oidcSubject: subject, inviteHash: null, inviteExpiresAt: null })!;
    return { user: toTeamUser(user), created: false };
  }
  if (config.defaultRole === "none") return { denied: "not-invited" };
  const created = store.users.create({
    id: `u-${crypto.randomUUID()}`,
    email,
    name: profile.name?.trim() || email.slice(0, email.indexOf("@")),
    role: config.defaultRole,
    oidcSubject: subject,
  });
  if (!created) return { denied: "linked-elsewhere" };
  return { user: toTeamUser(created), created: true };
}
