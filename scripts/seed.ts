// `npx tsx scripts/seed.ts --threads 100000 [--data-dir ./data] [--reset]` (or `npm run seed -- ...`):
// fills the embedded emulator's store with benchmark threads, after the demo world when the store is empty.
//
// The emulator's modules start with `import "server-only"`, which throws unless the `react-server` export
// condition is active (Next sets it for server code). So the script re-runs itself under
// `--conditions=react-server` when started without it; under that condition `server-only` resolves to an
// empty module. It reads no environment: the store path comes from --data-dir, as DATA_DIR does for the app.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const USAGE = `Usage: npx tsx scripts/seed.ts --threads <N> [--data-dir ./data] [--reset]

  --threads N      generated threads to add (about 4.5 messages each, spread over the past year)
  --data-dir DIR   the app's data directory; the store is DIR/emulator.sqlite (default ./data)
  --reset          delete the store first (it holds only emulator data), then seed the demo world again
  --tolokers N     how many Tolokers a new store's demo world has (default 2,000)

An empty store gets the demo world (Tolokers, skills, 300 threads) before the N threads.
Stop the app first, or restart it afterwards: a running emulator keeps serving, but its Tolokers cache is stale.`;

interface Args {
  threads: number;
  tolokers?: number;
  dataDir: string;
  reset: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { threads: NaN, dataDir: "./data", reset: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--threads") args.threads = Number(value());
    else if (flag === "--data-dir") args.dataDir = value() ?? "";
    else if (flag === "--reset") args.reset = true;
    else if (flag === "--tolokers") args.tolokers = Number(value());
    else if (flag === "--help" || flag === "-h") return USAGE;
    else return `Unknown argument: ${argv[i]}\n\n${USAGE}`;
  }
  if (!Number.isInteger(args.threads) || args.threads < 0) return `--threads must be a whole number >= 0\n\n${USAGE}`;
  if (!args.dataDir) return `--data-dir needs a directory\n\n${USAGE}`;
  if (args.tolokers !== undefined && (!Number.isInteger(args.tolokers) || args.tolokers < 1)) return `--tolokers must be a whole number >= 1\n\n${USAGE}`;
  return args;
}

function underReactServerCondition(): boolean {
  const flags = process.execArgv.join(" ");
  return /(--conditions[= ]|-C[= ]?)react-server/.test(flags);
}

function mib(file: string): string {
  const size = [file, `${file}-wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
  return `${(size / 1024 / 1024).toFixed(1)} MiB`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === "string") {
    console.log(args);
    return args === USAGE ? 0 : 2;
  }
  if (!underReactServerCondition()) {
    const child = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], {
      stdio: "inherit",
    });
    return child.status ?? 1;
  }

  const dbPath = path.resolve(args.dataDir, "emulator.sqlite");
  if (args.reset) {
    for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
    console.log(`Deleted ${dbPath}`);
  }
  const fresh = !fs.existsSync(dbPath);
  const started = performance.now();
  const { createEmulator } = await import("../lib/emulator/emulator");
  const emulator = createEmulator({
    dbPath,
    token: "seed-script",
    seed: true,
    liveness: false,
    seedOptions: args.tolokers ? { tolokerCount: args.tolokers } : undefined,
  });
  try {
    const before = emulator.store.counts();
    console.log(
      `Store ${dbPath}: ${before.threads.toLocaleString("en-US")} threads, ${before.tolokers.toLocaleString("en-US")} Tolokers` +
        ` (${fresh ? "created with the demo world" : "opened"} in ${Math.round(performance.now() - started)} ms)`,
    );
    if (args.threads > 0) {
      let last = 0;
      const result = emulator.seedBulk(args.threads, (inserted) => {
        // A line every ~10%, so a long run shows it is alive without flooding the terminal.
        if (inserted - last >= Math.max(1, Math.floor(args.threads / 10)) || inserted === args.threads) {
          last = inserted;
          console.log(`  ${inserted.toLocaleString("en-US")} / ${args.threads.toLocaleString("en-US")} threads`);
        }
      });
      const perSecond = Math.round(result.inserted / Math.max(result.ms / 1000, 0.001));
      console.log(`Added ${result.inserted.toLocaleString("en-US")} threads in ${(result.ms / 1000).toFixed(1)} s (${perSecond.toLocaleString("en-US")}/s)`);
    }
    const after = emulator.store.counts();
    console.log(
      `Now: ${after.threads.toLocaleString("en-US")} threads, ${after.messages.toLocaleString("en-US")} messages, ` +
        `${after.recipients.toLocaleString("en-US")} deliveries, ${after.tolokers.toLocaleString("en-US")} Tolokers; ` +
        `${mib(dbPath)}; total ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    emulator.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
