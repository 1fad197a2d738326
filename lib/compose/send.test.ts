import { afterEach, describe, expect, it } from "vitest";
import type { DraftContent, SendBody } from "@/lib/schemas/compose";
import { startWorld, type World } from "@/lib/services/test-world";
import type { ServiceOptions } from "@/lib/services";

/*
 * Sending as a durable job against the emulator over HTTP, with faults injected there: every recipient gets the
 * message exactly once whatever Toloka does, and the report says what happened to each batch.
 */

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const FAST: ServiceOptions = { compose: { settleDelayMs: 20, retryDelayMs: 5, maxAttempts: 10 } };

async function start(opts: { services?: ServiceOptions; timeoutMs?: number } = {}) {
  world = await startWorld({ services: opts.services ?? FAST, timeoutMs: opts.timeoutMs });
  await world.sync.full();
  return world;
}

/** The member the tests send as, deciding about their own sends. */
const SENDER = { id: "demo-sender", role: "sender" as const };

function tolokers(w: World, n: number, didTask?: boolean): string[] {
  const all = w.server.emulator.store.listTolokers(10_000, 0).items;
  return all
    .filter((t) => didTask === undefined || t.didTask === didTask)
    .slice(0, n)
    .map((t) => t.id);
}

function body(recipients: SendBody["recipients"], extra: Partial<SendBody> = {}): SendBody {
  return { topic: { EN: "New pools open" }, text: { EN: "Hello! New pools are open for you." }, answerable: true, recipients, acknowledge: [], ...extra };
}

/** Deliveries since `since`, as toloker id → how many times. */
function deliveries(w: World, since: Date): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of w.server.emulator.store.recipientsSince(since)) counts.set(r.toloker_id, (counts.get(r.toloker_id) ?? 0) + 1);
  return counts;
}

function expectExactlyOnce(w: World, since: Date, ids: string[]) {
  const got = deliveries(w, since);
  expect([...got.keys()].sort()).toEqual([...ids].sort());
  const twice = [...got].filter(([, n]) => n !== 1);
  expect(twice, "Tolokers messaged more than once").toEqual([]);
}

describe("sending by id", () => {
  it("250 ids (with duplicates) go out as three threads, each Toloker once, and the Sent tab shows them", async () => {
    const w = await start();
    const ids = tolokers(w, 250);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "DIRECT", ids: [...ids, ...ids.slice(0, 30)] }), "demo-sender");
    expect(job.total).toBe(3);
    await w.jobs.idle(job.id);
    const dto = w.jobs.describe(job.id)!;
    expect(dto).toMatchObject({ status: "done", done: 3, failed: 0 });
    expect(dto.send).toMatchObject({ selectType: "DIRECT", topic: "New pools open", recipients: 250, sentRecipients: 250, failedRecipients: 0 });
    expect(dto.send!.batches.map((b) => b.count)).toEqual([100, 100, 50]);
    expectExactlyOnce(w, since, ids);
    for (const b of dto.send!.batches) {
      expect(w.server.emulator.store.recipientsOf(b.threadId!)!.length).toBe(b.count);
    }
    const sent = await w.mailbox.list({ tab: "sent", scope: "tab", limit: 10, typing: "1" });
    expect(
      sent.items
        .slice(0, 3)
        .map((t) => t.id)
        .sort(),
    ).toEqual(dto.send!.batches.map((b) => b.threadId).sort());
    expect(w.server.emulator.stats().requests.compose).toBe(3);
  });

  it("exactly once when Toloka fails with 500s and times out after making the thread", async () => {
    const w = await start({ timeoutMs: 400 });
    const ids = tolokers(w, 1000);
    // The first three calls make their thread and then time out; after them, 30% of calls fail with a 500.
    w.server.emulator.faults.set([
      { endpoint: "compose", kind: "timeout", after_write: true, hang_ms: 800, count: 3 },
      { endpoint: "compose", kind: "500", rate: 0.3 },
      { endpoint: "compose", kind: "500", count: 1 },
    ]);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "DIRECT", ids }), "demo-sender");
    await w.jobs.idle(job.id);
    const fired = w.server.emulator.faults.list().map((r) => r.fired);
    expect(fired[0], "timeouts after the write were injected").toBe(3);
    expect(fired[2], "a 500 was injected").toBe(1);
    expect(w.jobs.describe(job.id)).toMatchObject({ status: "done", done: 10, failed: 0 });
    expectExactlyOnce(w, since, ids);
    // One thread per batch: the threads the timed-out calls made were found, not made again.
    const threads = new Set(w.server.emulator.store.recipientsSince(since).map((r) => r.thread_id));
    expect(threads.size).toBe(10);
    const batches = w.jobs.describe(job.id)!.send!.batches;
    expect(new Set(batches.map((b) => b.threadId))).toEqual(threads);
    // The three timed-out calls' threads were recovered from OUTBOX (a 500 after them may add more).
    expect(batches.filter((b) => b.recovered).length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it("a member's send names them on every thread it makes, one found in OUTBOX too; a bare id names no one", async () => {
    const w = await start({ timeoutMs: 300 });
    const ids = tolokers(w, 150);
    const sam = { id: "u-sam", name: "Sam Sender", email: "sam@team.example" };
    w.server.emulator.faults.set([{ endpoint: "compose", kind: "timeout", after_write: true, hang_ms: 600, count: 1 }]);
    const job = w.compose.send(body({ type: "DIRECT", ids }), { ...sam, role: "sender" } as typeof sam);
    await w.jobs.idle(job.id);
    const batches = w.jobs.describe(job.id)!.send!.batches;
    expect(batches.map((b) => b.status)).toEqual(["done", "done"]);
    expect(batches.some((b) => b.recovered)).toBe(true);
    for (const b of batches) {
      const t = await w.mailbox.thread(b.threadId!);
      expect(t.messages[0].sentBy).toEqual(sam);
      expect(t.messages.slice(1).every((m) => !m.sentBy)).toBe(true);
    }
    // Only who they are is kept with the job, not the rest of a session user.
    expect((w.store.jobs.get(job.id)!.params as { author: unknown }).author).toEqual(sam);

    const anonymous = w.compose.send(body({ type: "DIRECT", ids: ids.slice(0, 1) }, { text: { EN: "No one in particular" } }), "demo-sender");
    await w.jobs.idle(anonymous.id);
    const t = await w.mailbox.thread(w.jobs.describe(anonymous.id)!.send!.batches[0].threadId!);
    expect(t.messages[0].sentBy).toBeUndefined();
  });

  it("a timeout before Toloka wrote anything is sent again, once", async () => {
    const w = await start({ timeoutMs: 300 });
    const ids = tolokers(w, 5);
    w.server.emulator.faults.set([{ endpoint: "compose", kind: "timeout", hang_ms: 600, count: 1 }]);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "DIRECT", ids }), "demo-sender");
    await w.jobs.idle(job.id);
    expect(w.jobs.describe(job.id)!.send!.batches[0]).toMatchObject({ status: "done", attempts: 1, calls: 2 });
    expect(w.jobs.describe(job.id)!.send!.batches[0].recovered).toBeUndefined();
    expect(w.server.emulator.stats().requests.compose).toBe(2);
    expectExactlyOnce(w, since, ids);
  });

  it("a batch Toloka refuses (4xx) fails with Toloka's reason; the rest go out; the draft keeps the failed ids", async () => {
    const w = await start();
    const ids = tolokers(w, 150);
    const stranger = "f".repeat(32);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "DIRECT", ids: [...ids.slice(0, 99), stranger, ...ids.slice(99)] }), "demo-sender");
    await w.jobs.idle(job.id);
    const dto = w.jobs.describe(job.id)!;
    expect(dto).toMatchObject({ status: "done", done: 1, failed: 1 });
    expect(dto.send!.batches[0].error).toMatch(/^Toloka does not know some of these Toloker ids \(Unknown Toloker ids: f{32}\)/);
    expect(dto.send!.batches[0].attempts).toBe(1);
    expectExactlyOnce(w, since, ids.slice(99));
    const [draft] = w.compose.listDrafts("demo-sender");
    expect(draft.fromJobId).toBe(job.id);
    expect(draft.content.recipients.idsText.split("\n")).toEqual([...ids.slice(0, 99), stranger]);
    expect(draft.content.languages).toEqual([{ lang: "EN", topic: "New pools open", text: "Hello! New pools are open for you." }]);
  });

  it("a batch over Toloka's daily quota fails at once saying which quota and when it resets; it is not retried", async () => {
    const w = await start();
    // Toloka's own daily limit on messages to specific Tolokers, as the emulator enforces it (429, interval DAY).
    // 120 a day: whichever batch goes first (100 or 50 ids), the other two go over it.
    w.server.emulator.limits.directRecipientsPerDay = 120;
    const ids = tolokers(w, 250);
    const since = new Date(Date.now() - 1000);
    w.server.emulator.resetStats();
    const job = w.compose.send(body({ type: "DIRECT", ids }), "demo-sender");
    await w.jobs.idle(job.id);
    const dto = w.jobs.describe(job.id)!;
    expect(dto).toMatchObject({ done: 1, failed: 2 });
    for (const b of dto.send!.batches.filter((x) => x.status === "failed")) {
      expect(b.error).toMatch(/^Toloka's daily quota for this is used up \(.+\)\. It resets at 00:00 UTC \(midnight\)\. Nothing was sent/);
      expect(b.attempts).toBe(1);
    }
    // One call a batch: a daily quota is not hammered with retries.
    expect(w.server.emulator.stats().requests.compose).toBe(3);
    expect([50, 100]).toContain(deliveries(w, since).size);
  });

  it("a batch that failed on 500s is retried on request, once, and the kept draft goes", async () => {
    const w = await start({ services: { compose: { settleDelayMs: 10, retryDelayMs: 5, maxAttempts: 2, concurrency: 1 } } });
    const ids = tolokers(w, 300);
    w.server.emulator.faults.set([{ endpoint: "compose", kind: "500", count: 2 }]);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "DIRECT", ids }), "demo-sender");
    await w.jobs.idle(job.id);
    let dto = w.jobs.describe(job.id)!;
    expect(dto).toMatchObject({ done: 2, failed: 1 });
    expect(dto.send!.batches[0]).toMatchObject({
      status: "failed",
      attempts: 1,
      error: expect.stringMatching(/Toloka failed 2 times \(last: 500 INTERNAL_ERROR\); the batch was not sent/),
    });
    expect(dto.send).toMatchObject({ sentRecipients: 200, failedRecipients: 100 });
    expect(w.compose.listDrafts("demo-sender")).toHaveLength(1);

    expect(w.compose.retryFailed(job.id)).toBe(1);
    expect(w.compose.listDrafts("demo-sender")).toHaveLength(0);
    await w.jobs.idle(job.id);
    dto = w.jobs.describe(job.id)!;
    expect(dto).toMatchObject({ status: "done", done: 3, failed: 0 });
    expect(dto.send!.batches[0]).toMatchObject({ status: "done", attempts: 2 });
    expectExactlyOnce(w, since, ids);
    expect(() => w.compose.retryFailed(job.id)).toThrow(/No batch of this send failed/);
  });

  it("a failed batch whose thread did land is found in OUTBOX when retried, not sent twice", async () => {
    const w = await start({ services: { compose: { settleDelayMs: 10, retryDelayMs: 5, maxAttempts: 1 } } });
    const ids = tolokers(w, 10);
    // The write happens, Toloka answers 500, and the lookup that follows fails too: the batch fails unknown.
    w.server.emulator.faults.set([
      { endpoint: "compose", kind: "500", after_write: true, count: 1 },
      { endpoint: "list", kind: "503", count: 20 },
    ]);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "DIRECT", ids }), "demo-sender");
    await w.jobs.idle(job.id);
    expect(w.jobs.describe(job.id)!.send!.batches[0].error).toMatch(/could not be asked whether it arrived/);
    w.server.emulator.faults.set([]);
    w.compose.retryFailed(job.id);
    await w.jobs.idle(job.id);
    expect(w.jobs.describe(job.id)).toMatchObject({ done: 1, failed: 0 });
    expect(w.jobs.describe(job.id)!.send!.batches[0]).toMatchObject({ calls: 0, recovered: true, attempts: 2 });
    expect(w.server.emulator.stats().requests.compose).toBe(1);
    expectExactlyOnce(w, since, ids);
  });

  it("a send cut off by a restart settles what was in flight through OUTBOX and finishes, each Toloker once", async () => {
    const w = await start({ services: { compose: { concurrency: 2, settleDelayMs: 10, retryDelayMs: 5 } } });
    const ids = tolokers(w, 1000);
    w.server.emulator.faults.set([{ endpoint: "compose", kind: "latency", latency_ms: 60 }]);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "DIRECT", ids }), "demo-sender");
    // Stop as soon as the first batches are through. A fixed wait made the cut depend on the machine's speed: where
    // a round of two calls took under a third of the wait, four rounds (8 batches) finished before the stop and
    // too few were left to cut off.
    while (w.store.jobs.get(job.id)!.done < 2) await new Promise((r) => setTimeout(r, 5));
    await w.jobs.stop();
    const mid = w.store.jobs.get(job.id)!;
    expect(mid.done).toBeGreaterThan(0);
    expect(mid.done).toBeLessThan(8);
    // As a crash would leave it: two batches claimed whose calls never went out, and one whose call reached
    // Toloka but whose answer was never recorded.
    const [lost, sentUnrecorded, lost2] = w.store.jobs.claim(job.id, 3);
    void lost;
    void lost2;
    const form = { topic: { EN: "New pools open" }, text: { EN: "Hello! New pools are open for you." }, answerable: true };
    await w.client.compose({ ...form, recipients_select_type: "DIRECT", recipients_ids: (sentUnrecorded.payload as { ids: string[] }).ids });
    w.server.emulator.faults.set([]);
    w.server.emulator.resetStats();

    const { buildServices } = await import("@/lib/services");
    const restarted = buildServices(w.store, w.client, FAST);
    restarted.jobs.resumeAll();
    await restarted.jobs.idle(job.id);
    expect(w.store.jobs.get(job.id)).toMatchObject({ status: "done", done: 10, failed: 0 });
    // Every batch not done before the stop was sent after it, except the one already in OUTBOX.
    expect(w.server.emulator.stats().requests.compose).toBe(10 - mid.done - 1);
    expectExactlyOnce(w, since, ids);
    expect(restarted.jobs.describe(job.id)!.send!.batches[sentUnrecorded.seq]).toMatchObject({
      status: "done",
      threadId: expect.any(String),
      calls: 0,
      recovered: true,
    });
    await restarted.stop();
  }, 30_000);
});

describe("sending by filter and to all", () => {
  it("a filter is one compose call, settled through OUTBOX after a timeout; recipients are who the filter selects", async () => {
    const w = await start({ timeoutMs: 300 });
    const filter = {
      and: [
        { category: "profile" as const, key: "languages" as const, operator: "IN" as const, value: "EN" },
        {
          or: [
            { category: "profile" as const, key: "country" as const, operator: "EQ" as const, value: "DE" },
            { category: "computed" as const, key: "device_category" as const, operator: "EQ" as const, value: "SMARTPHONE" as const },
          ],
        },
      ],
    };
    w.server.emulator.faults.set([{ endpoint: "compose", kind: "timeout", after_write: true, hang_ms: 600, count: 1 }]);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "FILTER", filter }), "demo-sender");
    expect(job.total).toBe(1);
    await w.jobs.idle(job.id);
    expect(w.jobs.describe(job.id)).toMatchObject({ done: 1, failed: 0, send: { selectType: "FILTER" } });
    expect(w.server.emulator.stats().requests.compose).toBe(1);
    expectExactlyOnce(w, since, w.server.emulator.store.selectByFilter(filter));
  });

  it("to all: every Toloker who did a task, once; the status then says one went out today, and a second is refused with the reason", async () => {
    const w = await start({ services: { compose: { settleDelayMs: 10, retryDelayMs: 5, maxAttempts: 2 } } });
    // The demo mailbox may hold a send to all from earlier today (it does not count against the emulator's quota).
    const before = w.compose.status().allSentToday;
    if (before) expect(() => w.compose.send(body({ type: "ALL" }), "demo-sender")).toThrow(/already went out today/);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "ALL" }, { acknowledge: before ? ["all-today"] : [] }), "demo-sender");
    await w.jobs.idle(job.id);
    expect(w.jobs.describe(job.id)).toMatchObject({ done: 1, failed: 0 });
    expectExactlyOnce(w, since, tolokers(w, 10_000, true));
    const status = w.compose.status();
    expect(status.allSentToday).toMatchObject({ threadId: w.jobs.describe(job.id)!.send!.batches[0].threadId });

    expect(() => w.compose.send(body({ type: "ALL" }), "demo-sender")).toThrow(
      /Confirm the warnings before sending: A message to all Tolokers already went out today/,
    );
    w.server.emulator.resetStats();
    const second = w.compose.send(body({ type: "ALL" }, { acknowledge: ["all-today"] }), "demo-sender");
    await w.jobs.idle(second.id);
    // Which quota, and when it resets; tried once, not hammered until the job gives up.
    expect(w.jobs.describe(second.id)!.send!.batches[0].error).toMatch(
      /^Toloka's daily quota for this is used up \(Too many messages to all Tolokers: at most 1 a day\)\. It resets at 00:00 UTC \(midnight\)\./,
    );
    expect(w.server.emulator.stats().requests.compose).toBe(1);
  });
});

describe("warnings and drafts", () => {
  const content: DraftContent = {
    languages: [{ lang: "EN", topic: "Hi", text: "Hello" }],
    answerable: true,
    recipients: { mode: "ids", idsText: "" },
  };

  it("every warning must be acknowledged before a send starts, and nothing is sent until then", async () => {
    const w = await start();
    const ids = tolokers(w, 3);
    const b = body({ type: "DIRECT", ids }, { text: { EN: "Write me at me@example.com, see <div>this</div>" } });
    expect(() => w.compose.send(b, "demo-sender")).toThrow(/Contact details in the message; HTML beyond links/);
    expect(() => w.compose.send({ ...b, acknowledge: ["contacts"] }, "demo-sender")).toThrow(/HTML beyond links/);
    expect(w.server.emulator.stats().requests.compose ?? 0).toBe(0);
    const job = w.compose.send({ ...b, acknowledge: ["contacts", "html"] }, "demo-sender");
    await w.jobs.idle(job.id);
    expect(w.jobs.describe(job.id)).toMatchObject({ done: 1 });
  });

  it("drafts belong to their member; the one a send came from is deleted when the job exists", async () => {
    const w = await start();
    const mine = w.compose.createDraft("demo-sender", content);
    const theirs = w.compose.createDraft("demo-admin", content);
    expect(w.compose.listDrafts("demo-sender").map((d) => d.id)).toEqual([mine.id]);
    expect(() => w.compose.getDraft("demo-sender", theirs.id)).toThrow(/no such draft/);
    const updated = w.compose.updateDraft("demo-sender", mine.id, { ...content, answerable: false });
    expect(updated.content.answerable).toBe(false);
    expect(() => w.compose.send(body({ type: "DIRECT", ids: tolokers(w, 1) }, { draftId: theirs.id }), "demo-sender")).toThrow(/no such draft/);
    const job = w.compose.send(body({ type: "DIRECT", ids: tolokers(w, 1) }, { draftId: mine.id }), "demo-sender");
    expect(w.compose.listDrafts("demo-sender")).toEqual([]);
    expect(w.compose.recentSendIds("demo-sender")).toEqual([job.id]);
    await w.jobs.idle(job.id);
  });

  it("sending the draft a failed send left marks that send's failed batches as sent elsewhere: no retry there", async () => {
    const w = await start({ services: { compose: { settleDelayMs: 10, retryDelayMs: 5, maxAttempts: 1 } } });
    w.server.emulator.faults.set([{ endpoint: "compose", kind: "500", count: 1 }]);
    const ids = tolokers(w, 2);
    const job = w.compose.send(body({ type: "DIRECT", ids }), "demo-sender");
    await w.jobs.idle(job.id);
    const [kept] = w.compose.listDrafts("demo-sender");
    expect(kept.fromJobId).toBe(job.id);
    const again = w.compose.send(body({ type: "DIRECT", ids }, { draftId: kept.id }), "demo-sender");
    await w.jobs.idle(again.id);
    expect(w.jobs.describe(job.id)!.send!.supersededBy).toBe(again.id);
    expect(() => w.compose.retryFailed(job.id)).toThrow(/would send them twice/);
  });
});

describe("a listing that cannot prove whether a batch arrived", () => {
  it("is unconfirmed with its candidate, never composed again on a guess; the requester says it arrived", async () => {
    const w = await start();
    const filter = { and: [{ category: "profile" as const, key: "languages" as const, operator: "IN" as const, value: "EN" }] };
    // Toloka makes the thread and answers 500; every listing then leaves out messages and compose_details.
    w.server.emulator.faults.set([
      { endpoint: "compose", kind: "500", after_write: true, count: 1 },
      { endpoint: "list", kind: "sparse" },
    ]);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "FILTER", filter }), "demo-sender");
    await w.jobs.idle(job.id);
    expect(w.server.emulator.stats().requests.compose, "composed once, not again").toBe(1);
    const made = [...new Set(w.server.emulator.store.recipientsSince(since).map((r) => r.thread_id))];
    expect(made).toHaveLength(1);
    const dto = w.jobs.describe(job.id)!;
    expect(dto).toMatchObject({ status: "done", done: 0, failed: 1 });
    expect(dto.send!.batches[0]).toMatchObject({ status: "unconfirmed", candidates: made });
    expect(dto.send!.batches[0].error).toMatch(/^Unconfirmed: .*say whether it arrived/);
    // Nothing to send again from: no draft of a batch that may have arrived, and "retry" is refused.
    expect(w.compose.listDrafts("demo-sender")).toEqual([]);
    expect(() => w.compose.retryFailed(job.id)).toThrow(/unconfirmed/);

    w.compose.decide(job.id, 0, { arrived: true, threadId: made[0] }, SENDER);
    expect(w.jobs.describe(job.id)).toMatchObject({ done: 1, failed: 0 });
    expect(w.jobs.describe(job.id)!.send!.batches[0]).toMatchObject({ status: "done", threadId: made[0], confirmedBy: "requester" });
    expect(() => w.compose.decide(job.id, 0, { arrived: false }, SENDER)).toThrow(/not waiting for a decision/);
    expect(w.server.emulator.stats().requests.compose).toBe(1);
  });

  it('a thread id that is not a candidate is refused; "send it again" sends once more, past the dismissed candidate', async () => {
    const w = await start();
    const ids = tolokers(w, 10);
    w.server.emulator.faults.set([
      { endpoint: "compose", kind: "500", after_write: true, count: 1 },
      { endpoint: "list", kind: "sparse" },
    ]);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "DIRECT", ids }), "demo-sender");
    await w.jobs.idle(job.id);
    const [first] = w.jobs.describe(job.id)!.send!.batches;
    expect(first).toMatchObject({ status: "unconfirmed", count: 10 });
    expect(w.jobs.describe(job.id)!.send).toMatchObject({ sentRecipients: 0, failedRecipients: 0, unconfirmedRecipients: 10 });
    expect(() => w.compose.decide(job.id, 0, { arrived: true, threadId: "0".repeat(24) }, SENDER)).toThrow(/not one of this batch's candidates/);

    // The listing is still sparse: the requester's word alone sends it again, and the candidate no longer holds it.
    w.compose.decide(job.id, 0, { arrived: false }, SENDER);
    await w.jobs.idle(job.id);
    const [again] = w.jobs.describe(job.id)!.send!.batches;
    expect(again).toMatchObject({ status: "done", attempts: 2, calls: 1 });
    expect(again.threadId).not.toBe(first.candidates![0]);
    expect(w.server.emulator.stats().requests.compose).toBe(2);
    // As the requester chose: each of the ten got it twice (once per thread).
    expect([...deliveries(w, since).values()]).toEqual(Array(10).fill(2));
  });

  it("a 2xx whose body cannot be read is sent: found in OUTBOX, or done unseen, never composed again", async () => {
    const w = await start();
    const ids = tolokers(w, 20);
    w.server.emulator.faults.set([{ endpoint: "compose", kind: "unreadable", count: 1 }]);
    const since = new Date(Date.now() - 1000);
    const job = w.compose.send(body({ type: "DIRECT", ids: ids.slice(0, 10) }), "demo-sender");
    await w.jobs.idle(job.id);
    expect(w.jobs.describe(job.id)!.send!.batches[0]).toMatchObject({ status: "done", recovered: true, calls: 1 });
    expectExactlyOnce(w, since, ids.slice(0, 10));

    // The same with a listing too sparse to tell its thread apart: Toloka's yes is enough.
    w.server.emulator.faults.set([
      { endpoint: "compose", kind: "unreadable", count: 1 },
      { endpoint: "list", kind: "sparse" },
    ]);
    const job2 = w.compose.send(body({ type: "DIRECT", ids: ids.slice(10) }, { topic: { EN: "Second" } }), "demo-sender");
    await w.jobs.idle(job2.id);
    expect(w.jobs.describe(job2.id)).toMatchObject({ done: 1, failed: 0 });
    expect(w.jobs.describe(job2.id)!.send!.batches[0]).toMatchObject({ status: "done", unreadAnswer: true, calls: 1 });
    expectExactlyOnce(w, since, ids);
    expect(w.server.emulator.stats().requests.compose).toBe(2);
  });

  it("after a restart, a batch in flight whose thread the listing cannot prove is unconfirmed, not sent again", async () => {
    const w = await start();
    const ids = tolokers(w, 5);
    w.server.emulator.faults.set([{ endpoint: "list", kind: "sparse" }]);
    // A batch left running by a stopped process, whose compose call had landed.
    const job = w.store.jobs.create(
      {
        id: crypto.randomUUID(),
        kind: "send",
        createdBy: "demo-sender",
        params: { selectType: "DIRECT", topic: { EN: "Cut off" }, text: { EN: "Hello" }, answerable: true, recipients: 5 },
      },
      [{ ids }],
    );
    w.store.jobs.claim(job.id, 1);
    await w.client.compose({ topic: { EN: "Cut off" }, text: { EN: "Hello" }, recipients_select_type: "DIRECT", recipients_ids: ids, answerable: true });
    w.server.emulator.resetStats();
    w.jobs.resumeAll();
    await w.jobs.idle(job.id);
    expect(w.jobs.describe(job.id)!.send!.batches[0]).toMatchObject({ status: "unconfirmed" });
    expect(w.jobs.describe(job.id)!.send!.batches[0].candidates).toHaveLength(1);
    expect(w.server.emulator.stats().requests.compose ?? 0, "not composed again").toBe(0);
  });
});
