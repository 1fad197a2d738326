// `npm run bench [-- name ...]`: runs the benchmarks under bench/ one after another, each in its own
// process, and prints their figures. Without names it runs them all.
import { spawnSync } from "node:child_process";
import path from "node:path";

const BENCHES: Record<string, { file: string; args: string[]; what: string }> = {
  emulator: { file: "emulator-throughput.ts", args: [], what: "the emulator's list throughput (limit=300), default demo data" },
  scroll: { file: "inbox-scroll.ts", args: [], what: "the thread list in Chromium with 10,000 rows loaded: frame times and DOM rows" },
  mailbox: { file: "mailbox.ts", args: [], what: "sync, tab and search latency, mark all read, memory: 100,000 threads through the HTTP routes" },
};

const wanted = process.argv.slice(2);
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
  const res = spawnSync(tsx, [path.join(__dirname, bench.file), ...bench.args], { stdio: "inherit" });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
