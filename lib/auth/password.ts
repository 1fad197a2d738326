import "server-only";
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/**
 * scrypt at one of OWASP's recommended settings (N=2^16, r=8, p=2: 64 MiB and about a third of a second
 * per hash here). The parameters are stored with each hash, so raising them later upgrades hashes as people
 * sign in (see {@link needsRehash}).
 */
export const SCRYPT_PARAMS = { N: 2 ** 16, r: 8, p: 2 } as const;
const KEY_LENGTH = 64;
const SALT_BYTES = 16;

/** The shortest password a person may choose. */
const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

function maxmem(N: number, r: number, p: number): number {
  // scrypt needs 128 * N * r * p bytes and a little more; Node refuses above `maxmem`.
  return 128 * N * r * p + 16 * 1024 * 1024;
}

async function derive(password: string, salt: Buffer, N: number, r: number, p: number, length: number): Promise<Buffer> {
  return scrypt(password.normalize("NFKC"), salt, length, { N, r, p, maxmem: maxmem(N, r, p) });
}

/** A new hash of a password with its own random salt: `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT_PARAMS;
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await derive(password, salt, N, r, p, KEY_LENGTH);
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parse(stored: string): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  // Refuse parameters that would make one check cost minutes or gigabytes (a tampered row).
  if (![N, r, p].every(Number.isSafeInteger) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(parts[4], "base64url");
  const key = Buffer.from(parts[5], "base64url");
  if (salt.length < 8 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

let dummy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash in constant time. With no hash (an unknown account, or one
 * without a password) it still does the same work against a throwaway hash, so the time taken does not
 * tell which accounts exist.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = stored ? parse(stored) : null;
  dummy ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  const target = parsed ?? parse(await dummy)!;
  const key = await derive(password, target.salt, target.N, target.r, target.p, target.key.length);
  return crypto.timingSafeEqual(key, target.key) && parsed !== null;
}

/** True when a hash was made with weaker parameters than today's, so it should be made again. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  return parsed.N < SCRYPT_PARAMS.N || parsed.r < SCRYPT_PARAMS.r || parsed.p < SCRYPT_PARAMS.p || parsed.key.length < KEY_LENGTH;
}

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (new Set(password).size < 4) return "must not repeat the same few characters";
  if (context.email && password.toLowerCase().includes(context.email.toLowerCase().split("@")[0]) && context.email.split("@")[0].length >= 4) {
    return "must not contain your email address";
  }
  return null;
}

/** A temporary password to hand over once: 20 characters from an unambiguous alphabet (about 100 bits). */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const chars = Array.from({ length: 20 }, () => alphabet[crypto.randomInt(alphabet.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}

/** A token for a one-time link (256 bits) and the hash the store keeps instead of it. */
export function generateLinkToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, hash: hashLinkToken(token) };
}

/** What the store keeps of a one-time link's token: enough to find it, useless to a reader of the store. */
export function hashLinkToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("base64url");
}
