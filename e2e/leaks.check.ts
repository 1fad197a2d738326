import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_TOLOKA_TOKEN } from "./helpers";

/*
 * Runs after every other spec (the "leaks" project depends on them): the Toloka token the app held during
 * the run must appear nowhere a browser or an operator could read it: not in the built client files, not in
 * any response the app sent (bodies and headers, as e2e/fixtures.ts recorded them), not in the server log.
 */

const root = path.resolve(__dirname, "..");
const dataDir = process.env.E2E_DATA_DIR!;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const CHUNK = 32 * 1024 * 1024;

/**
 * Calls `found` with each offset of `needle` in the file and a little context before it, reading the file in
 * chunks (overlapping by the needle's length): a run's captures can be larger than the longest string Node makes.
 */
function scan(file: string, needle: Buffer, found: (before: string) => void): void {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(CHUNK + needle.length);
    let carry = 0;
    let offset = 0;
    for (;;) {
      const read = fs.readSync(fd, buf, carry, CHUNK, offset);
      if (read === 0) break;
      offset += read;
      const view = buf.subarray(0, carry + read);
      let at = view.indexOf(needle);
      while (at >= 0) {
        found(view.subarray(Math.max(0, at - 60), at).toString("latin1"));
        at = view.indexOf(needle, at + 1);
      }
      // Keep the last needle-length-1 bytes: a match across the chunk's end is found in the next one.
      carry = Math.min(needle.length - 1, view.length);
      view.copy(buf, 0, view.length - carry);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Where `needle` occurs in the files: path and a little context. */
function search(files: string[], needle: string): string[] {
  const hits: string[] = [];
  for (const file of files) scan(file, Buffer.from(needle, "utf8"), (before) => hits.push(`${path.relative(root, file)}: …${before}[TOKEN]…`));
  return hits;
}

/** How many times `needle` occurs in the files. */
function count(files: string[], needle: string): number {
  let n = 0;
  for (const file of files) scan(file, Buffer.from(needle, "utf8"), () => n++);
  return n;
}

test("the Toloka token is in no client file, no captured response and not in the server log", () => {
  const token = E2E_TOLOKA_TOKEN;
  // The search itself works: a planted copy is found.
  const planted = path.join(dataDir, "planted.txt");
  fs.writeFileSync(planted, `x ${token} y`);
  expect(search([planted], token)).toHaveLength(1);
  // Across a chunk's end too.
  fs.writeFileSync(planted, Buffer.concat([Buffer.alloc(CHUNK - 5, "x"), Buffer.from(token)]));
  expect(search([planted], token)).toHaveLength(1);
  fs.rmSync(planted);

  const clientFiles = filesUnder(path.join(root, ".next", "static"));
  expect(clientFiles.length, "the build's client files").toBeGreaterThan(10);
  const captures = filesUnder(path.join(dataDir, "captures"));
  // One JSON line per response.
  expect(count(captures, "\n"), "responses recorded during the run").toBeGreaterThan(100);
  // The run did show the key where it may be shown: masked, on the connection page's API.
  expect(count(captures, `••••${token.slice(-4)}`), "the masked key in a response").toBeGreaterThan(0);
  const serverLog = path.join(dataDir, "server.log");
  expect(fs.statSync(serverLog).size, "the server log").toBeGreaterThan(1000);

  const hits = [...search(clientFiles, token), ...search(captures, token), ...search([serverLog], token)];
  expect(hits, "places the token leaked to").toEqual([]);
});
