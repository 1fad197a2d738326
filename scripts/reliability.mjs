// `npm run test:reliability [-- --short] [--scripts-only]`: the reliability suite, with its figures printed.
// Data safety and hostile input (Vitest), then restarts, load and faults (each starts the production build on
// its own emulator). `--short` runs smaller versions of the scripts; `--scripts-only` leaves out the Vitest part
// (npm test runs the scripts that way, after its own Vitest run). Ends with `N passed, M failed`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, buildIsStale, ensureDependencies, root, run, runVitest } from "./lib.mjs";

const short = process.argv.includes("--short");
const scriptsOnly = process.argv.includes("--scripts-only");
ensureDependencies();
if (buildIsStale() && build() !== 0) process.exit(1);

const bin = (name) => path.join(root, "node_modules", ".bin", name);
const out = path.join(root, "test-results");
fs.mkdirSync(out, { recursive: true });
let passed = 0;
let failed = 0;

if (!scriptsOnly) {
  const vitest = runVitest(["test/reliability"], "reliability-vitest");
  passed += vitest.passed;
  failed += vitest.failed;
}

const SCRIPTS = short
  ? [
      ["restarts", ["--ids", "2000", "--unread", "1000"]],
      ["load", ["--seconds", "15", "--clients", "50", "--threads", "20000", "--stress", "0"]],
      ["faults", ["--replies", "10", "--flags", "40", "--unread", "200", "--ids", "1200"]],
    ]
  : [
      ["restarts", []],
      ["load", []],
      ["faults", []],
    ];
// The scripts check behaviour (nothing lost, duplicated or left unfinished, no errors) and print their latencies;
// the latency targets are the benchmarks' (`npm run bench`). A failure names the machine's load around it, so a
// slow moment can be told from a bug.
const machineLoad = () =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} on ${os.cpus().length} cores`;
for (const [name, args] of SCRIPTS) {
  console.log(`\n=== reliability: ${name}${args.length ? ` ${args.join(" ")}` : ""}`);
  const before = machineLoad();
  const started = Date.now();
  const code = run(bin("tsx"), [path.join(root, "test", "reliability", `${name}.rel.ts`), ...args]);
  const took = `${((Date.now() - started) / 1000).toFixed(0)} s`;
  if (code === 0) {
    passed++;
    console.log(`=== reliability: ${name} passed in ${took}`);
  } else {
    failed++;
    console.log(`=== reliability: ${name} FAILED (exit ${code}) after ${took}; the machine: ${before} at the start, ${machineLoad()} at the end`);
  }
}
fs.writeFileSync(path.join(out, "reliability.json"), JSON.stringify({ passed, failed }));
console.log(`\nReliability: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
