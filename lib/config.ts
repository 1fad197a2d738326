import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { processSlot } from "./process-slot";

/**
 * Every environment variable the app reads, parsed once. Nothing else reads `process.env`.
 * A wrong value throws a ConfigError whose message names the variable; instrumentation.ts
 * turns that into a stop at start-up.
 */

/** The emulator's demo credential: not a secret, it only opens the embedded emulator. */
export const DEFAULT_EMULATOR_TOKEN = "demo-ad5f0c9e4b7d2a1f88.emulator.local";

export const TOLOKA_HOSTS = {
  production: "https://toloka.dev/api/v1",
  sandbox: "https://sandbox.toloka.dev/api/v1",
} as const;

const onOff = z.enum(["on", "off", "true", "false", "1", "0"]).transform((v) => v === "on" || v === "true" || v === "1");

const envSchema = z.object({
  /** Toloka API key (or a legacy OAuth token). When unset, the embedded emulator is used. */
  TOLOKA_API_KEY: z.string().trim().min(1).optional(),
  /** `production` (default when a key is set) or `sandbox`. Ignored when TOLOKA_API_URL is set. */
  TOLOKA_ENV: z.enum(["production", "sandbox"]).optional(),
  /** A custom Toloka API base URL, e.g. a proxy: `https://proxy.example/api/v1`. */
  TOLOKA_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** `auto` (as the SDKs: ApiKey when the key looks like one, else OAuth), `ApiKey` or `OAuth`. */
  TOLOKA_AUTH_SCHEME: z.enum(["auto", "ApiKey", "OAuth"]).default("auto"),
  /** Optional requester id sent as X-Act-Under-Account-ID (shared accounts). */
  TOLOKA_ACT_UNDER_ACCOUNT_ID: z.string().trim().min(1).optional(),
  /** Per-request timeout towards Toloka, in milliseconds. */
  TOLOKA_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** The most requests a second the app sends to Toloka, all its parts together (Toloka allows 300). */
  TOLOKA_MAX_RPS: z.coerce.number().int().min(1).max(300).default(290),
  /** Where the app keeps its stores (mirror, jobs, emulator, generated secret). */
  DATA_DIR: z.string().trim().min(1).default("./data"),
  /** Secret for sessions. Generated and kept in DATA_DIR in emulator mode when unset; required otherwise. */
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  /**
   * The public URL of the app, e.g. https://messages.intranet.example: invite links, next-auth's redirects and
   * the same-origin checks use it, never the Host a request claims. `http://localhost:PORT` when unset.
   */
  NEXTAUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The port the server listens on (Next reads it too). */
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** The emulator's credential, accepted as `ApiKey <token>` or `OAuth <token>`. */
  EMULATOR_TOKEN: z.string().trim().min(8).default(DEFAULT_EMULATOR_TOKEN),
  /** Demo liveness: simulated Toloker replies and new questions. `off` for tests. */
  EMULATOR_LIVENESS: onOff.default(true),
  /** Seed the emulator with demo data when its store is empty. */
  EMULATOR_SEED: onOff.default(true),
  /**
   * The emulator's variety mode: every answer varies within what Toloka's docs allow (lib/emulator/README.md).
   * On in the tests, off for the demo; its seed is EMULATOR_VARIETY_SEED, read by the emulator itself.
   */
  EMULATOR_VARIETY: onOff.default(false),
  /** `development`, `production` or `test`; set by Next and the test runners. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** How long a session lasts from sign-in, in hours; after that a new sign-in is needed. */
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .min(0.05)
    .max(24 * 30)
    .default(12),
  /**
   * Single sign-on: the OpenID Connect issuer URL (Keycloak `https://sso.example/realms/acme`, Entra ID
   * `https://login.microsoftonline.com/<tenant>/v2.0`, Okta `https://acme.okta.com`, Google `https://accounts.google.com`).
   * Setting it (with the client id and secret) turns single sign-on on.
   */
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  /** The discovery document, when it is not at `<issuer>/.well-known/openid-configuration`. */
  OIDC_WELL_KNOWN: z.url({ protocol: /^https?$/ }).optional(),
  /** The client id registered with the provider (redirect URI: `<NEXTAUTH_URL>/api/auth/callback/oidc`). */
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  /** The client secret registered with the provider. */
  OIDC_CLIENT_SECRET: z.string().trim().min(1).optional(),
  /** The label of the sign-in button, e.g. `Okta` or `Company account`. */
  OIDC_NAME: z.string().trim().min(1).max(60).default("Single sign-on"),
  /** Required with OIDC_ISSUER: comma list of email domains that may sign in (`example.com,example.org`), or `*` for any the provider vouches for. */
  OIDC_ALLOWED_DOMAINS: z.string().trim().min(1).optional(),
  /** The role of someone who signs in by SSO for the first time; `none` lets in only people an admin added. */
  OIDC_DEFAULT_ROLE: z.enum(["viewer", "sender", "admin", "none"]).default("viewer"),
  /** Scopes asked of the provider. */
  OIDC_SCOPE: z.string().trim().min(1).default("openid email profile"),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For; the client's address (for the
   * sign-in rate limit and the activity log) is taken that many entries from the right. 0 (no proxy): the
   * address of the connection itself, whatever X-Forwarded-For the client sent.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** pino's level for the server log: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * The mail server for notifications to the team: `smtp://user:pass@mail.intranet:587` (STARTTLS when the server
   * offers it) or `smtps://…:465` (TLS from the start). Unset: no email is sent (webhooks still are).
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL" }).optional(),
  /** The sender of the notification emails, an address or `Name <address>`. */
  SMTP_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, "must be an address, or Name <address>")
    .default("Toloka Messages <no-reply@localhost>"),
  /** The notifications' batching window in seconds: what happens within one reaches a member as one digest. */
  NOTIFY_DIGEST_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});

export type AuthScheme = "ApiKey" | "OAuth";

export interface AppConfig {
  mode: "emulator" | "toloka";
  dataDir: string;
  port: number;
  nodeEnv: "development" | "production" | "test";
  toloka: {
    baseUrl: string;
    token: string;
    authScheme: AuthScheme;
    actUnderAccountId?: string;
    timeoutMs: number;
    maxRequestsPerSecond: number;
    /** The requester web interface, for links to pools, projects and assignments. */
    webUrl: string;
    /** For messages: where the token came from. */
    source: "environment" | "emulator";
  };
  emulator: { enabled: boolean; token: string; liveness: boolean; seed: boolean; variety: boolean; dbPath: string };
  auth: {
    secret: string;
    /** Where the secret came from: generated secrets live in DATA_DIR, next to what they protect. */
    secretSource: "environment" | "generated";
    /** The app's public URL (NEXTAUTH_URL, or `http://localhost:PORT`), without a trailing slash. */
    url: string;
    /** Whether NEXTAUTH_URL was set; without it, links sent to others point at localhost. */
    urlSource: "environment" | "default";
    /** The app is served over HTTPS (NEXTAUTH_URL says so): secure cookies, HSTS. */
    https: boolean;
    sessionMaxAgeSeconds: number;
    trustProxyHops: number;
    oidc?: OidcConfig;
  };
  log: { level: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent" };
  notify: {
    /** SMTP_URL with its credentials; undefined when email is off. Never log it (lib/log.ts scrubs URL credentials). */
    smtpUrl?: string;
    from: string;
    digestSeconds: number;
  };
}

export interface OidcConfig {
  issuer: string;
  wellKnown: string;
  clientId: string;
  clientSecret: string;
  name: string;
  /** Lower-case domains, or "*" for any. */
  allowedDomains: string[] | "*";
  defaultRole: "viewer" | "sender" | "admin" | "none";
  scope: string;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly variable: string,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

/** The scheme the official SDKs pick: ApiKey when the credential has exactly two dots and the first at index 22-24. */
export function detectAuthScheme(token: string): AuthScheme {
  const dots = token.split(".").length - 1;
  const first = token.indexOf(".");
  return dots === 2 && first >= 22 && first <= 24 ? "ApiKey" : "OAuth";
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "nextauth-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not there yet
  }
  // Owner only, like every data file (lib/private-files.ts; not imported here, config stays a leaf).
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(32).toString("base64url");
  // wx: if another process won the race, read its secret instead of overwriting it.
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    return fs.readFileSync(file, "utf8").trim();
  }
}

/** Parses an environment (process.env by default). Throws ConfigError naming the first wrong variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings count as unset: `FOO=` in a .env file means "not given".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? "environment");
    throw new ConfigError(`Configuration error: ${variable} ${issue.message}`, variable);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const emulator = !e.TOLOKA_API_KEY;
  if (emulator && (e.TOLOKA_API_URL || e.TOLOKA_ENV)) {
    const variable = e.TOLOKA_API_URL ? "TOLOKA_API_URL" : "TOLOKA_ENV";
    throw new ConfigError(`Configuration error: ${variable} is set but TOLOKA_API_KEY is not`, "TOLOKA_API_KEY");
  }
  if (!emulator && !e.NEXTAUTH_SECRET && e.NODE_ENV === "production") {
    throw new ConfigError(
      "Configuration error: NEXTAUTH_SECRET is required when TOLOKA_API_KEY is set (generate one with `openssl rand -base64 32`)",
      "NEXTAUTH_SECRET",
    );
  }
  const oidc = parseOidc(e);
  const publicUrl = (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const secret = e.NEXTAUTH_SECRET ?? readOrCreateSecret(dataDir);
  const token = e.TOLOKA_API_KEY ?? e.EMULATOR_TOKEN;
  const baseUrl = emulator
    ? `http://127.0.0.1:${e.PORT}/emulator/api/v1`
    : (e.TOLOKA_API_URL ?? TOLOKA_HOSTS[e.TOLOKA_ENV ?? "production"]).replace(/\/+$/, "");
  return {
    mode: emulator ? "emulator" : "toloka",
    dataDir,
    port: e.PORT,
    nodeEnv: e.NODE_ENV,
    toloka: {
      baseUrl,
      token,
      authScheme: e.TOLOKA_AUTH_SCHEME === "auto" ? detectAuthScheme(token) : e.TOLOKA_AUTH_SCHEME,
      actUnderAccountId: e.TOLOKA_ACT_UNDER_ACCOUNT_ID,
      timeoutMs: e.TOLOKA_TIMEOUT_MS,
      maxRequestsPerSecond: e.TOLOKA_MAX_RPS,
      webUrl: e.TOLOKA_ENV === "sandbox" && !e.TOLOKA_API_URL ? "https://sandbox.toloka.ai" : "https://toloka.ai",
      source: emulator ? "emulator" : "environment",
    },
    emulator: {
      enabled: emulator,
      token: e.EMULATOR_TOKEN,
      liveness: e.EMULATOR_LIVENESS,
      seed: e.EMULATOR_SEED,
      variety: e.EMULATOR_VARIETY,
      dbPath: path.join(dataDir, "emulator.sqlite"),
    },
    auth: {
      secret,
      secretSource: e.NEXTAUTH_SECRET ? "environment" : "generated",
      url: publicUrl,
      urlSource: e.NEXTAUTH_URL ? "environment" : "default",
      https: publicUrl.startsWith("https://"),
      sessionMaxAgeSeconds: Math.round(e.SESSION_MAX_AGE_HOURS * 3600),
      trustProxyHops: e.TRUST_PROXY_HOPS,
      oidc,
    },
    log: { level: e.LOG_LEVEL },
    notify: { smtpUrl: e.SMTP_URL, from: e.SMTP_FROM, digestSeconds: e.NOTIFY_DIGEST_SECONDS },
  };
}

function parseOidc(e: z.infer<typeof envSchema>): OidcConfig | undefined {
  const given = { OIDC_ISSUER: e.OIDC_ISSUER, OIDC_CLIENT_ID: e.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: e.OIDC_CLIENT_SECRET };
  const set = Object.entries(given).filter(([, v]) => v);
  if (set.length === 0) return undefined;
  const missing = Object.entries(given).find(([, v]) => !v);
  if (missing) {
    throw new ConfigError(`Configuration error: ${missing[0]} is required for single sign-on (${set.map(([k]) => k).join(", ")} set)`, missing[0]);
  }
  if (!e.OIDC_ALLOWED_DOMAINS) {
    throw new ConfigError(
      "Configuration error: OIDC_ALLOWED_DOMAINS is required for single sign-on: the email domains that may sign in (example.com,example.org), or * for anyone the provider vouches for",
      "OIDC_ALLOWED_DOMAINS",
    );
  }
  const domains = e.OIDC_ALLOWED_DOMAINS.split(",")
    .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
  const bad = domains.find((d) => d !== "*" && !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(d));
  if (bad !== undefined || domains.length === 0) {
    throw new ConfigError(`Configuration error: OIDC_ALLOWED_DOMAINS has "${bad ?? ""}", which is not a domain`, "OIDC_ALLOWED_DOMAINS");
  }
  const issuer = e.OIDC_ISSUER!.replace(/\/+$/, "");
  return {
    issuer,
    wellKnown: e.OIDC_WELL_KNOWN ?? `${issuer}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    name: e.OIDC_NAME,
    allowedDomains: domains.includes("*") ? "*" : domains,
    defaultRole: e.OIDC_DEFAULT_ROLE,
    scope: e.OIDC_SCOPE,
  };
}

/** Drops the parsed configuration so the next {@link getConfig} parses again. For tests. */
export function resetConfigForTests(): void {
  configSlot.clear();
  // Only the value getConfig() put there, not one a test set since.
  const set = nextAuthUrlSlot.get();
  if (set !== undefined && process.env.NEXTAUTH_URL === set) delete process.env.NEXTAUTH_URL;
  nextAuthUrlSlot.clear();
}

const configSlot = processSlot<AppConfig>("config");
/** The NEXTAUTH_URL getConfig() set itself, if it did. */
const nextAuthUrlSlot = processSlot<string>("setNextAuthUrl");

/** The app's configuration, parsed on first use and kept for the life of the process. */
export function getConfig(): AppConfig {
  const held = configSlot.get();
  if (held) return held;
  const config = parseConfig();
  // next-auth reads NEXTAUTH_URL itself for its redirects and callback URLs (else it assumes localhost:3000):
  // hand it the same public URL the rest of the app uses.
  if (!process.env.NEXTAUTH_URL) {
    process.env.NEXTAUTH_URL = config.auth.url;
    nextAuthUrlSlot.set(config.auth.url);
  }
  return configSlot.set(config);
}
