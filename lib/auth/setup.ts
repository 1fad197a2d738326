import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { getStore } from "@/lib/db";

/**
 * The first admin. While the team has no admin of its own, `/setup` creates one, but only for someone who can
 * read the one-time code the server writes to DATA_DIR/setup-code: on an intranet, reaching the page first
 * must not be enough. `npm run admin -- create-admin` does the same from a shell.
 */

function codeFile(): string {
  return path.join(getConfig().dataDir, "setup-code");
}

/** True while the team has no admin but demo ones: the setup page is open. */
export function needsSetup(): boolean {
  return getStore().users.count({ role: "admin", demo: false }) === 0;
}

/** Writes a setup code to DATA_DIR/setup-code unless one is there; returns the file's path. */
export function ensureSetupCode(): string {
  const file = codeFile();
  try {
    if (fs.readFileSync(file, "utf8").trim().length >= 16) return file;
  } catch {
    // not there yet
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const code = crypto.randomBytes(12).toString("base64url");
  try {
    fs.writeFileSync(file, `${code}\n`, { mode: 0o600, flag: "wx" });
  } catch {
    // Another process wrote one first: theirs counts.
  }
  return file;
}

/** Whether `given` is the setup code (compared in constant time). */
export function checkSetupCode(given: string): boolean {
  let code: string;
  try {
    code = fs.readFileSync(codeFile(), "utf8").trim();
  } catch {
    return false;
  }
  const a = crypto.createHash("sha256").update(given.trim()).digest();
  const b = crypto.createHash("sha256").update(code).digest();
  return code.length >= 16 && crypto.timingSafeEqual(a, b);
}

/** Spends the code once the first admin exists. */
export function removeSetupCode(): void {
  fs.rmSync(codeFile(), { force: true });
}
