import "server-only";
import crypto from "node:crypto";
import { detectAuthScheme, getConfig, TOLOKA_HOSTS, type AppConfig, type AuthScheme } from "@/lib/config";
import { getStore, type Store } from "@/lib/db";
import { registerSecret, scrub } from "@/lib/log";
import type { ConnectionDto, ConnectionTestResult, ConnectionUpdate, TolokaEnvironment } from "@/lib/schemas/connection";
import { TolokaClient } from "./client";
import { TolokaError } from "./errors";
import { maskToken, openToken, sealToken } from "./token-crypto";
import { processSlot } from "@/lib/process-slot";

/**
 * Where the app's Toloka is and with which key. Three sources, in order: TOLOKA_API_KEY in the environment
 * (it wins, and the settings page says so), the settings page (kept in the store, the key encrypted), and by
 * default the embedded emulator.
 */

const KV_KEY = "settings.connection";

interface StoredConnection {
  environment: TolokaEnvironment;
  customUrl?: string;
  authScheme: "auto" | "ApiKey" | "OAuth";
  /** The key, sealed, with the address it was saved for: it is never sent anywhere else. */
  token?: { sealed: string; baseUrl: string; masked: string };
  updatedAt: string;
  updatedBy?: string;
}

export interface EffectiveConnection {
  mode: "emulator" | "toloka";
  environment: TolokaEnvironment;
  baseUrl: string;
  /** Empty when a stored key cannot be decrypted: every call then fails with 401 and the page says why. */
  token: string;
  authScheme: AuthScheme;
  source: "environment" | "settings" | "emulator";
  actUnderAccountId?: string;
  timeoutMs: number;
  maxRequestsPerSecond: number;
  /** Changes whenever the address or the key does: the mirror belongs to one account. */
  fingerprint: string;
  /** The requester web interface, for links to pools, projects and assignments. */
  webUrl: string;
}

function emulatorUrl(config: AppConfig): string {
  return `http://127.0.0.1:${config.port}/emulator/api/v1`;
}

/** The base URL of an environment. */
function baseUrlOf(environment: TolokaEnvironment, customUrl: string | undefined, config: AppConfig = getConfig()): string {
  switch (environment) {
    case "production":
      return TOLOKA_HOSTS.production;
    case "sandbox":
      return TOLOKA_HOSTS.sandbox;
    case "custom":
      return (customUrl ?? "").replace(/\/+$/, "");
    case "emulator":
      return emulatorUrl(config);
  }
}

function environmentOfUrl(url: string): TolokaEnvironment {
  if (url === TOLOKA_HOSTS.production) return "production";
  if (url === TOLOKA_HOSTS.sandbox) return "sandbox";
  return "custom";
}

function fingerprint(baseUrl: string, token: string): string {
  return crypto.createHash("sha256").update(`${baseUrl}\n${token}`).digest("hex").slice(0, 32);
}

function readStored(store: Store): StoredConnection | null {
  const raw = store.kv.get(KV_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as StoredConnection;
  } catch {
    return null;
  }
}

function resolve(config: AppConfig, store: Store): EffectiveConnection {
  const base = {
    actUnderAccountId: config.toloka.actUnderAccountId,
    timeoutMs: config.toloka.timeoutMs,
    maxRequestsPerSecond: config.toloka.maxRequestsPerSecond,
  };
  const common = { ...base, webUrl: "https://toloka.ai" };
  if (config.mode === "toloka") {
    common.webUrl = config.toloka.webUrl;
    const { baseUrl, token, authScheme } = config.toloka;
    return {
      ...common,
      mode: "toloka",
      environment: environmentOfUrl(baseUrl),
      baseUrl,
      token,
      authScheme,
      source: "environment",
      fingerprint: fingerprint(baseUrl, token),
    };
  }
  const stored = readStored(store);
  if (!stored || stored.environment === "emulator") {
    const baseUrl = emulatorUrl(config);
    const token = config.emulator.token;
    return {
      ...common,
      mode: "emulator",
      environment: "emulator",
      baseUrl,
      token,
      authScheme: detectAuthScheme(token),
      source: "emulator",
      fingerprint: fingerprint(baseUrl, token),
    };
  }
  const baseUrl = baseUrlOf(stored.environment, stored.customUrl, config);
  if (stored.environment === "sandbox") common.webUrl = "https://sandbox.toloka.ai";
  const token = stored.token && stored.token.baseUrl === baseUrl ? (openToken(stored.token.sealed, config.auth.secret) ?? "") : "";
  registerSecret(token);
  const authScheme = stored.authScheme === "auto" ? detectAuthScheme(token) : stored.authScheme;
  return {
    ...common,
    mode: "toloka",
    environment: stored.environment,
    baseUrl,
    token,
    authScheme,
    source: "settings",
    fingerprint: fingerprint(baseUrl, token),
  };
}

const connectionSlot = processSlot<EffectiveConnection>("connection");

/** The connection in force, read once and kept until {@link saveConnection} changes it. */
export function getConnection(): EffectiveConnection {
  return connectionSlot.get() ?? connectionSlot.set(resolve(getConfig(), getStore()));
}

/** Forgets the cached connection (after a change, or in tests). */
function invalidateConnection(): void {
  connectionSlot.clear();
}

/** The connection for the settings page: never the key, only its last characters. */
export function describeConnection(extra: { demoMode: boolean }): ConnectionDto {
  const config = getConfig();
  const c = getConnection();
  const stored = config.mode === "toloka" ? null : readStored(getStore());
  let token: ConnectionDto["token"];
  if (c.source === "environment") token = { set: true, masked: maskToken(c.token) };
  else if (c.source === "emulator") token = { set: true, masked: maskToken(c.token) };
  else if (stored?.token && stored.token.baseUrl === c.baseUrl) token = c.token ? { set: true, masked: stored.token.masked } : { set: true, unreadable: true };
  else token = { set: false };
  return {
    environment: c.environment,
    baseUrl: c.baseUrl,
    customUrl: c.environment === "custom" ? c.baseUrl : undefined,
    authScheme: c.source === "settings" ? (stored?.authScheme ?? "auto") : c.authScheme,
    source: c.source,
    lockedByEnvironment: config.mode === "toloka",
    token,
    secretGenerated: config.auth.secretSource === "generated",
    demoMode: extra.demoMode,
    updatedAt: stored?.updatedAt,
    updatedBy: stored?.updatedBy,
  };
}

/** A connection an admin proposes, resolved to an address and a key (the stored key only for its own address). */
export function candidateOf(
  update: ConnectionUpdate,
): { baseUrl: string; token: string; authScheme: AuthScheme } | { problem: { field: string; message: string } } {
  const config = getConfig();
  const baseUrl = baseUrlOf(update.environment, update.customUrl, config);
  if (update.environment === "emulator") {
    return { baseUrl, token: config.emulator.token, authScheme: detectAuthScheme(config.emulator.token) };
  }
  let token = update.token;
  if (!token) {
    const stored = readStored(getStore());
    if (stored?.token && stored.token.baseUrl === baseUrl) token = openToken(stored.token.sealed, config.auth.secret) ?? undefined;
    if (!token) {
      return {
        problem: {
          field: "token",
          message: stored?.token ? "is needed again: a stored key is only ever sent to the address it was saved for" : "is required",
        },
      };
    }
  }
  registerSecret(token);
  return { baseUrl, token, authScheme: update.authScheme === "auto" ? detectAuthScheme(token) : update.authScheme };
}

/** The longest message a connection test shows: a sentence for the page, never a whole error page. */
const MAX_TEST_MESSAGE = 200;

/**
 * Text from the answer, made safe to show: the key tried and every registered secret redacted, and so is
 * anything shaped like a key (a run of 20 or more letters, digits and `-_+=~` with a digit in it: an answer may
 * quote another key), one line, at most `max` characters.
 */
function shownText(text: string, token: string, max: number): string {
  let out = scrub(text) as string;
  if (token.length >= 8) out = out.split(token).join("[redacted]");
  out = out
    .replace(/[A-Za-z0-9_\-+=~]{20,}/g, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? "[redacted]" : run))
    .replace(/\s+/g, " ")
    .trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** Asks Toloka for one page of threads with the given address and key, and reports what it said. */
export async function testConnection(target: { baseUrl: string; token: string; authScheme: AuthScheme }): Promise<ConnectionTestResult> {
  const config = getConfig();
  const client = new TolokaClient({
    baseUrl: target.baseUrl,
    token: target.token,
    authScheme: target.authScheme,
    timeoutMs: Math.min(config.toloka.timeoutMs, 10_000),
    actUnderAccountId: config.toloka.actUnderAccountId,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  const started = Date.now();
  try {
    const page = await client.listThreads({ limit: 1, sort: "id" });
    return {
      ok: true,
      baseUrl: target.baseUrl,
      status: 200,
      message:
        page.items.length > 0
          ? "Toloka accepted the key and listed the account's message threads."
          : "Toloka accepted the key; the account has no message threads yet.",
      ms: Date.now() - started,
    };
  } catch (error) {
    const e = error instanceof TolokaError ? error : null;
    const said = e ? e.message : error instanceof Error ? error.message : String(error);
    // The code comes from the answer too: an address that is not Toloka's may send anything as one.
    const code = e ? shownText(e.code, target.token, 64) : undefined;
    const head = e && e.status > 0 ? `Toloka answered ${e.status} ${code}` : "Toloka could not be reached";
    // No error body of Toloka's (a web server's page, or none): most likely the address is not Toloka's API.
    const hint =
      e && e.status > 0 && (e.code === "UNEXPECTED_RESPONSE" || e.code.startsWith("HTTP_")) ? " Check the address: Toloka's API ends in /api/v1." : "";
    const text = shownText(said, target.token, MAX_TEST_MESSAGE - head.length - hint.length - 3);
    return {
      ok: false,
      baseUrl: target.baseUrl,
      status: e?.status ?? 0,
      code,
      // What Toloka said, short and redacted; never its raw body.
      message: `${head}: ${text}${hint && !/[.!?…]$/.test(text) ? "." : ""}${hint}`,
      ms: Date.now() - started,
    };
  }
}

/** Saves the connection the admin chose (the key sealed), and forgets the cached one. */
export function storeConnection(update: ConnectionUpdate, target: { baseUrl: string; token: string }, by: string): void {
  const config = getConfig();
  const stored: StoredConnection = {
    environment: update.environment,
    customUrl: update.environment === "custom" ? update.customUrl : undefined,
    authScheme: update.authScheme,
    token:
      update.environment === "emulator"
        ? readStored(getStore())?.token // keep a real key for when the admin switches back to its address
        : { sealed: sealToken(target.token, config.auth.secret), baseUrl: target.baseUrl, masked: maskToken(target.token) },
    updatedAt: new Date().toISOString(),
    updatedBy: by,
  };
  getStore().kv.set(KV_KEY, JSON.stringify(stored));
  invalidateConnection();
}
