import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_EMULATOR_TOKEN, detectAuthScheme, parseConfig } from "./config";

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "tm-config-"));
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("runs on the emulator when no Toloka key is set, generating the session secret once", () => {
    const dir = tempDir();
    const a = parseConfig({ DATA_DIR: dir });
    expect(a.mode).toBe("emulator");
    expect(a.emulator.enabled).toBe(true);
    expect(a.toloka.token).toBe(DEFAULT_EMULATOR_TOKEN);
    expect(a.toloka.baseUrl).toBe("http://127.0.0.1:3000/emulator/api/v1");
    expect(a.auth.secret.length).toBeGreaterThanOrEqual(32);
    expect(fs.readFileSync(path.join(dir, "nextauth-secret"), "utf8")).toBe(a.auth.secret);
    // A restart keeps the sessions valid: the same secret comes back.
    expect(parseConfig({ DATA_DIR: dir }).auth.secret).toBe(a.auth.secret);
  });

  it("follows PORT for the emulator's address", () => {
    expect(parseConfig({ DATA_DIR: tempDir(), PORT: "3100" }).toloka.baseUrl).toBe("http://127.0.0.1:3100/emulator/api/v1");
  });

  it("points at production by default, sandbox on request, or a custom URL, and turns the emulator off", () => {
    const base = { DATA_DIR: tempDir(), TOLOKA_API_KEY: "k", NEXTAUTH_SECRET: "0123456789abcdef0123" };
    expect(parseConfig(base).toloka.baseUrl).toBe("https://toloka.dev/api/v1");
    expect(parseConfig({ ...base, TOLOKA_ENV: "sandbox" }).toloka.baseUrl).toBe("https://sandbox.toloka.dev/api/v1");
    const custom = parseConfig({ ...base, TOLOKA_API_URL: "https://proxy.example/api/v1/" });
    expect(custom.toloka.baseUrl).toBe("https://proxy.example/api/v1");
    expect(custom.mode).toBe("toloka");
    expect(custom.emulator.enabled).toBe(false);
    expect(custom.auth.secret).toBe("0123456789abcdef0123");
  });

  it("names the variable that is wrong", () => {
    const dir = tempDir();
    expect(errorOf(() => parseConfig({ DATA_DIR: dir, TOLOKA_ENV: "staging", TOLOKA_API_KEY: "k" })).variable).toBe("TOLOKA_ENV");
    expect(errorOf(() => parseConfig({ DATA_DIR: dir, PORT: "eighty" })).message).toMatch(/^Configuration error: PORT /);
    expect(errorOf(() => parseConfig({ DATA_DIR: dir, TOLOKA_API_URL: "ftp://x", TOLOKA_API_KEY: "k" })).variable).toBe("TOLOKA_API_URL");
    expect(errorOf(() => parseConfig({ DATA_DIR: dir, EMULATOR_LIVENESS: "maybe" })).variable).toBe("EMULATOR_LIVENESS");
    expect(errorOf(() => parseConfig({ DATA_DIR: dir, TOLOKA_AUTH_SCHEME: "Bearer" })).variable).toBe("TOLOKA_AUTH_SCHEME");
  });

  it("refuses a Toloka URL without a key instead of silently using the emulator", () => {
    const e = errorOf(() => parseConfig({ DATA_DIR: tempDir(), TOLOKA_ENV: "sandbox" }));
    expect(e.variable).toBe("TOLOKA_API_KEY");
  });

  it("requires NEXTAUTH_SECRET in production against real Toloka", () => {
    const e = errorOf(() => parseConfig({ DATA_DIR: tempDir(), TOLOKA_API_KEY: "k", NODE_ENV: "production" }));
    expect(e.variable).toBe("NEXTAUTH_SECRET");
  });

  it("treats empty values as unset", () => {
    const c = parseConfig({ DATA_DIR: tempDir(), TOLOKA_API_KEY: "", EMULATOR_LIVENESS: "" });
    expect(c.mode).toBe("emulator");
    expect(c.emulator.liveness).toBe(true);
  });

  it("reads liveness and seeding switches", () => {
    const c = parseConfig({ DATA_DIR: tempDir(), EMULATOR_LIVENESS: "off", EMULATOR_SEED: "0" });
    expect(c.emulator.liveness).toBe(false);
    expect(c.emulator.seed).toBe(false);
  });
});

describe("detectAuthScheme", () => {
  it("picks ApiKey as the SDKs do: exactly two dots, the first at index 22-24", () => {
    expect(detectAuthScheme(DEFAULT_EMULATOR_TOKEN)).toBe("ApiKey");
    expect(detectAuthScheme(`${"a".repeat(22)}.b.c`)).toBe("ApiKey");
    expect(detectAuthScheme(`${"a".repeat(24)}.b.c`)).toBe("ApiKey");
    expect(detectAuthScheme(`${"a".repeat(21)}.b.c`)).toBe("OAuth");
    expect(detectAuthScheme(`${"a".repeat(25)}.b.c`)).toBe("OAuth");
    expect(detectAuthScheme(`${"a".repeat(23)}.b.c.d`)).toBe("OAuth");
    expect(detectAuthScheme("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).toBe("OAuth");
  });

  it("can be forced", () => {
    const c = parseConfig({ DATA_DIR: tempDir(), TOLOKA_AUTH_SCHEME: "OAuth" });
    expect(c.toloka.authScheme).toBe("OAuth");
  });
});

describe("team access configuration", () => {
  const base = () => ({ DATA_DIR: tempDir() });
  const sso = { OIDC_ISSUER: "https://sso.example/realms/acme/", OIDC_CLIENT_ID: "messages", OIDC_CLIENT_SECRET: "s3cret" };

  it("has single sign-on off unless configured, sessions of 12 hours, and says where the secret came from", () => {
    const c = parseConfig(base());
    expect(c.auth.oidc).toBeUndefined();
    expect(c.auth.sessionMaxAgeSeconds).toBe(12 * 3600);
    expect(c.auth.secretSource).toBe("generated");
    expect(c.auth.https).toBe(false);
    expect(c.log.level).toBe("info");
    const https = parseConfig({ ...base(), NEXTAUTH_URL: "https://messages.example", NEXTAUTH_SECRET: "0123456789abcdef0123" });
    expect(https.auth).toMatchObject({ https: true, secretSource: "environment" });
  });

  it("turns on single sign-on with the issuer's discovery document, domains and the default role", () => {
    const c = parseConfig({ ...base(), ...sso, OIDC_ALLOWED_DOMAINS: "Example.com, @example.org", OIDC_DEFAULT_ROLE: "sender" });
    expect(c.auth.oidc).toEqual({
      issuer: "https://sso.example/realms/acme",
      wellKnown: "https://sso.example/realms/acme/.well-known/openid-configuration",
      clientId: "messages",
      clientSecret: "s3cret",
      name: "Single sign-on",
      allowedDomains: ["example.com", "example.org"],
      defaultRole: "sender",
      scope: "openid email profile",
    });
    expect(parseConfig({ ...base(), ...sso, OIDC_ALLOWED_DOMAINS: "*" }).auth.oidc?.allowedDomains).toBe("*");
  });

  it("refuses half a single sign-on configuration, and one that would let in any email by omission", () => {
    expect(errorOf(() => parseConfig({ ...base(), OIDC_ISSUER: sso.OIDC_ISSUER, OIDC_CLIENT_ID: "x", OIDC_ALLOWED_DOMAINS: "a.com" })).variable).toBe(
      "OIDC_CLIENT_SECRET",
    );
    expect(errorOf(() => parseConfig({ ...base(), ...sso })).variable).toBe("OIDC_ALLOWED_DOMAINS");
    expect(errorOf(() => parseConfig({ ...base(), ...sso, OIDC_ALLOWED_DOMAINS: "not a domain" })).variable).toBe("OIDC_ALLOWED_DOMAINS");
    expect(errorOf(() => parseConfig({ ...base(), ...sso, OIDC_ALLOWED_DOMAINS: "a.com", OIDC_DEFAULT_ROLE: "owner" })).variable).toBe("OIDC_DEFAULT_ROLE");
    expect(errorOf(() => parseConfig({ ...base(), SESSION_MAX_AGE_HOURS: "0" })).variable).toBe("SESSION_MAX_AGE_HOURS");
    expect(errorOf(() => parseConfig({ ...base(), LOG_LEVEL: "loud" })).variable).toBe("LOG_LEVEL");
  });

  it("reads the notifications' mail server, sender and window, and refuses wrong ones naming the variable", () => {
    const off = parseConfig(base());
    expect(off.notify).toEqual({ smtpUrl: undefined, from: "Toloka Messages <no-reply@localhost>", digestSeconds: 60 });
    const on = parseConfig({
      ...base(),
      SMTP_URL: "smtps://u:p%40ss@mail.intranet:465",
      SMTP_FROM: "Team <team@intranet.example>",
      NOTIFY_DIGEST_SECONDS: "5",
    });
    expect(on.notify).toEqual({ smtpUrl: "smtps://u:p%40ss@mail.intranet:465", from: "Team <team@intranet.example>", digestSeconds: 5 });
    expect(errorOf(() => parseConfig({ ...base(), SMTP_URL: "http://mail.intranet" })).variable).toBe("SMTP_URL");
    expect(errorOf(() => parseConfig({ ...base(), SMTP_FROM: "nobody" })).variable).toBe("SMTP_FROM");
    expect(errorOf(() => parseConfig({ ...base(), NOTIFY_DIGEST_SECONDS: "0" })).variable).toBe("NOTIFY_DIGEST_SECONDS");
  });
});
