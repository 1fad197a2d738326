import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

/* next-auth's options behind HTTPS with single sign-on configured: secure cookies, the session's lifetime, the OIDC provider. */

beforeAll(() => {
  Object.assign(process.env, {
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "tm-auth-")),
    NEXTAUTH_URL: "https://messages.intranet.example",
    NEXTAUTH_SECRET: "a-test-secret-for-the-options-0123",
    SESSION_MAX_AGE_HOURS: "8",
    OIDC_ISSUER: "https://sso.example.com/realms/acme",
    OIDC_CLIENT_ID: "messages",
    OIDC_CLIENT_SECRET: "oidc-client-secret-value",
    OIDC_ALLOWED_DOMAINS: "acme.example",
    OIDC_NAME: "Acme account",
  });
});

describe("next-auth's options", () => {
  it("use Secure __Secure- cookies behind HTTPS, and sessions of SESSION_MAX_AGE_HOURS", async () => {
    const { getAuthOptions } = await import("@/lib/auth/options");
    const { sessionCookieName } = await import("@/lib/auth/request-user");
    const options = getAuthOptions();
    expect(options.useSecureCookies).toBe(true);
    expect(sessionCookieName()).toBe("__Secure-next-auth.session-token");
    expect(options.session).toMatchObject({ strategy: "jwt", maxAge: 8 * 3600 });
    expect(options.pages).toEqual({ signIn: "/sign-in", error: "/sign-in" });
  });

  it("configure the generic OpenID Connect provider from the environment: discovery, PKCE and state, the ID token", async () => {
    const { getAuthOptions, OIDC_PROVIDER_ID } = await import("@/lib/auth/options");
    const oidc = getAuthOptions().providers.find((p) => p.id === OIDC_PROVIDER_ID) as unknown as Record<string, unknown> & {
      options?: Record<string, unknown>;
    };
    const conf = { ...oidc, ...(oidc.options ?? {}) };
    expect(conf).toMatchObject({
      type: "oauth",
      name: "Acme account",
      wellKnown: "https://sso.example.com/realms/acme/.well-known/openid-configuration",
      issuer: "https://sso.example.com/realms/acme",
      clientId: "messages",
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
    });
    const profile = (conf.profile as (c: object) => object)({ sub: "s1", email: "a@acme.example", preferred_username: "ann" });
    expect(profile).toEqual({ id: "s1", email: "a@acme.example", name: "ann" });
  });
});
