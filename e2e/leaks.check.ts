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

/** Where `needle` occurs in the files: path and a little context. */
function search(files: string[], needle: string): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file).toString("latin1");
    let at = text.indexOf(needle);
    while (at >= 0) {
      hits.push(`${path.relative(root, file)}: …${text.slice(Math.max(0, at - 60), at)}[TOKEN]…`);
      at = text.indexOf(needle, at + 1);
    }
  }
  return hits;
}

test("the Toloka token is in no client file, no captured response and not in the server log", () => {
  const token = E2E_TOLOKA_TOKEN;
  // The search itself works: a planted copy is found.
  const planted = path.join(dataDir, "planted.txt");
  fs.writeFileSync(planted, `x ${token} y`);
  expect(search([planted], token)).toHaveLength(1);
  fs.rmSync(planted);

  const clientFiles = filesUnder(path.join(root, ".next", "static"));
  expect(clientFiles.length, "the build's client files").toBeGreaterThan(10);
  const captures = filesUnder(path.join(dataDir, "captures"));
  const responses = captures.flatMap((f) => fs.readFileSync(f, "utf8").split("\n").filter(Boolean));
  expect(responses.length, "responses recorded during the run").toBeGreaterThan(100);
  // The run did show the key where it may be shown: masked, on the connection page's API.
  expect(responses.some((r) => r.includes(`••••${token.slice(-4)}`))).toBe(true);
  const serverLog = path.join(dataDir, "server.log");
  expect(fs.statSync(serverLog).size, "the server log").toBeGreaterThan(1000);

  const hits = [...search(clientFiles, token), ...search(captures, token), ...search([serverLog], token)];
  expect(hits, "places the token leaked to").toEqual([]);
});
