// `npm run bench [-- name ...]`: runs the benchmarks under bench/ one after another, each in its own
// process, and prints their figures. Without names it runs them all.
import { spawnSync } from "node:child_process";
import path from "node:path";

const BENCHES: Record<string, { file: string; args: string[]; what: string }> = {
  emulator: { file: "emulator-throughput.ts", args: [], what: "the emulator's list throughput (limit=300), default demo data" },
  scroll: { file: "inbox-scroll.ts", args: [], what: "the thread list in Chromium with 10,000 rows loaded: frame times and DOM rows" },
  mailbox: { file: "mailbox.ts", args: [], what: "sync, tab and search latency, mark all read, memory: 100,000 threads through the HTTP routes" },
  load: {
    file: "load.ts",
    args: [],
    what: "50 clients working like people for 60 s against 100,000 threads: p50/p95/p99 against p95 <= 100 ms, and a stress figure",
  },
  send: {
    file: "send.ts",
    args: [],
    what: "a send to 10,000 ids (100 batches) with 10% 500s and 5% timeouts after the write, checked exactly once in the emulator",
  },
  panel: {
    file: "panel.ts",
    args: [],
    what: "time to a thread and to a filled Toloker panel (p50/p95), from Toloka and from the cache, with 0 and 50 ms on every Toloka call",
  },
  lighthouse: {
    file: "lighthouse.ts",
    args: [],
    what: "Lighthouse 12.2.3 on the Inbox as a sender, mobile and desktop presets, median of 3 (--runs N): score against mobile >= 0.9, desktop 1.0",
  },
};

// Names, then options passed on to each benchmark (`npm run bench -- lighthouse --runs 5`).
const argv = process.argv.slice(2);
const firstOption = argv.findIndex((a) => a.startsWith("--"));
const wanted = firstOption < 0 ? argv : argv.slice(0, firstOption);
const extra = firstOption < 0 ? [] : argv.slice(firstOption);
const names = wanted.length ? wanted : Object.keys(BENCHES);
let failed = 0;
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(BENCHES).join(", ")}`);
    process.exit(2);
  }
  console.log(`\n=== ${name}: ${bench.what}`);
  const tsx = path.join(__dirname, "..", "node_modules", ".bin", "tsx");
  const res = spawnSync(tsx, [path.join(__dirname, bench.file), ...bench.args, ...extra], { stdio: "inherit" });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
