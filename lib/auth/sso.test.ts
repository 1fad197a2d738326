import { describe, expect, it } from "vitest";
import type { OidcConfig } from "@/lib/config";
import { createSqliteStore } from "@/lib/db";
import { resolveSsoUser } from "./sso";

const config = (over: Partial<OidcConfig> = {}): OidcConfig => ({
  issuer: "https://sso.example/realms/acme",
  wellKnown: "https://sso.example/realms/acme/.well-known/openid-configuration",
  clientId: "c",
  clientSecret: "s",
  name: "Acme SSO",
  allowedDomains: ["acme.example"],
  defaultRole: "viewer",
  scope: "openid email profile",
  ...over,
});

describe("single sign-on users", () => {
  it("creates a newcomer from an allowed domain with the default role, then finds them by their identity", () => {
    const store = createSqliteStore(":memory:");
    const first = resolveSsoUser({ sub: "abc", email: "Ann@Acme.example", emailVerified: true, name: "Ann" }, config(), store);
    expect(first).toMatchObject({ created: true, user: { email: "ann@acme.example", role: "viewer", name: "Ann", demo: false } });
    // A changed email at the provider still finds the same account by its subject.
    const again = resolveSsoUser({ sub: "abc", email: "ann.new@acme.example" }, config(), store);
    expect(again).toMatchObject({ created: false, user: { id: "user" in first ? first.user.id : "" } });
  });

  it("refuses other domains, unverified or missing emails, and newcomers when the default role is none", () => {
    const store = createSqliteStore(":memory:");
    expect(resolveSsoUser({ sub: "1", email: "eve@evil.example" }, config(), store)).toEqual({ denied: "domain" });
    expect(resolveSsoUser({ sub: "1", email: "eve@sub.acme.example" }, config(), store)).toEqual({ denied: "domain" });
    expect(resolveSsoUser({ sub: "1", email: "bob@acme.example", emailVerified: false }, config(), store)).toEqual({ denied: "unverified" });
    expect(resolveSsoUser({ sub: "1" }, config(), store)).toEqual({ denied: "no-email" });
    expect(resolveSsoUser({ sub: "1", email: "bob@acme.example" }, config({ defaultRole: "none" }), store)).toEqual({ denied: "not-invited" });
    expect(resolveSsoUser({ sub: "1", email: "bob@anywhere.example" }, config({ allowedDomains: "*" }), store)).toMatchObject({ created: true });
    expect(store.users.count()).toBe(1);
  });

  it("links an account an admin added, once, keeping its role, and never a demo account", () => {
    const store = createSqliteStore(":memory:");
    store.users.create({ id: "u1", email: "carl@acme.example", name: "Carl", role: "admin", inviteHash: "h", inviteExpiresAt: "2999-01-01T00:00:00.000Z" });
    const linked = resolveSsoUser({ sub: "carl-sub", email: "carl@acme.example" }, config({ defaultRole: "none" }), store);
    expect(linked).toMatchObject({ created: false, user: { id: "u1", role: "admin" } });
    expect(store.users.get("u1")).toMatchObject({ oidcSubject: "https://sso.example/realms/acme|carl-sub", inviteHash: null });
    expect(resolveSsoUser({ sub: "someone-else", email: "carl@acme.example" }, config(), store)).toEqual({ denied: "linked-elsewhere" });
    store.users.create({ id: "demo-admin", email: "admin@acme.example", name: "Demo", role: "admin", demo: true });
    expect(resolveSsoUser({ sub: "x", email: "admin@acme.example" }, config(), store)).toEqual({ denied: "demo-account" });
  });
});
