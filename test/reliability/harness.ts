// Shared by the reliability suite and the benchmarks: start the production build on its own data directory
// with the embedded emulator (seeded with N threads), talk to it over HTTP, stop or kill it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sessionCookie } from "../session";

const ROOT = path.resolve(__dirname, "..", "..");
const EMULATOR_TOKEN = "demo-ad5f0c9e4b7d2a1f88.emulator.local";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The machine's load average (1, 5 and 15 minutes) against its cores: what tells a slow moment from a bug. */
export function machineLoad(): string {
  return `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} on ${os.cpus().length} cores`;
}

/** `check(ok, what)` prints one line of a script's verdict; `failed()` says whether any was false. */
export function checker() {
  let failed = false;
  const check = (ok: boolean, what: string) => {
    console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
    if (!ok) failed = true;
  };
  return Object.assign(check, { failed: () => failed });
}

/** `--name value` flags over defaults (numbers only). */
export function parseArgs<T extends Record<string, number>>(defaults: T): T {
  const out = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, "");
    if (key in out) (out as Record<string, number>)[key] = Number(argv[++i]);
  }
  return out;
}

/** Builds the app when there is no build or a source changed since. */
function ensureBuild(): void {
  const stale = spawnSync(process.execPath, ["-e", "import('./scripts/lib.mjs').then((m) => process.exit(m.buildIsStale() ? 1 : 0))"], { cwd: ROOT });
  if (stale.status === 0) return;
  console.log("  … building the app");
  if (spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit" }).status !== 0) throw new Error("build failed");
}

export interface App {
  base: string;
  dataDir: string;
  secret: string;
  pid(): number;
  /** Calls an /api route with a session cookie; throws on a non-2xx answer. */
  api(cookie: string, method: string, path: string, body?: unknown): Promise<unknown>;
  /** Calls the emulator (Toloka API or control) with its token; throws on a non-2xx answer. */
  emu(method: string, path: string, body?: unknown): Promise<unknown>;
  rssMb(): number;
  /** A session cookie for a team member (`demo-sender`, ...), as a sign-in would set it. */
  cookie(sub: string): Promise<string>;
  /** Starts the server again on the same data directory (after kill()). */
  restart(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export async function startApp(opts: {
  port: number;
  threads?: number;
  tolokers?: number;
  env?: Record<string, string>;
  keepData?: boolean;
  nodeOptions?: string;
}): Promise<App> {
  ensureBuild();
  console.log(`  machine at the start: ${machineLoad()}`);
  const base = `http://127.0.0.1:${opts.port}`;
  // A server left over from an earlier run would answer in place of this one (with another data directory).
  if (
    await fetch(`${base}/sign-in`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${opts.port} is already in use (a server left from an earlier run?)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tm-rel-"));
  if (opts.threads || opts.tolokers) {
    console.log(`  … seeding the emulator: ${opts.tolokers ?? 2000} Tolokers, ${(opts.threads ?? 0).toLocaleString("en")} extra threads`);
    const seed = spawnSync(
      "npx",
      [
        "tsx",
        "scripts/seed.ts",
        "--threads",
        String(opts.threads ?? 0),
        "--data-dir",
        dataDir,
        ...(opts.tolokers ? ["--tolokers", String(opts.tolokers)] : []),
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr}`);
    const summary = seed.stdout.trim().split("\n").pop();
    if (summary) console.log(`    ${summary}`);
  }
  let server: ChildProcess | null = null;

  async function launch() {
    server = spawn(
      process.execPath,
      [...(opts.nodeOptions ? opts.nodeOptions.split(" ") : []), "node_modules/next/dist/bin/next", "start", "-p", String(opts.port)],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          PORT: String(opts.port),
          EMULATOR_LIVENESS: "off",
          // Variety mode (lib/emulator/README.md): the app meets every shape Toloka's docs allow.
          EMULATOR_VARIETY: "on",
          NEXT_TELEMETRY_DISABLED: "1",
          ...opts.env,
        },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    server.stderr?.on("data", (d: Buffer) => {
      const text = d.toString();
      if (!text.includes("NEXTAUTH_URL") && !text.includes("next-auth.js.org")) process.stderr.write(`    [server] ${text}`);
    });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/sign-in`)).status < 500) return;
      } catch {
        // not listening yet
      }
      if (i > 480) throw new Error("the server did not start");
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await launch();
  const secret = fs.readFileSync(path.join(dataDir, "nextauth-secret"), "utf8").trim();

  async function call(headers: Record<string, string>, method: string, p: string, body?: unknown) {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  }

  async function kill(signal: NodeJS.Signals = "SIGKILL") {
    const s = server;
    if (!s || s.exitCode !== null) return;
    const exited = new Promise((r) => s.once("exit", r));
    s.kill(signal);
    await exited;
  }

  return {
    base,
    dataDir,
    secret,
    pid: () => server!.pid!,
    api: (cookie, method, p, body) => call({ cookie }, method, p, body),
    emu: (method, p, body) => call({ Authorization: `ApiKey ${EMULATOR_TOKEN}` }, method, p, body),
    cookie: (sub) => sessionCookie(sub, secret),
    rssMb() {
      const out = spawnSync("ps", ["-o", "rss=", "--ppid", String(server!.pid), "-p", String(server!.pid)], { encoding: "utf8" }).stdout;
      return Math.round(
        out
          .split("\n")
          .filter(Boolean)
          .reduce((a, l) => a + Number(l.trim()), 0) / 1024,
      );
    },
    restart: launch,
    kill,
    async stop() {
      console.log(`  machine at the end: ${machineLoad()}`);
      await kill("SIGTERM");
      if (!opts.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Who a send reached, from the emulator's own records: the deliveries since `since` in the OUTBOX threads
 * with `topic`, counted per Toloker against the `tolokers` it was meant for.
 */
export async function deliveriesOfSend(
  app: App,
  send: { since: string; topic: string; tolokers: string[] },
): Promise<{ reached: number; threads: number; twice: number; missing: number }> {
  const deliveries = (
    (await app.emu("GET", `/emulator/control/recipients?since=${encodeURIComponent(send.since)}`)) as { items: { thread_id: string; toloker_id: string }[] }
  ).items;
  const outbox = (await app.emu("GET", `/emulator/api/v1/message-threads?folder=OUTBOX&created_gte=${send.since.slice(0, 19)}&limit=300`)) as {
    items: { id: string; topic: Record<string, string> }[];
  };
  const threads = new Set(outbox.items.filter((t) => t.topic.EN === send.topic).map((t) => t.id));
  const perToloker = new Map<string, number>();
  for (const d of deliveries) if (threads.has(d.thread_id)) perToloker.set(d.toloker_id, (perToloker.get(d.toloker_id) ?? 0) + 1);
  return {
    reached: perToloker.size,
    threads: threads.size,
    twice: [...perToloker.values()].filter((n) => n > 1).length,
    missing: send.tolokers.filter((id) => !perToloker.has(id)).length,
  };
}
