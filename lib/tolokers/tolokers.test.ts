import { afterEach, describe, expect, it } from "vitest";
import type { BonusBody } from "@/lib/schemas/tolokers";
import { startWorld, TEST_TOKEN, type World } from "@/lib/services/test-world";
import { AppError } from "@/lib/errors";

/*
 * The Toloker panel, the actions and appeals against the emulator over HTTP, with faults injected there (never in
 * the code under test). The bonus tests hold the promise that matters most: a bonus is paid exactly once, whatever
 * happens to Toloka's answer.
 */

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const PAYER = { id: "demo-admin", name: "Ana Admin", email: "admin@demo.local" };

async function start(opts: { timeoutMs?: number } = {}) {
  world = await startWorld({ timeoutMs: opts.timeoutMs ?? 1_000, services: { tolokers: { bonusLookupDelayMs: 20 } } });
  await world.sync.full();
  return world;
}

async function control<T>(w: World, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${w.server.controlUrl}/${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `OAuth ${TEST_TOKEN}`, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

type StoredBonus = { id: string; user_id: string; amount: number; private_comment?: string };
const bonusesOf = async (w: World, tolokerId: string) => {
  const r = await control<{ items: StoredBonus[] } | StoredBonus[]>(w, `bonuses?user_id=${tolokerId}`);
  return Array.isArray(r) ? r : r.items;
};

/** A Toloker who did tasks (so bonuses and assignments make sense), a different one each call. */
let pick = 0;
function someToloker(w: World): string {
  const all = w.server.emulator.store.listTolokers(500, 0).items.filter((t) => t.didTask);
  return all[pick++ % all.length].id;
}

const BONUS: BonusBody = { amount: "0.75", title: { EN: "Thank you" }, message: { EN: "For the careful work this week." }, acknowledgedDuplicate: true };

async function pay(w: World, tolokerId: string, body: BonusBody = BONUS) {
  const job = await w.tolokers.payBonus(tolokerId, body, PAYER);
  await w.jobs.idle(job.id);
  return w.jobs.describe(job.id)!;
}

describe("a bonus is paid exactly once", () => {
  it("pays and shows it in the panel, with the payment's reference in the private comment", async () => {
    const w = await start();
    const id = someToloker(w);
    const before = (await bonusesOf(w, id)).length;
    const job = await pay(w, id);
    expect(job.bonus).toMatchObject({ state: "paid", amount: "0.75", tolokerId: id });
    const after = await bonusesOf(w, id);
    expect(after.length).toBe(before + 1);
    expect(after.find((b) => b.id === job.bonus!.bonusId)?.private_comment).toMatch(/Paid from Toloka Messages by Ana Admin \(tm-[0-9a-f-]{36}\)/);
    const panel = await w.tolokers.panel(id);
    expect(panel.bonuses.status).toBe("ok");
    if (panel.bonuses.status === "ok") expect(panel.bonuses.data.items.map((b) => b.id)).toContain(job.bonus!.bonusId);
  });

  it("when the answer is lost after Toloka paid (timeout after the write), it finds the bonus and pays nothing more", async () => {
    const w = await start();
    const id = someToloker(w);
    const before = (await bonusesOf(w, id)).length;
    w.server.emulator.faults.set([{ endpoint: "bonus-create", kind: "timeout", after_write: true, hang_ms: 3_000, count: 1 }]);
    const job = await pay(w, id);
    expect(job.bonus).toMatchObject({ state: "paid", recovered: true });
    expect((await bonusesOf(w, id)).length).toBe(before + 1);
  });

  it("when Toloka fails after the write with a 500, it finds the bonus; when it fails before, it sends again under the same operation", async () => {
    const w = await start();
    const a = someToloker(w);
    const b = someToloker(w);
    const beforeA = (await bonusesOf(w, a)).length;
    const beforeB = (await bonusesOf(w, b)).length;
    w.server.emulator.faults.set([{ endpoint: "bonus-create", kind: "500", after_write: true, count: 1 }]);
    expect((await pay(w, a)).bonus).toMatchObject({ state: "paid", recovered: true });
    w.server.emulator.faults.set([{ endpoint: "bonus-create", kind: "500", count: 2 }]);
    expect((await pay(w, b)).bonus).toMatchObject({ state: "paid" });
    expect((await bonusesOf(w, a)).length).toBe(beforeA + 1);
    expect((await bonusesOf(w, b)).length).toBe(beforeB + 1);
  });

  it("when neither the answer nor the list can be read, it is unconfirmed, and a retry is refused rather than risk paying twice", async () => {
    const w = await start();
    const id = someToloker(w);
    const before = (await bonusesOf(w, id)).length;
    w.server.emulator.faults.set([
      { endpoint: "bonus-create", kind: "timeout", after_write: true, hang_ms: 3_000, count: 1 },
      { endpoint: "bonuses-list", kind: "unreadable" },
    ]);
    const job = await pay(w, id);
    expect(job.bonus?.state).toBe("unconfirmed");
    expect(job.bonus?.error).toMatch(/Check the Toloker's bonuses in Toloka/);
    expect(() => w.jobs.retry(job.id, { id: PAYER.id, role: "admin" })).toThrow(AppError);
    expect((await bonusesOf(w, id)).length).toBe(before + 1);
  });

  it("a payment cut off by a restart is settled from Toloka's list before anything is sent", async () => {
    const w = await start();
    const [paid, unpaid] = [someToloker(w), someToloker(w)];
    const counts = { paid: (await bonusesOf(w, paid)).length, unpaid: (await bonusesOf(w, unpaid)).length };
    const { bonusRef } = await import("./bonus");
    // Two payments a process had claimed when it stopped: Toloka received the first, not the second.
    const interrupted = async (tolokerId: string, send: boolean) => {
      const operationId = crypto.randomUUID();
      const form = {
        user_id: tolokerId,
        amount: 0.75,
        public_title: BONUS.title,
        public_message: BONUS.message,
        without_message: false as const,
        private_comment: `x (${bonusRef(operationId)})`,
      };
      const job = w.store.jobs.create({ id: crypto.randomUUID(), kind: "bonus", createdBy: PAYER.id, params: { tolokerId } }, [
        { operationId, form, startedMs: Date.now() },
      ]);
      w.store.jobs.claim(job.id, 1);
      if (send) await w.client.createBonus(form, operationId);
      return job.id;
    };
    const a = await interrupted(paid, true);
    const b = await interrupted(unpaid, false);
    w.jobs.resumeAll();
    await Promise.all([w.jobs.idle(a), w.jobs.idle(b)]);
    expect(w.jobs.describe(a)?.bonus).toMatchObject({ state: "paid", recovered: true });
    expect(w.jobs.describe(b)?.bonus).toMatchObject({ state: "paid" });
    expect((await bonusesOf(w, paid)).length).toBe(counts.paid + 1);
    expect((await bonusesOf(w, unpaid)).length).toBe(counts.unpaid + 1);
  });

  it("refuses a bonus the balance cannot pay, and a second payment to the same Toloker while one is under way", async () => {
    const w = await start();
    const id = someToloker(w);
    await control(w, "requester", { method: "PUT", body: { balance: 0.5 } });
    await expect(w.tolokers.payBonus(id, BONUS, PAYER)).rejects.toMatchObject({ code: "CONFLICT", fields: { amount: "is more than the balance" } });
    await control(w, "requester", { method: "PUT", body: { balance: 100 } });
    w.server.emulator.faults.set([{ endpoint: "bonus-create", kind: "latency", latency_ms: 500, count: 1 }]);
    const first = await w.tolokers.payBonus(id, BONUS, PAYER);
    await expect(w.tolokers.payBonus(id, BONUS, PAYER)).rejects.toMatchObject({ code: "CONFLICT" });
    await w.jobs.idle(first.id);
    // The same amount again within a day needs the member's confirmation.
    await expect(w.tolokers.payBonus(id, { ...BONUS, acknowledgedDuplicate: false }, PAYER)).rejects.toMatchObject({
      fields: { acknowledgedDuplicate: expect.any(String) },
    });
  });
});

describe("the panel", () => {
  it("shows what the emulator holds, and a part that fails shows its error beside the others (with the older copy)", async () => {
    const w = await start();
    const id = someToloker(w);
    const ok = await w.tolokers.panel(id, { refresh: true });
    expect(ok.profile.status).toBe("ok");
    const stored = w.server.emulator.store.tolokers().byId.get(id)!;
    if (ok.profile.status === "ok") {
      expect(ok.profile.data.country).toBe(stored.profile.country);
      expect(ok.profile.data.languages).toEqual(stored.profile.languages);
    }
    expect(ok.skills.status).toBe("ok");
    if (ok.skills.status === "ok") expect(ok.skills.data.map((s) => s.skillId).sort()).toEqual(Object.keys(stored.skills).sort());
    w.server.emulator.faults.set([{ endpoint: "restrictions-list", kind: "500" }]);
    const partly = await w.tolokers.panel(id, { refresh: true });
    expect(partly.profile.status).toBe("ok");
    expect(partly.restrictions).toMatchObject({ status: "error", stale: expect.any(Array) });
  });

  it("sets and removes a skill, and restricts and lifts, each visible in the emulator", async () => {
    const w = await start();
    const id = someToloker(w);
    const skill = await w.tolokers.setSkill(id, { skillId: "41027", value: 77 });
    expect(skill.value).toBe(77);
    expect(w.server.emulator.store.tolokers().byId.get(id)!.skills["41027"]).toBe(77);
    await w.tolokers.removeSkill(id, skill.id);
    expect(w.server.emulator.store.tolokers().byId.get(id)!.skills["41027"]).toBeUndefined();
    const r = await w.tolokers.restrict(id, {
      scope: "POOL",
      poolId: "44001893",
      comment: "Too fast answers",
      until: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    let panel = await w.tolokers.panel(id);
    expect(panel.restrictions.status === "ok" && panel.restrictions.data.map((x) => x.id)).toContain(r.id);
    await w.tolokers.lift(id, r.id);
    panel = await w.tolokers.panel(id);
    expect(panel.restrictions.status === "ok" && panel.restrictions.data.map((x) => x.id)).not.toContain(r.id);
  });
});

describe("appeals", () => {
  it("lists the seeded appeals by time left, and one accepted from its thread is ACCEPTED in Toloka and leaves the queue", async () => {
    const w = await start();
    await w.tolokers.refreshAppeals();
    // A pass reads a bounded number of assignments; a few passes read them all.
    for (let i = 0; i < 10 && w.tolokers.appeals().pending > 0; i++) await w.tolokers.refreshAppeals();
    const { items } = w.tolokers.appeals();
    expect(items.length).toBeGreaterThan(0);
    const days = items.map((a) => a.daysLeft ?? 99);
    expect(days).toEqual([...days].sort((x, y) => x - y));
    expect(
      days.some((d) => d <= 0),
      "some past the 9 days",
    ).toBe(true);
    expect(
      days.some((d) => d > 0 && d <= 2),
      "some near the 9 days",
    ).toBe(true);
    const first = items[0];
    const result = await w.tolokers.decideAppeal(
      first.threadId,
      { decision: "accept", publicComment: "Rechecked: accepted", text: { EN: "You were right, accepted." } },
      PAYER,
    );
    expect(result.reply.sent).toBe(true);
    const stored = await control<{ status: string; public_comment?: string }>(w, `assignments/${first.assignmentId}`);
    expect(stored.status).toBe("ACCEPTED");
    expect(w.tolokers.appeals().items.map((a) => a.assignmentId)).not.toContain(first.assignmentId);
  });

  it("an acceptance whose answer is lost is settled by reading the assignment back", async () => {
    const w = await start();
    const made = await control<{ thread: { id: string }; assignment: { id: string } }>(w, "appeals", { method: "POST", body: { rejected_days_ago: 8 } });
    await w.sync.incremental();
    const appeal = await w.tolokers.threadAppeal(made.thread.id, true);
    expect(appeal.appeal).toMatchObject({ assignmentId: made.assignment.id, status: "REJECTED", daysLeft: 1 });
    w.server.emulator.faults.set([{ endpoint: "assignment-patch", kind: "timeout", after_write: true, hang_ms: 3_000, count: 1 }]);
    const r = await w.tolokers.decideAppeal(made.thread.id, { decision: "accept" }, PAYER);
    expect(r.appeal).toMatchObject({ status: "ACCEPTED", decision: { kind: "accepted" } });
    // Kept: the rejection stands, the appeal still leaves the queue.
    const kept = await control<{ thread: { id: string }; assignment: { id: string } }>(w, "appeals", { method: "POST", body: { rejected_days_ago: 2 } });
    await w.sync.incremental();
    await w.tolokers.decideAppeal(kept.thread.id, { decision: "keep", text: { EN: "The rejection stands: see item 3." } }, PAYER);
    expect((await control<{ status: string }>(w, `assignments/${kept.assignment.id}`)).status).toBe("REJECTED");
    expect(w.tolokers.appeals().items.map((a) => a.assignmentId)).not.toContain(kept.assignment.id);
  });
});
