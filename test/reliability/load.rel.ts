// Load: 50 concurrent signed-in clients mixing list, search and open-thread for 60 s against a mirror of
// 100,000 threads, through the app's HTTP routes. Prints p50/p95/p99 and fails on any error or a p95 over
// 100 ms. Run by `npm run test:reliability` (or alone: `npx tsx test/reliability/load.rel.ts [--seconds 60]`).
import { encode } from "next-auth/jwt";
import { parseArgs, percentile, startApp, type App } from "./harness";

const args = parseArgs({ seconds: 60, clients: 50, threads: 100_000 });
const WORDS = ["task", "payment", "bonus", "instructions", "rejected", "thank", "pool", "account", "blocked", "project", '"thank you"', "help", "paym", "задание", "görev"];
const TABS = ["inbox", "sent", "users", "administrator", "notifications", "important"];

async function main() {
  const app: App = await startApp({ port: 3252, threads: args.threads });
  try {
    const cookies = await Promise.all(
      Array.from({ length: args.clients }, async (_, i) => {
        const sub = ["demo-viewer", "demo-sender", "demo-admin"][i % 3];
        return `next-auth.session-token=${await encode({ token: { sub, sv: 1, at: Math.floor(Date.now() / 1000) }, secret: app.secret })}`;
      }),
    );
    const first = (await app.api(cookies[0], "POST", "/api/sync?mode=full")) as { threads: number };
    const sample = (await app.api(cookies[0], "GET", "/api/threads?tab=users&limit=200")) as { items: { id: string; otherParty: { kind: string; id?: string } }[] };
    const ids = sample.items.map((t) => t.id);
    const tolokers = sample.items.flatMap((t) => (t.otherParty.kind === "toloker" ? [t.otherParty.id!] : []));
    console.log(`Load: ${args.clients} clients for ${args.seconds} s against ${first.threads.toLocaleString("en")} threads`);

    const latencies: Record<string, number[]> = { list: [], search: [], open: [] };
    const errors: string[] = [];
    const until = Date.now() + args.seconds * 1000;
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
    await Promise.all(
      cookies.map(async (cookie) => {
        let cursor: string | undefined;
        while (Date.now() < until) {
          const r = Math.random();
          const kind = r < 0.45 ? "list" : r < 0.75 ? "search" : "open";
          let url: string;
          if (kind === "list") {
            url = `/api/threads?tab=${pick(TABS)}&limit=50${cursor && Math.random() < 0.5 ? `&cursor=${cursor}` : ""}`;
          } else if (kind === "search") {
            const q = Math.random() < 0.3 ? pick(tolokers) : pick(WORDS);
            url = `/api/threads?tab=inbox&scope=${Math.random() < 0.5 ? "all" : "tab"}&typing=${Math.random() < 0.5 ? 1 : 0}&q=${encodeURIComponent(q)}`;
          } else {
            url = `/api/threads/${pick(ids)}`;
          }
          const started = performance.now();
          try {
            const res = await fetch(`${app.base}${url}`, { headers: { cookie } });
            const body = (await res.json()) as { nextCursor?: string };
            if (!res.ok) errors.push(`${res.status} ${url}`);
            else if (kind === "list") cursor = body.nextCursor;
          } catch (e) {
            errors.push(`${url}: ${e instanceof Error ? e.message : String(e)}`);
          }
          latencies[kind].push(performance.now() - started);
        }
      }),
    );
    const all = Object.values(latencies).flat().sort((a, b) => a - b);
    for (const [kind, xs] of Object.entries(latencies)) {
      xs.sort((a, b) => a - b);
      console.log(`  ${kind.padEnd(7)} ${String(xs.length).padStart(6)} requests  p50 ${percentile(xs, 50).toFixed(1)} ms  p95 ${percentile(xs, 95).toFixed(1)} ms  p99 ${percentile(xs, 99).toFixed(1)} ms`);
    }
    const p95 = percentile(all, 95);
    console.log(`  all     ${String(all.length).padStart(6)} requests (${Math.round(all.length / args.seconds)}/s)  p50 ${percentile(all, 50).toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  p99 ${percentile(all, 99).toFixed(1)} ms  errors ${errors.length}  (target: no errors, p95 <= 100 ms)`);
    console.log(`  server memory after the load: ${app.rssMb()} MB RSS`);
    if (errors.length) console.log(`  first errors: ${errors.slice(0, 5).join("; ")}`);
    process.exitCode = errors.length === 0 && p95 <= 100 ? 0 : 1;
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
