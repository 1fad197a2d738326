// Restarts: kill the server (SIGKILL) in the middle of a send to 10,000 ids and of a mark-all-read of 5,000
// threads, start it again on the same data: both jobs finish, each Toloker messaged exactly once and every
// thread marked read. Run by `npm run test:reliability` (or alone: `npx tsx test/reliability/restarts.rel.ts`).
import { checker, deliveriesOfSend, parseArgs, startApp } from "./harness";

const args = parseArgs({ ids: 10_000, unread: 5_000 });

type Job = { id: string; status: string; total: number; done: number; failed: number };

async function main() {
  const app = await startApp({ port: 3254, tolokers: args.ids + 500, threads: Math.ceil(args.unread * 1.6), env: { TOLOKA_TIMEOUT_MS: "5000" } });
  const check = checker();
  try {
    const cookie = await app.cookie("demo-sender");
    const tolokers = ((await app.emu("GET", `/emulator/control/tolokers?limit=${args.ids}`)) as { items: { id: string }[] }).items.map((t) => t.id);
    if (tolokers.length < args.ids) throw new Error(`the emulator has only ${tolokers.length} Tolokers`);

    // 5,000 unread INBOX threads: mark read what is unread, then exactly 5,000 unread.
    await app.emu("PUT", "/emulator/control/limits", { requests_per_second: 0 });
    const inbox: string[] = [];
    for (let idGt = ""; inbox.length < args.unread; ) {
      const page = (await app.emu("GET", `/emulator/api/v1/message-threads?folder=INBOX&sort=id&limit=300${idGt ? `&id_gt=${idGt}` : ""}`)) as {
        items: { id: string; folders: string[] }[];
        has_more: boolean;
      };
      inbox.push(...page.items.map((t) => t.id));
      if (!page.has_more) break;
      idGt = page.items[page.items.length - 1].id;
    }
    const target = inbox.slice(0, args.unread);
    const unreadNow = ((await app.emu("GET", "/emulator/api/v1/message-threads?folder=UNREAD&limit=300")) as { items: { id: string }[] }).items;
    for (const t of unreadNow) await app.emu("POST", `/emulator/api/v1/message-threads/${t.id}/remove-from-folders`, { folders: ["UNREAD"] });
    for (let i = 0; i < target.length; i += 50) {
      await Promise.all(target.slice(i, i + 50).map((id) => app.emu("POST", `/emulator/api/v1/message-threads/${id}/add-to-folders`, { folders: ["UNREAD"] })));
    }
    await app.emu("PUT", "/emulator/control/limits", { requests_per_second: 300 });
    await app.api(cookie, "POST", "/api/sync?mode=full");
    const counts = (await app.api(cookie, "GET", "/api/threads/counts")) as { inbox: number };
    console.log(
      `Restarts: a send to ${tolokers.length.toLocaleString("en")} ids and mark all read of ${counts.inbox.toLocaleString("en")} threads, killed mid-way`,
    );

    // Slow Toloka down so both jobs are mid-way when the server dies.
    await app.emu("PUT", "/emulator/control/faults", [
      { endpoint: "compose", kind: "latency", latency_ms: 1500 },
      { endpoint: "remove-from-folders", kind: "latency", latency_ms: 100 },
    ]);
    const sentSince = new Date().toISOString();
    const topic = `Restart test ${Date.now().toString(36)}`;
    const send = (await app.api(cookie, "POST", "/api/compose/send", {
      topic: { EN: topic },
      text: { EN: "A new pool is open for you." },
      recipients: { type: "DIRECT", ids: tolokers },
      acknowledge: ["many-recipients"],
    })) as Job;
    const mark = (await app.api(cookie, "POST", "/api/mark-all-read", { scope: "inbox" })) as Job;
    // Kill once both have made progress, however long that takes on this machine: then each is mid-way.
    const progress = async () => ({
      send: (await app.api(cookie, "GET", `/api/jobs/${send.id}`)) as Job,
      mark: (await app.api(cookie, "GET", `/api/jobs/${mark.id}`)) as Job,
    });
    const startedAt = Date.now();
    let before = await progress();
    while (before.send.done === 0 || before.mark.done === 0) {
      if (Date.now() - startedAt > 300_000) throw new Error(`no progress in 5 minutes: send ${before.send.done}, mark all read ${before.mark.done}`);
      await new Promise((r) => setTimeout(r, 200));
      before = await progress();
    }
    await app.kill("SIGKILL");
    console.log(`  killed with the send at ${before.send.done}/${before.send.total} batches and mark-all-read at ${before.mark.done}/${before.mark.total}`);
    check(before.send.done < before.send.total && before.mark.done < before.mark.total, "both jobs were cut off mid-way");

    const restartedAt = Date.now();
    await app.restart();
    const wait = async (id: string): Promise<Job> => {
      for (;;) {
        const j = (await app.api(cookie, "GET", `/api/jobs/${id}`)) as Job;
        if (j.status === "done" || j.status === "failed") return j;
        // A bound only a job that never ends reaches (it takes about 20 s here).
        if (Date.now() - restartedAt > 600_000) throw new Error(`job ${id} did not finish within 10 minutes of the restart`);
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    const [sendAfter, markAfter] = await Promise.all([wait(send.id), wait(mark.id)]);
    console.log(`  after the restart both finished in ${((Date.now() - restartedAt) / 1000).toFixed(1)} s`);
    check(sendAfter.done === sendAfter.total && sendAfter.failed === 0, `send: ${sendAfter.done}/${sendAfter.total} batches done, ${sendAfter.failed} failed`);
    check(markAfter.done === markAfter.total && markAfter.failed === 0, `mark all read: ${markAfter.done}/${markAfter.total} done, ${markAfter.failed} failed`);

    const { reached, threads, twice, missing } = await deliveriesOfSend(app, { since: sentSince, topic, tolokers });
    check(
      twice === 0 && missing === 0 && reached === args.ids,
      `send: ${reached.toLocaleString("en")} Tolokers reached in ${threads} threads; ${twice} twice, ${missing} missing`,
    );

    const stillUnread = ((await app.emu("GET", "/emulator/api/v1/message-threads?folder=UNREAD&limit=300")) as { items: { folders: string[] }[] }).items.filter(
      (t) => t.folders.includes("INBOX"),
    ).length;
    check(stillUnread === 0, `mark all read: ${stillUnread} INBOX threads still unread in the emulator`);
  } finally {
    await app.stop();
  }
  process.exitCode = check.failed() ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
