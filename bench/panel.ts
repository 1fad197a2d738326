// `npm run bench -- panel [--threads 100000] [--samples 200] [--latency 50]`: how soon a requester sees a thread
// and its Toloker panel. Starts the production build on the embedded emulator (the demo data plus N extra
// threads), syncs, then for Toloker threads measures, through the HTTP routes as the browser calls them:
// the thread (GET /api/threads/:id), the panel read from Toloka (refresh=1: five Toloka reads in parallel) and
// the panel from its cache, each with Toloka answering at once and with `--latency` ms on every Toloka call.
import { percentile, startApp } from "../test/reliability/harness";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(args[args.indexOf(`--${name}`) + 1] || 0) || fallback;
const threads = args.includes("--threads") ? option("threads", 0) : 100_000;
const samples = option("samples", 200);
const latency = option("latency", 50);

async function main() {
  const app = await startApp({ port: 3260, threads, env: { EMULATOR_VARIETY: "on" } });
  const { emu } = app;
  try {
    const cookie = await app.cookie("demo-admin");
    const api = (method: string, p: string) => app.api(cookie, method, p);
    await api("POST", "/api/sync?mode=full");
    const rows: Array<{ id: string; toloker: string; pool?: string }> = [];
    let cursor: string | undefined;
    while (rows.length < samples) {
      const page = (await api("GET", `/api/threads?tab=users&limit=200${cursor ? `&cursor=${cursor}` : ""}`)) as {
        items: { id: string; otherParty: { kind: string; id?: string }; meta: { poolId?: string } }[];
        nextCursor?: string;
      };
      for (const t of page.items) if (t.otherParty.kind === "toloker") rows.push({ id: t.id, toloker: t.otherParty.id!, pool: t.meta.poolId });
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const picked = rows.slice(0, samples);
    console.log(`\n${picked.length} Toloker threads, ${threads.toLocaleString("en")} extra threads in the account`);

    const time = async (p: string) => {
      const t0 = performance.now();
      await api("GET", p);
      return performance.now() - t0;
    };
    const report = (name: string, ms: number[]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      console.log(`  ${name.padEnd(44)} p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(6)} ms`);
    };
    for (const delay of [0, latency]) {
      if (delay) await emu("PUT", "/emulator/control/faults", [{ endpoint: "*", kind: "latency", latency_ms: delay }]);
      else await emu("DELETE", "/emulator/control/faults");
      const thread: number[] = [];
      const cold: number[] = [];
      const warm: number[] = [];
      for (const r of picked) {
        const pools = r.pool ? `&pools=${r.pool}` : "";
        thread.push(await time(`/api/threads/${r.id}`));
        cold.push(await time(`/api/tolokers/${r.toloker}?refresh=1${pools}`));
        warm.push(await time(`/api/tolokers/${r.toloker}?refresh=0${pools}`));
      }
      console.log(`\nToloka answering ${delay ? `after ${delay} ms` : "at once"}:`);
      report("time to the thread (GET /api/threads/:id)", thread);
      report("time to a filled panel, read from Toloka", cold);
      report("time to a filled panel, from the cache", warm);
    }
    console.log(`\nMemory: ${app.rssMb()} MB RSS (server with the embedded emulator)`);
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
