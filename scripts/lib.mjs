// Shared by the demo and test scripts: plain Node, no dependencies, so they run right after a clone.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** Runs a command to completion with inherited output; returns its exit code. */
export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  return res.status ?? 1;
}

/** Starts a long-running command; resolves when it exits. */
export function start(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  return child;
}

/**
 * The emulator's variety mode from the command line: `--variety` turns it on, `--no-variety` off; without
 * either, EMULATOR_VARIETY from the environment decides (off when unset).
 */
export function varietyEnv(argv) {
  if (argv.includes("--no-variety")) return { EMULATOR_VARIETY: "off" };
  if (argv.includes("--variety")) return { EMULATOR_VARIETY: "on" };
  return {};
}

/** `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log("Installing dependencies (npm ci)…");
  const code = run("npm", ["ci", "--no-audit", "--no-fund"]);
  if (code !== 0) process.exit(code);
}

const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = ["next.config.js", "proxy.ts", "instrumentation.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** True when there is no production build or a source file changed since it was made. */
export function buildIsStale() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const newest = Math.max(...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d))), ...SOURCE_FILES.map((f) => newestMtime(path.join(root, f))));
  return newest > built;
}

export function build() {
  console.log("Building the app (next build)…");
  return run(process.execPath, [nextBin, "build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

/**
 * The fast static checks, one after another: the type check, Biome (lint and format check, as CI reads them) and
 * knip (no unused file, export or dependency).
 * Prints one line each; returns how many passed and failed.
 */
export function staticChecks(env = process.env) {
  const bin = (name) => path.join(root, "node_modules", ".bin", name);
  const steps = [
    ["typecheck", bin("tsc"), ["--noEmit", "-p", "."]],
    ["lint and format", bin("biome"), ["ci", "--error-on-warnings", "."]],
    ["unused files, exports and dependencies", bin("knip"), ["--no-progress"]],
  ];
  let passed = 0;
  let failed = 0;
  for (const [name, cmd, args] of steps) {
    const started = Date.now();
    const code = run(cmd, args, { env });
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    if (code === 0) passed++;
    else failed++;
    console.log(`${code === 0 ? "ok  " : "FAIL"} ${name} (${took})`);
  }
  return { passed, failed };
}

/**
 * Runs Vitest with `args` and its JSON report in `test-results/<name>.json`, and counts the tests from it. A run
 * that ended badly without a failing test (a crash, a failed import) counts as one failure, so no caller can print
 * "0 failed" over it; `reported` is false when there was no report to read.
 */
export function runVitest(args, name, { env = process.env, reporter = "default" } = {}) {
  const out = path.join(root, "test-results");
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `${name}.json`);
  fs.rmSync(file, { force: true });
  const code = run(
    path.join(root, "node_modules", ".bin", "vitest"),
    ["run", ...args, `--reporter=${reporter}`, "--reporter=json", `--outputFile.json=${file}`],
    { env },
  );
  let report = null;
  try {
    report = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    // No report: counted below.
  }
  const passed = report?.numPassedTests ?? 0;
  let failed = report?.numFailedTests ?? 0;
  if ((code !== 0 || !report) && failed === 0) failed = 1;
  const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  return { code, passed, failed, skipped, reported: report !== null };
}
