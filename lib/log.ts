import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";
import { getConfig } from "@/lib/config";
import { processSlot } from "./process-slot";

/**
 * The server log: JSON lines (pino) on stdout, one per event, with a request id where there is a request.
 * Secrets never reach it: known fields are redacted by name, and every string is scrubbed of the values
 * registered with {@link registerSecret} (the Toloka token, the session secret, the SSO client secret), so a
 * token inside an error message or a URL is caught too.
 */

const secrets = new Set<string>();

/** Makes sure a value never appears in the log (values shorter than 8 characters are ignored). */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 8) secrets.add(value);
}

const REDACTED = "[redacted]";

/** Fields redacted wherever they appear, whatever their value. */
const REDACT_PATHS = [
  "token",
  "*.token",
  "password",
  "*.password",
  "newPassword",
  "*.newPassword",
  "currentPassword",
  "*.currentPassword",
  "secret",
  "*.secret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "cookie",
  "*.cookie",
  "apiKey",
  "*.apiKey",
];

/** The `user:password@` of a URL (an SMTP_URL inside an error message): the credentials go, the host stays. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

function scrubString(s: string): string {
  let out = s.includes("://") ? s.replace(URL_CREDENTIALS, `$1${REDACTED}@`) : s;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** A copy of a value with every registered secret replaced, errors turned into plain objects. */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubString(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrubString(value.message), stack: value.stack ? scrubString(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

/** A logger writing to `destination` (stdout by default). */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      base: { app: "toloka-messages" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: {
        logMethod(args, method) {
          // Every argument, the message and any object alike, before pino formats it.
          method.apply(this, args.map((a) => scrub(a)) as Parameters<typeof method>);
        },
      },
    },
    opts.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/** The password in SMTP_URL, as the mail server is given it (percent-decoding undone). */
function smtpPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

const loggerSlot = processSlot<Logger>("logger");

/** The process-wide logger, at LOG_LEVEL. */
export function getLogger(): Logger {
  const held = loggerSlot.get();
  if (held) return held;
  const config = getConfig();
  registerSecret(config.toloka.token);
  registerSecret(config.auth.secret);
  registerSecret(config.auth.oidc?.clientSecret);
  registerSecret(smtpPassword(config.notify.smtpUrl));
  return loggerSlot.set(createLogger({ level: config.log.level }));
}
