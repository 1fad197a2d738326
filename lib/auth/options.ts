import "server-only";
import crypto from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { actorOf, recordActivity } from "@/lib/api/activity";
import { getConfig, type OidcConfig } from "@/lib/config";
import { getStore } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { revokeSession, userFromToken } from "./request-user";
import { resolveSsoUser } from "./sso";
import { safeCallbackUrl } from "./callback-url";
import { attemptSignIn } from "./sign-in-attempt";
import { findUser, syncDemoAccounts } from "./users";

/** The id of the single sign-on provider: its callback is `/api/auth/callback/oidc`. */
export const OIDC_PROVIDER_ID = "oidc";

interface OidcClaims {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
}

/** next-auth's generic OpenID Connect provider: discovery, PKCE and state, the ID token's claims as the profile. */
function oidcProvider(oidc: OidcConfig): OAuthConfig<OidcClaims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: oidc.name,
    type: "oauth",
    wellKnown: oidc.wellKnown,
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: oidc.scope } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(claims) {
      return { id: claims.sub, email: claims.email ?? null, name: claims.name ?? claims.preferred_username ?? null };
    },
  };
}

let cached: NextAuthOptions | undefined;

/** next-auth's options, built on first use so that nothing reads the configuration at build time. */
export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const config = getConfig();
  const oidc = config.auth.oidc;
  cached = {
    secret: config.auth.secret,
    session: { strategy: "jwt", maxAge: config.auth.sessionMaxAgeSeconds },
    // HttpOnly and SameSite=Lax always (next-auth's defaults); Secure and the __Secure- prefix behind HTTPS.
    useSecureCookies: config.auth.https,
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        // The sign-in limit is counted here, on the very credentials next-auth authenticates.
        authorize: (credentials) => attemptSignIn(credentials),
      }),
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: {
      // Where next-auth sends the browser after signing in or out (single sign-on's callbackUrl included).
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackUrl(url, baseUrl)}`;
      },
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        if (!oidc) return false;
        const claims = (profile ?? {}) as OidcClaims;
        const verified = claims.email_verified === undefined ? undefined : claims.email_verified === true || claims.email_verified === "true";
        const outcome = resolveSsoUser({ sub: claims.sub, email: claims.email, emailVerified: verified, name: claims.name ?? claims.preferred_username }, oidc);
        if ("denied" in outcome) {
          recordActivity("auth.sign-in-failed", null, { target: claims.email?.toLowerCase(), details: { via: "sso", reason: outcome.denied } });
          return `/sign-in?error=sso-${outcome.denied}`;
        }
        // next-auth hands this same object to the jwt callback: carry the team member's id, not the provider's.
        user.id = outcome.user.id;
        if (outcome.created) await syncDemoAccounts();
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          const member = await findUser(user.id);
          if (!member) return {};
          token.sub = member.id;
          token.sv = member.sessionVersion;
          token.sid = crypto.randomUUID();
          token.at = Math.floor(Date.now() / 1000);
          token.via = account?.provider === OIDC_PROVIDER_ID ? "sso" : "password";
          token.name = member.name;
          token.email = member.email;
          delete token.picture;
        }
        return token;
      },
      async session({ session, token }) {
        const member = await userFromToken(token);
        if (session.user) {
          session.user.id = member?.id ?? "";
          session.user.role = member?.role ?? "viewer";
        }
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        const member = await findUser(user.id);
        if (!member) return;
        const sso = account?.provider === OIDC_PROVIDER_ID;
        if (sso) getStore().users.update(member.id, { lastSignInAt: new Date().toISOString() });
        recordActivity("auth.sign-in", actorOf(member), { details: { via: sso ? "sso" : "password" } });
      },
      async signOut({ token }) {
        // The cookie is cleared in this browser; a copy of it (another tab's, a stolen one) must stop counting too.
        revokeSession(token);
        const member = token?.sub ? await findUser(token.sub) : null;
        recordActivity("auth.sign-out", member ? actorOf(member) : null);
      },
    },
    logger: {
      error(code, metadata) {
        const m = metadata as { error?: { message?: string }; message?: string } | undefined;
        getLogger().error({ code, detail: m?.error?.message ?? m?.message }, "next-auth error");
      },
      warn(code) {
        getLogger().warn({ code }, "next-auth warning");
      },
      debug() {},
    },
  };
  return cached;
}
