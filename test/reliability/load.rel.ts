// Load: 50 concurrent signed-in clients mixing list, search and open-thread for 60 s against a mirror of
// 100,000 threads, through the app's HTTP routes. Each client acts like a person working fast in the inbox: an
// action, a pause of `think` ms on average (0.5x to 1.5x), the next; and, like the page, it polls the unread
// counts, the top of its list and the sync status every 5 s. Prints p50/p95/p99 and fails on any error or a
// p95 over 100 ms. With `--think 0` the clients fire back to back instead (a stress figure, printed only).
// Run by `npm run test:reliability` (or alone: `npx tsx test/reliability/load.rel.ts [--seconds 60 --think 300]`).
import { encode } from "next-auth/jwt";
import { parseArgs, percentile, startApp, type App } from "./harness";

const args = parseArgs({ seconds: 60, clients: 50, threads: 100_000, think: 300, stress: 1 });
const WORDS = ["task", "payment", "bonus", "instructions", "rejected", "thank", "pool", "account", "blocked", "project", '"thank you"', "help", "paym", "задание", "görev"];
const TABS = ["inbox", "sent", "users", "administrator", "notifications", "important"];

async function main() {
  // LOAD_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under the load.
  const app: App = await startApp({ port: 3252, threads: args.threads, nodeOptions: process.env.LOAD_NODE_OPTIONS });
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

    const run = async (think: number) => {
      const latencies: Record<string, number[]> = { list: [], search: [], open: [], poll: [] };
      const errors: string[] = [];
      const until = Date.now() + args.seconds * 1000;
      const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
      const timed = async (kind: string, cookie: string, url: string): Promise<{ nextCursor?: string } | null> => {
        const started = performance.now();
        try {
          const res = await fetch(`${app.base}${url}`, { headers: { cookie } });
          const body = (await res.json()) as { nextCursor?: string };
          latencies[kind].push(performance.now() - started);
          if (!res.ok) errors.push(`${res.status} ${url}`);
          return res.ok ? body : null;
        } catch (e) {
          errors.push(`${url}: ${e instanceof Error ? e.message : String(e)}`);
          return null;
        }
      };
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      await Promise.all(
        cookies.map(async (cookie, n) => {
          let cursor: string | undefined;
          const tab = TABS[n % TABS.length];
          // The page's background polling, if the clients behave like people with the page open.
          const poller = think > 0
            ? (async () => {
                await sleep(Math.random() * 5000);
                while (Date.now() < until) {
                  await Promise.all([
                    timed("poll", cookie, "/api/threads/counts"),
                    timed("poll", cookie, `/api/threads?tab=${tab}&limit=20`),
                    timed("poll", cookie, "/api/sync"),
                  ]);
                  await sleep(5000);
                }
              })()
            : Promise.resolve();
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
            const body = await timed(kind, cookie, url);
            if (kind === "list") cursor = body?.nextCursor;
            if (think > 0) await sleep(think * (0.5 + Math.random()));
          }
          await poller;
        }),
      );
      const all = Object.values(latencies).flat().sort((a, b) => a - b);
      console.log(think > 0 ? `  ${args.clients} clients working fast (${think} ms between actions on average) and polling like the page:` : `  stress: ${args.clients} clients firing back to back (no pauses):`);
      for (const [kind, xs] of Object.entries(latencies)) {
        if (xs.length === 0) continue;
        xs.sort((a, b) => a - b);
        console.log(`    ${kind.padEnd(7)} ${String(xs.length).padStart(6)} requests  p50 ${percentile(xs, 50).toFixed(1)} ms  p95 ${percentile(xs, 95).toFixed(1)} ms  p99 ${percentile(xs, 99).toFixed(1)} ms`);
      }
      const p95 = percentile(all, 95);
      console.log(`    all     ${String(all.length).padStart(6)} requests (${Math.round(all.length / args.seconds)}/s)  p50 ${percentile(all, 50).toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  p99 ${percentile(all, 99).toFixed(1)} ms  errors ${errors.length}`);
      if (errors.length) console.log(`    first errors: ${errors.slice(0, 5).join("; ")}`);
      return { p95, errors: errors.length };
    };

    const team = await run(args.think);
    const ok = team.errors === 0 && team.p95 <= 100;
    console.log(`  ${ok ? "ok  " : "FAIL"} no errors and p95 <= 100 ms (p95 ${team.p95.toFixed(1)} ms, ${team.errors} errors)`);
    if (args.stress) {
      const stress = await run(0);
      console.log(`  (stress: p95 ${stress.p95.toFixed(1)} ms, ${stress.errors} errors; printed, not a target)`);
    }
    console.log(`  server memory after the load: ${app.rssMb()} MB RSS`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
