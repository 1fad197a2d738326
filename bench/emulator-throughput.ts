// `npx tsx bench/emulator-throughput.ts [--threads N] [--db path] [--seconds 5] [--concurrency 1,8] [--query ...]`
// Requests per second of the emulator's list endpoint over real HTTP (startEmulatorServer), one sequential
// client and several concurrent ones. The server runs in a child process so the client's own work does not
// share its event loop. The 300 requests/second quota is lifted for the run (it would cap every figure at 300).
//
// Like scripts/seed.ts, it re-runs itself under `--conditions=react-server` so `server-only` imports load.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

const TOKEN = "bench-token-0123456789";

interface Args {
  threads: number;
  db?: string;
  seconds: number;
  concurrency: number[];
  query: string;
  serve: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { threads: 0, seconds: 5, concurrency: [1, 8], query: "folder=INBOX&limit=300", serve: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--threads") args.threads = Number(argv[++i]);
    else if (flag === "--db") args.db = argv[++i];
    else if (flag === "--seconds") args.seconds = Number(argv[++i]);
    else if (flag === "--concurrency") args.concurrency = argv[++i].split(",").map(Number);
    else if (flag === "--query") args.query = argv[++i];
    else if (flag === "--serve") args.serve = true;
    else throw new Error(`Unknown argument ${flag}`);
  }
  return args;
}

/** Child: start the server on the store and print its URL. */
async function serve(args: Args) {
  const { startEmulatorServer } = await import("../lib/emulator/node-server");
  const dbPath = args.db ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emulator-bench-")), "emulator.sqlite");
  // Variety mode on, as in the tests: its per-response variation is part of what is measured.
  const server = await startEmulatorServer({ dbPath, token: TOKEN, seed: true, variety: true, limits: { requestsPerSecond: 0 } });
  if (args.threads > 0) server.emulator.seedBulk(args.threads);
  console.log(JSON.stringify({ url: server.url, counts: server.emulator.store.counts() }));
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
}

async function run(url: string, query: string, concurrency: number, seconds: number, quiet = false) {
  const target = `${url}/message-threads?${query}`;
  const headers = { authorization: `ApiKey ${TOKEN}` };
  const deadline = performance.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  let bytes = 0;
  let items = 0;
  const latencies: number[] = [];
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const res = await fetch(target, { headers });
      // Bytes, not text: decoding 200-500 KiB of UTF-8 per page would measure the client, not the server.
      const body = new Uint8Array(await res.arrayBuffer());
      latencies.push(performance.now() - started);
      if (res.status === 200) {
        ok++;
        bytes += body.byteLength;
        if (items === 0) items = (JSON.parse(new TextDecoder().decode(body)) as { items: unknown[] }).items.length;
      } else failed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  if (quiet) return;
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  console.log(
    `concurrency ${String(concurrency).padStart(2)}: ${Math.round(ok / elapsed)
      .toLocaleString("en-US")
      .padStart(6)} req/s` + `  (${items} threads, ${(bytes / ok / 1024).toFixed(0)} KiB a page; p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms; ${failed} non-200)`,
  );
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!/--conditions[= ]react-server/.test(process.execArgv.join(" "))) {
    const child = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], {
      stdio: "inherit",
    });
    process.exit(child.status ?? 1);
  }
  if (args.serve) return serve(args);

  const child = spawn(process.execPath, [...process.execArgv, process.argv[1], ...process.argv.slice(2), "--serve"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  const { url, counts } = JSON.parse(first) as { url: string; counts: Record<string, number> };
  console.log(
    `GET /message-threads?${args.query} against ${counts.threads.toLocaleString("en-US")} threads / ${counts.messages.toLocaleString("en-US")} messages, ${args.seconds} s each`,
  );
  try {
    await run(url, args.query, 1, 1, true); // warm-up: statement cache, page cache, JIT
    for (const c of args.concurrency) await run(url, args.query, c, args.seconds);
  } finally {
    child.kill("SIGTERM");
  }
}

void main();
