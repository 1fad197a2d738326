import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { WireThread } from "@/lib/toloka/wire";
import { toMirrorThread } from "./map";
import { startWorld, TEST_TOKEN, type World } from "@/lib/services/test-world";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/**
 * Every thread the emulator holds, as the mirror would keep it: read from its store, the truth, not through its API
 * (which, in variety mode, may leave out what a listing is allowed to).
 */
async function emulatorThreads(w: World): Promise<Map<string, ReturnType<typeof toMirrorThread>>> {
  const all = new Map<string, ReturnType<typeof toMirrorThread>>();
  const store = w.server.emulator.store;
  let gt: string | undefined;
  for (;;) {
    const page = store.listThreads({ folders: [], foldersNe: [], id: { gt }, created: {}, sort: [{ key: "id", desc: false }], limit: 300 });
    for (const raw of page.items) {
      const t = JSON.parse(raw.toString("utf8")) as WireThread;
      all.set(t.id, toMirrorThread(t));
      gt = t.id;
    }
    if (!page.hasMore) return all;
  }
}

const KNOWN_ROLES: readonly string[] = ["USER", "REQUESTER", "ADMINISTRATOR", "SYSTEM"];

/**
 * A mirror thread compared as the emulator's store knows it: in variety mode the API adds now and then an
 * interlocutor in a role Toloka may add one day, which the mirror rightly keeps and the store has never heard of.
 */
function normalized(t: ReturnType<typeof toMirrorThread>) {
  return { ...t, folders: [...t.folders].sort(), interlocutors: t.interlocutors.filter((i) => KNOWN_ROLES.includes(i.role)) };
}

async function expectMirrorEqualsEmulator(w: World, except: Set<string> = new Set()) {
  const upstream = await emulatorThreads(w);
  expect(w.store.threads.count()).toBe(upstream.size);
  for (const [id, t] of upstream) {
    if (except.has(id)) continue;
    const mine = w.store.threads.get(id);
    expect(mine, `thread ${id} in the mirror`).not.toBeNull();
    expect(normalized(mine!)).toEqual(normalized(t));
  }
}

describe("sync", () => {
  it("a first full sync copies every thread of the demo mailbox", async () => {
    world = await startWorld();
    const r = await world.sync.full();
    expect(r.fetched).toBeGreaterThan(250);
    // Pages of 300 while has_more; an exact has_more needs no empty last page.
    // (In variety mode a listing may leave messages out: the threads it left bare are asked for again, apart.)
    expect(r.requests - r.fillIns).toBe(Math.max(1, Math.ceil(r.fetched / 300)));
    await expectMirrorEqualsEmulator(world);
  });

  it("after random changes made straight in the emulator, one sync makes the mirror equal to it", async () => {
    // Every variation but sparse listings: a listing that leaves a thread's messages out cannot show that one
    // arrived, so one sync cannot promise equality then (the mirror keeps what it held; see the fill-in test).
    world = await startWorld({ varietyRates: { sparseListing: 0 } });
    const w = world;
    await w.sync.full();
    const emu = w.server.emulator.store;
    const tolokers = emu.listTolokers(50, 0).items.map((t) => t.id);

    const op = fc.oneof(
      fc.record({ kind: fc.constant("inbound" as const), who: fc.nat(49), n: fc.nat(1000) }),
      fc.record({ kind: fc.constant("reply" as const), pick: fc.nat(10_000), n: fc.nat(1000) }),
      fc.record({
        kind: fc.constant("flag" as const),
        pick: fc.nat(10_000),
        folder: fc.constantFrom("UNREAD" as const, "IMPORTANT" as const),
        add: fc.boolean(),
      }),
      fc.record({ kind: fc.constant("notice" as const), n: fc.nat(1000) }),
    );

    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 15 }), fc.boolean(), async (ops, incremental) => {
        const ids = [...(await emulatorThreads(w)).keys()];
        // Threads whose content changed while they ended up in neither UNREAD nor IMPORTANT: an incremental
        // sync cannot see those (Toloka has no "changed since"); the periodic full reconcile does.
        const touched = new Set<string>();
        for (const o of ops) {
          if (o.kind === "inbound") {
            const t = emu.tolokerWritesFirst({ tolokerId: tolokers[o.who], topic: { EN: `Question ${o.n}` }, text: { EN: `Body ${o.n}` } });
            ids.push(t.id);
          } else if (o.kind === "notice") {
            ids.push(emu.notice({ topic: { EN: `Notice ${o.n}` }, text: { EN: "Pool closed" } }).id);
          } else if (o.kind === "reply") {
            const id = ids[o.pick % ids.length];
            const answerers = emu.answerersOf(id);
            if (answerers.length === 0) continue;
            const t: WireThread = emu.tolokerReply({ threadId: id, tolokerId: answerers[0], text: { EN: `Reply ${o.n}` } });
            ids.push(t.id);
            touched.add(t.id);
          } else {
            emu.changeFolders(ids[o.pick % ids.length], [o.folder], o.add);
          }
        }
        if (incremental) {
          await w.sync.incremental();
          const upstream = await emulatorThreads(w);
          const blind = new Set([...touched].filter((id) => !upstream.get(id)!.folders.some((f) => f === "UNREAD" || f === "IMPORTANT")));
          await expectMirrorEqualsEmulator(w, blind);
        }
        await w.sync.full();
        await expectMirrorEqualsEmulator(w);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it("a refresh asked for while a sync runs sees changes made after the request", async () => {
    world = await startWorld();
    await world.sync.full();
    // Each of the running sync's three list calls takes 200 ms; a send lands after its first (new threads) call.
    world.server.emulator.faults.set([{ endpoint: "list", kind: "latency", latency_ms: 200, count: 3 }]);
    const listCalls = () => world!.server.emulator.stats().requests.list ?? 0;
    const before = listCalls();
    const running = world.sync.incremental();
    // The sync's second call has arrived, so its first was answered: whatever is sent now, it has not seen.
    while (listCalls() < before + 2) await new Promise((r) => setTimeout(r, 5));
    const sent = await world.client.compose({
      topic: { EN: "Sent during a sync" },
      text: { EN: "Hello" },
      recipients_select_type: "DIRECT",
      recipients_ids: [world.server.emulator.store.listTolokers(1, 0).items[0].id],
    });
    await world.sync.incremental({ fresh: true });
    await running;
    expect(world.store.threads.get(sent.id)?.topic).toEqual({ EN: "Sent during a sync" });
  });

  it("an incremental sync with nothing new costs three requests and changes nothing", async () => {
    world = await startWorld();
    await world.sync.full();
    const r = await world.sync.incremental();
    expect(r.changed).toBe(0);
    expect(r.requests - r.fillIns).toBe(3);
  });

  it("a new thread first listed without its messages and interlocutors is read again, not stored empty", async () => {
    world = await startWorld();
    await world.sync.full();
    const toloker = world.server.emulator.store.listTolokers(1, 0).items[0].id;
    const t = world.server.emulator.store.tolokerWritesFirst({ tolokerId: toloker, topic: { EN: "Sparse at first" }, text: { EN: "Is anyone there?" } });
    world.server.emulator.faults.set([{ endpoint: "list", kind: "sparse", count: 1 }]);
    await world.sync.incremental({ folders: [] });
    expect(world.server.emulator.faults.list()[0].fired).toBe(1);
    const held = world.store.threads.get(t.id)!;
    expect(held.messages.map((m) => m.text.EN)).toEqual(["Is anyone there?"]);
    expect(held.interlocutors.map((i) => i.id)).toContain(toloker);
  });

  it("a new thread listed after a later one of the same second (ids order by second only) is still found", async () => {
    world = await startWorld();
    await world.sync.full();
    const newest = world.store.threads.maxId()!;
    // Made in the same second as the newest held thread, but listed only now, with a smaller id.
    const id = `${newest.slice(0, 8) + "0".repeat(15)}1`;
    expect(id < newest).toBe(true);
    const toloker = world.server.emulator.store.listTolokers(1, 0).items[0].id;
    const created = new Date(Number.parseInt(newest.slice(0, 8), 16) * 1000).toISOString().slice(0, 19);
    world.server.emulator.store.insertThreads([
      {
        thread: {
          id,
          topic: { EN: "Late in the listing" },
          created,
          answerable: true,
          folders: ["INBOX", "UNREAD"],
          interlocutors: [{ id: toloker, role: "USER" }],
          messages: [{ text: { EN: "Did my answer arrive?" }, from: { id: toloker, role: "USER" }, created }],
        },
        recipients: [],
      },
    ]);
    await world.sync.incremental();
    expect(world.store.threads.get(id)?.topic).toEqual({ EN: "Late in the listing" });
  });
});

describe("reading and writing through", () => {
  it("lists each tab newest activity first and finds threads by word and by Toloker", async () => {
    world = await startWorld();
    const page = await world.mailbox.list({ tab: "inbox", scope: "tab", limit: 20, typing: "1" });
    expect(page.items.length).toBe(20);
    const times = page.items.map((t) => t.lastActivity);
    expect([...times].sort().reverse()).toEqual(times);
    const toloker = page.items.find((t) => t.otherParty.kind === "toloker")!;
    const tolokerId = (toloker.otherParty as { id: string }).id;
    const byId = await world.mailbox.list({ tab: "inbox", q: tolokerId, scope: "all", limit: 50, typing: "1" });
    expect(byId.search?.kind).toBe("toloker");
    expect(byId.items.map((t) => t.id)).toContain(toloker.id);
    const word = toloker.topic.split(/\s+/).find((w) => w.length > 4)!;
    const byWord = await world.mailbox.list({ tab: "inbox", q: word, scope: "all", limit: 50, typing: "0" });
    expect(byWord.items.map((t) => t.id)).toContain(toloker.id);
  });

  it("a flag change goes to Toloka first and then shows in the mirror", async () => {
    world = await startWorld();
    const first = (await world.mailbox.list({ tab: "inbox", scope: "tab", limit: 1, typing: "1" })).items[0];
    const after = await world.mailbox.setFlags(first.id, { important: true, read: false });
    expect(after.important).toBe(true);
    expect(after.unread).toBe(true);
    expect(world.server.emulator.store.getThread(first.id)!.folders).toEqual(expect.arrayContaining(["IMPORTANT", "UNREAD"]));
    const important = await world.mailbox.list({ tab: "important", scope: "tab", limit: 200, typing: "1" });
    expect(important.items.map((t) => t.id)).toContain(first.id);
  });

  it("a reply whose answer is lost after Toloka applied it is reported as sent, and is not sent twice", async () => {
    world = await startWorld({ timeoutMs: 300 });
    const question = world.server.emulator.store.tolokerWritesFirst({
      tolokerId: world.server.emulator.store.listTolokers(1, 0).items[0].id,
      topic: { EN: "Where is my bonus?" },
      text: { EN: "Hello" },
    });
    await world.sync.full();
    world.server.emulator.faults.set([{ endpoint: "reply", kind: "timeout", after_write: true, hang_ms: 1_000, rate: 1, count: 1 }]);
    const detail = await world.mailbox.reply(question.id, { EN: "It is on its way." });
    expect(detail.messages.filter((m) => m.from.myself).map((m) => m.html.EN)).toEqual(["It is on its way."]);
    const upstream = world.server.emulator.store.getThread(question.id)!;
    expect(upstream.messages!.filter((m) => m.from.role === "REQUESTER")).toHaveLength(1);
  });

  it("a reply Toloka refused before applying it is reported as not sent", async () => {
    world = await startWorld({ timeoutMs: 300 });
    const question = world.server.emulator.store.tolokerWritesFirst({
      tolokerId: world.server.emulator.store.listTolokers(1, 0).items[0].id,
      topic: { EN: "Task broken" },
      text: { EN: "The page is blank" },
    });
    await world.sync.full();
    world.server.emulator.faults.set([{ endpoint: "reply", kind: "500", rate: 1, count: 1 }]);
    await expect(world.mailbox.reply(question.id, { EN: "Thanks, fixing" })).rejects.toMatchObject({ code: "UPSTREAM_FAILED" });
    expect(world.server.emulator.store.getThread(question.id)!.messages!.filter((m) => m.from.role === "REQUESTER")).toHaveLength(0);
    expect(world.server.emulator.stats().requests.reply).toBe(1);
  });

  it("a reply or a flag change Toloka answered 2xx in a body that cannot be read is done: the thread is read back", async () => {
    world = await startWorld();
    const question = world.server.emulator.store.tolokerWritesFirst({
      tolokerId: world.server.emulator.store.listTolokers(1, 0).items[0].id,
      topic: { EN: "Odd answer" },
      text: { EN: "Hello?" },
    });
    await world.sync.full();
    world.server.emulator.faults.set([
      { endpoint: "reply", kind: "unreadable", count: 1 },
      { endpoint: "add-to-folders", kind: "unreadable", count: 1 },
      { endpoint: "remove-from-folders", kind: "unreadable", count: 1 },
    ]);
    const detail = await world.mailbox.reply(question.id, { EN: "Here I am." });
    expect(detail.messages.filter((m) => m.from.myself).map((m) => m.html.EN)).toEqual(["Here I am."]);
    expect(world.server.emulator.stats().requests.reply, "not sent twice").toBe(1);
    const flagged = await world.mailbox.setFlags(question.id, { important: true, read: true });
    expect(flagged).toMatchObject({ important: true, unread: false });
    expect(world.server.emulator.store.getThread(question.id)!.folders).toContain("IMPORTANT");
    expect(world.server.emulator.faults.list().map((r) => r.fired)).toEqual([1, 1, 1]);
  });
});

describe("mark all read", () => {
  it("marks every unread thread of a tab read, each once, and the count drops to zero", async () => {
    world = await startWorld();
    await world.sync.full();
    const before = await world.mailbox.unreadCounts();
    expect(before.inbox).toBeGreaterThan(0);
    world.server.emulator.resetStats();
    const job = world.mailbox.markAllRead("inbox", "demo-sender");
    expect(job.total).toBe(before.inbox);
    await world.jobs.idle(job.id);
    const done = world.jobs.describe(job.id)!;
    expect(done).toMatchObject({ status: "done", done: before.inbox, failed: 0 });
    expect((await world.mailbox.unreadCounts()).inbox).toBe(0);
    expect(world.server.emulator.stats().requests["remove-from-folders"]).toBe(before.inbox);
    const upstreamUnreadInbox = (await world.client.listThreads({ folder: ["UNREAD"], limit: 300 })).items.filter((t) => t.folders?.includes("INBOX"));
    expect(upstreamUnreadInbox).toHaveLength(0);
  });

  it("changes a selection as one job: only the threads the change alters, each once, as Toloka then holds them", async () => {
    world = await startWorld();
    await world.sync.full();
    const w = world;
    const truth = (id: string) => (JSON.parse(w.server.emulator.store.getThreadJson(id)!) as WireThread).folders ?? [];
    const inbox = (await w.mailbox.list({ tab: "inbox", scope: "tab", limit: 40, typing: "1" })).items;
    const important = inbox.filter((t) => t.important).slice(0, 2);
    const plain = inbox.filter((t) => !t.important).slice(0, 4);
    expect(important).toHaveLength(2);
    expect(plain).toHaveLength(4);
    const ids = [...important, ...plain].map((t) => t.id);
    w.server.emulator.resetStats();
    const job = w.mailbox.bulkFlags([...ids, ids[0]], { important: true }, "demo-sender");
    // Two were important already: four items, one call each.
    expect(job).toMatchObject({ kind: "flags", total: 4 });
    await w.jobs.idle(job.id);
    expect(w.jobs.describe(job.id)).toMatchObject({ status: "done", done: 4, failed: 0 });
    expect(w.server.emulator.stats().requests["add-to-folders"]).toBe(4);
    for (const id of ids) expect(truth(id), id).toContain("IMPORTANT");
    expect((await w.mailbox.list({ tab: "important", scope: "tab", limit: 300, typing: "1" })).items.map((t) => t.id)).toEqual(expect.arrayContaining(ids));

    // Marking unread leaves alone a sent thread nobody answered (nothing in it is unread for us).
    const sent = (await w.mailbox.list({ tab: "sent", scope: "tab", limit: 300, typing: "1" })).items;
    const waiting = sent.find((t) => t.awaitingAnswer);
    const read = inbox.filter((t) => !t.unread).slice(0, 3);
    expect(waiting && read.length).toBeTruthy();
    const waitingBefore = truth(waiting!.id);
    const unread = w.mailbox.bulkFlags([waiting!.id, ...read.map((t) => t.id)], { read: false }, "demo-sender");
    expect(unread.total).toBe(3);
    await w.jobs.idle(unread.id);
    for (const t of read) expect(truth(t.id), t.id).toContain("UNREAD");
    expect(truth(waiting!.id)).toEqual(waitingBefore);
  });

  it("a job cut off mid-way by a restart finishes after it, with each item done once", async () => {
    world = await startWorld({ services: { mailbox: { markReadConcurrency: 4 } } });
    await world.sync.full();
    const total = (await world.mailbox.unreadCounts()).inbox;
    world.server.emulator.faults.set([{ endpoint: "remove-from-folders", kind: "latency", latency_ms: 30 }]);
    const job = world.mailbox.markAllRead("inbox", "demo-sender");
    // Let part of it run (the first items through, however fast the machine), then stop as a crash would: what is
    // in flight stays "running" in the store.
    while (world.store.jobs.get(job.id)!.done < 2) await new Promise((r) => setTimeout(r, 5));
    await world.jobs.stop();
    const mid = world.store.jobs.get(job.id)!;
    expect(mid.done).toBeGreaterThan(0);
    expect(mid.done).toBeLessThan(total);
    // Simulate items claimed just before the crash, whose calls never went out.
    world.store.jobs.claim(job.id, 3);
    world.server.emulator.faults.set([]);
    const { buildServices } = await import("@/lib/services");
    const restarted = buildServices(world.store, world.client);
    restarted.jobs.resumeAll();
    await restarted.jobs.idle(job.id);
    expect(world.store.jobs.get(job.id)).toMatchObject({ status: "done", done: total, failed: 0 });
    expect(world.store.jobs.items(job.id).every((i) => i.status === "done")).toBe(true);
    expect(world.server.emulator.stats().requests["remove-from-folders"]).toBe(total);
    await restarted.stop();
  });
});

describe("reading Toloka as it may send (the emulator sends a thread as given)", () => {
  /** From now on the emulator's API sends thread `id` as `wire`, as a real Toloka might. */
  async function sendAs(w: World, id: string, wire: unknown) {
    const res = await fetch(`${w.server.controlUrl}/threads/${id}/wire`, {
      method: "PUT",
      headers: { authorization: `OAuth ${TEST_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(wire),
    });
    expect(res.status, await res.text()).toBe(200);
  }
  const wireOf = (w: World, id: string) => JSON.parse(w.server.emulator.store.getThreadJson(id)!) as WireThread;

  it("a thread that cannot be read is set aside and counted; its page's others, odd or sparse, are kept whole", async () => {
    world = await startWorld();
    await world.sync.full();
    const before = world.store.threads.count();
    const [broken, odd, sparse] = world.store.threads.allIds().slice(3, 6);
    const sparseBefore = world.store.threads.get(sparse)!;
    const oddWire = wireOf(world, odd);

    await sendAs(world, broken, { ...wireOf(world, broken), created: "yesterday" });
    await sendAs(world, odd, {
      ...oddWire,
      created: `${oddWire.created.slice(0, 19)}.51234Z`,
      folders: [...(oddWire.folders ?? []), "ARCHIVE"],
      interlocutors: [...(oddWire.interlocutors ?? []), { id: "support-7", role: "SUPPORT", myself: null }],
      answerable: null,
      meta: { pool_id: 42, project_id: null },
      parent_id: null,
      brand_new_field: [1, 2, 3],
    });
    const { messages: _m, interlocutors: _i, ...rest } = wireOf(world, sparse);
    void _m;
    void _i;
    await sendAs(world, sparse, { ...rest, messages_inlined: false, interlocutors_inlined: false });

    const result = await world.sync.full();
    // The sync completed, and nothing the mirror held was dropped: the thread set aside is still Toloka's.
    expect(result.removed).toBe(0);
    expect(world.store.threads.count()).toBe(before);
    const status = world.sync.status();
    expect(status).toMatchObject({ lastError: null, unreadable: 1 });
    expect(world.sync.unreadable().items).toEqual([
      expect.objectContaining({ id: broken, reason: 'created: date "yesterday" is not a date', raw: expect.stringContaining('"created":"yesterday"') }),
    ]);

    const oddHeld = world.store.threads.get(odd)!;
    expect(oddHeld.created).toBe(`${oddWire.created.slice(0, 19)}.512Z`);
    expect([...oddHeld.folders].sort()).toEqual([...(oddWire.folders ?? [])].sort());
    expect(oddHeld.interlocutors.map((i) => i.role)).toContain("SUPPORT");
    expect(oddHeld.answerable).toBe(true);
    expect(oddHeld.meta).toEqual({ pool_id: "42" });
    // A listing without the messages and interlocutors did not erase them.
    const sparseHeld = world.store.threads.get(sparse)!;
    expect(sparseHeld.messages).toEqual(sparseBefore.messages);
    expect(sparseHeld.interlocutors).toEqual(sparseBefore.interlocutors);

    // The odd thread still shows where its known folders put it.
    const tab = oddHeld.folders.includes("INBOX") ? "inbox" : oddHeld.folders.includes("OUTBOX") ? "sent" : "notifications";
    const listed = await world.mailbox.list({ tab, scope: "tab", typing: "0", limit: 200 });
    expect(listed.items.map((t) => t.id)).toContain(odd);

    // Once Toloka sends it readably again, the next full sync takes it back and the count goes to zero.
    await sendAs(world, broken, { ...wireOf(world, broken), created: world.store.threads.get(broken)!.created.replace("Z", "") });
    await world.sync.full();
    expect(world.sync.status().unreadable).toBe(0);
  });
});
