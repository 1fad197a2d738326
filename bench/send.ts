// `npm run bench -- send` (options: `npx tsx bench/send.ts [--ids 10000] [--timeout-ms 5000] [--runs 3]`): a send to 10,000 Toloker ids (100 batches) through the
// app's HTTP routes, against the embedded emulator with 10% of compose calls failing with 500 and 5% timing out
// after Toloka made the thread. Prints the wall time, then checks in the emulator (GET /emulator/control/recipients)
// that each of the 10,000 received the message exactly once and nobody else did. The same send without faults
// follows, for comparison.
//
// The demo world has 2,000 Tolokers; the emulator is seeded here with more (`--tolokers`), then the production
// build is started on it (emulator mode, liveness off, Toloka's 300 requests/second quota enforced), by the
// reliability suite's harness. TOLOKA_TIMEOUT_MS is the client's timeout, so it decides what a timeout costs:
// 5 s by default here, 15 s is the app's default.
import { startApp } from "../test/reliability/harness";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

type Job = {
  id: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  send?: { batches: { seq: number; status: string; threadId?: string; calls?: number; recovered?: boolean; error?: string }[] };
};

async function main() {
  const count = arg("--ids", 10_000);
  const timeoutMs = arg("--timeout-ms", 5_000);
  const runs = arg("--runs", 3);
  const app = await startApp({ port: 3260, tolokers: count + 500, env: { TOLOKA_TIMEOUT_MS: String(timeoutMs), EMULATOR_VARIETY: "on" } });
  try {
    const cookie = await app.cookie("demo-sender");
    const emu = <T>(method: string, p: string, body?: unknown) => app.emu(method, p, body) as Promise<T>;
    const api = <T>(method: string, p: string, body?: unknown) => app.api(cookie, method, p, body) as Promise<T>;

    const ids = (await emu<{ items: { id: string }[] }>("GET", `/emulator/control/tolokers?limit=${count}`)).items.map((t) => t.id);
    if (ids.length < count) throw new Error(`only ${ids.length} Tolokers`);
    await api("GET", "/api/compose/status"); // the first sync, outside the timing

    const send = async (label: string, faults: unknown[]) => {
      await emu("PUT", "/emulator/control/faults", faults);
      await emu("POST", "/emulator/control/stats/reset");
      const since = new Date(Date.now() - 1000).toISOString().slice(0, 23);
      const t0 = performance.now();
      const started = await api<Job>("POST", "/api/compose/send", {
        topic: { EN: `Bench ${label}` },
        text: { EN: `A message to ${count} Tolokers (${label}).` },
        recipients: { type: "DIRECT", ids },
        acknowledge: ["many-recipients"],
      });
      let job = started;
      while (job.status !== "done" && job.status !== "failed") {
        await new Promise((r) => setTimeout(r, 200));
        job = await api<Job>("GET", `/api/jobs/${started.id}`);
      }
      const wallS = (performance.now() - t0) / 1000;
      const stats = await emu<{ requests: Record<string, number>; statuses: Record<string, number> }>("GET", "/emulator/control/stats");
      const rules = (await emu<{ rules: { kind: string; fired: number }[] }>("GET", "/emulator/control/faults")).rules;
      await emu("DELETE", "/emulator/control/faults");

      // Ground truth: who the emulator delivered to since the send began.
      const deliveries = (await emu<{ items: { thread_id: string; toloker_id: string }[] }>("GET", `/emulator/control/recipients?since=${since}`)).items;
      const times = new Map<string, number>();
      for (const d of deliveries) times.set(d.toloker_id, (times.get(d.toloker_id) ?? 0) + 1);
      const want = new Set(ids);
      const twice = [...times.values()].filter((n) => n > 1).length;
      const missing = ids.filter((id) => !times.has(id)).length;
      const strangers = [...times.keys()].filter((id) => !want.has(id)).length;
      const threads = new Set(deliveries.map((d) => d.thread_id));
      const batches = job.send?.batches ?? [];
      const exact = job.failed === 0 && twice === 0 && missing === 0 && strangers === 0 && times.size === count && threads.size === batches.length;

      console.log(`\n${label}: ${count.toLocaleString("en")} ids, ${job.total} batches`);
      console.log(`  wall time ${wallS.toFixed(1)} s (POST /api/compose/send to the job done; client timeout ${timeoutMs} ms)`);
      console.log(
        `  job: ${job.done} batches done, ${job.failed} failed; ${batches.filter((b) => b.recovered).length} recovered from OUTBOX after an unclear answer`,
      );
      console.log(
        `  Toloka: ${stats.requests.compose ?? 0} compose calls, ${stats.requests.list ?? 0} list calls (settling, and the background sync), ` +
          `faults fired: ${rules.map((r) => `${r.fired} ${r.kind}`).join(", ") || "none"}; ${stats.statuses["429"] ?? 0} answered 429`,
      );
      console.log(
        `  emulator check: ${times.size.toLocaleString("en")} Tolokers received it in ${threads.size} threads; ` +
          `${twice} twice or more, ${missing} missing, ${strangers} not on the list: ${exact ? "each exactly once" : "NOT EXACTLY ONCE"}`,
      );
      if (!exact) process.exitCode = 1;
      return wallS;
    };

    // Faults are drawn at random per call, so the wall time varies with how many timeouts a run gets: several runs.
    const walls: number[] = [];
    for (let run = 1; run <= runs; run++) {
      walls.push(
        await send(`with faults, run ${run} of ${runs}`, [
          { endpoint: "compose", kind: "500", rate: 0.1 },
          // Rules are tried in order and the first that fires decides: 5% of all calls is 0.05 / 0.9 of those left.
          { endpoint: "compose", kind: "timeout", after_write: true, rate: 0.05 / 0.9, hang_ms: timeoutMs + 5_000 },
        ]),
      );
    }
    const clean = await send("without faults", []);
    const sorted = [...walls].sort((a, b) => a - b);
    console.log(
      `
Summary: ${count.toLocaleString("en")} ids with faults: median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} s ` +
        `(runs: ${walls.map((w) => w.toFixed(1)).join(", ")} s); without faults ${clean.toFixed(1)} s; client timeout ${timeoutMs} ms; ` +
        `${process.exitCode ? "NOT exactly once in some run" : "every run exactly once"}`,
    );
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
