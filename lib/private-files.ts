import "server-only";
import fs from "node:fs";

/**
 * The app's data (the stores, the generated secret, the setup code) is for the account that runs the server
 * alone: a sealed Toloka key, the team's password hashes and every message sit in these files.
 */

/**
 * Creates `dir` (and its parents) readable by the owner only. A folder that already exists is left as it is:
 * it may be the operator's (DATA_DIR=/srv/app), and its mode is theirs to choose.
 */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Makes `file` readable by the owner only, creating it empty when it does not exist yet (so SQLite opens a file
 * that was never readable by others, and gives its -wal and -shm files the same mode). Also tightens a file an
 * older version left readable by everyone.
 */
export function privateFile(file: string): void {
  fs.closeSync(fs.openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch {
      // not there (yet)
    }
  }
}
