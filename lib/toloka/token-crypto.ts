import "server-only";
import crypto from "node:crypto";

/**
 * The stored Toloka token, encrypted at rest: AES-256-GCM under a key derived from the app's secret
 * (NEXTAUTH_SECRET) with HKDF-SHA256, a fresh 96-bit IV per encryption, and a purpose label as associated
 * data so the ciphertext cannot be replayed as anything else. A copy of the store alone does not reveal the
 * token; the store and the secret together do, so keep NEXTAUTH_SECRET out of DATA_DIR.
 */

const VERSION = "v1";
const AAD = Buffer.from("toloka-messages:toloka-token");

function keyFrom(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from("toloka-messages"), Buffer.from("toloka-token-encryption/v1"), 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function sealToken(token: string, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  cipher.setAAD(AAD);
  const ct = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

/** The token, or null when the secret is not the one it was sealed with (or the text was altered). */
export function openToken(sealed: string, secret: string): string | null {
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ct === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFrom(secret), Buffer.from(iv, "base64url"));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** A token as a page may show it: the last four characters of a long one, nothing of a short one. */
export function maskToken(token: string): string {
  return token.length >= 16 ? `••••${token.slice(-4)}` : "••••";
}
