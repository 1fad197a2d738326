// `npm run bench -- load [--seconds 60 --clients 50 --threads 100000 --think 300 --variety 1]`: the reliability suite's load
// (test/reliability/load-workload.ts) measured against its target. 50 signed-in clients work like fast people
// against a mirror of 100,000 threads and poll like the page; prints p50/p95/p99 per kind of request against the
// target p95 <= 100 ms, the same requests one at a time, and the stress figure (clients back to back). The embedded
// emulator runs in the app's process and varies Toloka's shapes (what the app must read); `--variety 0` turns that
// off, to tell the emulator's share of the CPU from the app's.
import { machineLoad, parseArgs, startApp } from "../test/reliability/harness";
import { p, prepareLoad, printFigures, runLoad, runOneAtATime } from "../test/reliability/load-workload";

const args = parseArgs({ seconds: 60, clients: 50, threads: 100_000, think: 300, stress: 1, variety: 1 });
const TARGET_P95_MS = 100;

async function main() {
  const app = await startApp({ port: 3256, threads: args.threads, env: { EMULATOR_VARIETY: args.variety ? "on" : "off" } });
  try {
    const setup = await prepareLoad(app, args.clients);
    console.log(
      `\nLoad: ${args.clients} clients for ${args.seconds} s against ${setup.threads.toLocaleString("en")} threads, emulator variety ${args.variety ? "on" : "off"}; ${machineLoad()}`,
    );
    const alone = await runOneAtATime(app, setup, 300);
    printFigures("the same requests one at a time (one client, no pauses)", alone);
    const team = await runLoad(app, setup, { seconds: args.seconds, think: args.think });
    printFigures(`${args.clients} clients working fast (${args.think} ms between actions on average) and polling like the page`, team);
    const met = p(team, 95) <= TARGET_P95_MS && team.errors.length === 0;
    console.log(
      `  target p95 <= ${TARGET_P95_MS} ms with no errors: ${met ? "met" : "NOT met"} (p95 ${p(team, 95).toFixed(1)} ms, ${team.errors.length} errors; ${(p(team, 95) / p(alone, 95)).toFixed(1)}x one at a time)`,
    );
    if (args.stress) {
      const stress = await runLoad(app, setup, { seconds: args.seconds, think: 0 });
      printFigures(`stress: ${args.clients} clients firing back to back (printed, not a target)`, stress);
    }
    console.log(`  server memory after the load: ${app.rssMb()} MB RSS; ${machineLoad()}`);
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
