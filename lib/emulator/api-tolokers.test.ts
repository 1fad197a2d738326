import { afterEach, describe, expect, it } from "vitest";
import { createEmulator, type Emulator, type EmulatorOptions } from "./emulator";
import { createRng, generateSeed } from "./seed";
import { spec } from "./spec-schema";
import { fixture, SKILL_RELEVANCE, T, tempDbPath, TOKEN } from "./test-helpers";

/*
 * The Toloker endpoints of the emulated API (toloka-openapi-tolokers.yaml): what they answer, what they refuse,
 * and that a write is never applied twice where Toloka promises it is not (a bonus under one operation id).
 */

let emulator: Emulator | null = null;
afterEach(() => {
  emulator?.close();
  emulator = null;
});

let clock = new Date("2026-11-10T12:00:00.000Z");
function start(opts: Partial<EmulatorOptions> = {}): Emulator {
  clock = new Date("2026-11-10T12:00:00.000Z");
  emulator = createEmulator({ dbPath: tempDbPath(), token: TOKEN, seed: false, variety: false, now: () => clock, ...opts });
  emulator.store.insertSeed(fixture());
  return emulator;
}

type Answer = { status: number; body: Record<string, unknown> & { code?: string; payload?: Record<string, unknown> } };
async function call(method: string, path: string, body?: unknown, surface: "api" | "control" = "api"): Promise<Answer> {
  const url = new URL(`http://localhost/${path}`);
  const res = await emulator!.handle(surface, {
    method,
    path: url.pathname.split("/").filter(Boolean),
    query: url.searchParams,
    header: (name) => (name === "authorization" ? `ApiKey ${TOKEN}` : name === "content-type" && body !== undefined ? "application/json" : null),
    text: async () => (body === undefined ? "" : JSON.stringify(body)),
  });
  const text = res.body === undefined ? "" : typeof res.body === "string" ? res.body : Buffer.from(res.body).toString("utf8");
  return { status: res.status, body: text ? (JSON.parse(text) as Answer["body"]) : {} };
}
const items = (a: Answer) => a.body.items as Record<string, unknown>[];

const bonus = (over: Record<string, unknown> = {}) => ({
  user_id: T.deExpert,
  amount: 0.5,
  public_title: { EN: "Thanks" },
  public_message: { EN: "Good work" },
  without_message: false,
  ...over,
});

describe("user metadata", () => {
  it("answers a Toloker's country, languages and device, and 404 for an unknown id", async () => {
    start();
    const r = await call("GET", `user-metadata/${T.deExpert}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: T.deExpert, country: "DE", languages: ["DE", "EN"] });
    expect((await call("GET", "user-metadata/ffffffffffffffffffffffffffffffff")).status).toBe(404);
  });
});

describe("user skills", () => {
  it("lists a Toloker's levels with ids; a level set or removed changes who a filter selects", async () => {
    const e = start();
    const listed = await call("GET", `user-skills?user_id=${T.usMid}`);
    expect(items(listed)).toEqual([expect.objectContaining({ skill_id: SKILL_RELEVANCE, user_id: T.usMid, value: 60, exact_value: 60 })]);
    const filter = { and: [{ category: "skill", key: SKILL_RELEVANCE, operator: "GTE", value: 80 }] };
    expect(e.store.selectByFilter(filter as never)).not.toContain(T.usMid);
    const set = await call("PUT", "user-skills", { skill_id: SKILL_RELEVANCE, user_id: T.usMid, value: 85, reason: "Rechecked" });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id: items(listed)[0].id, value: 85 });
    expect(e.store.selectByFilter(filter as never)).toContain(T.usMid);
    expect((await call("DELETE", `user-skills/${set.body.id}`)).status).toBe(204);
    expect((await call("GET", `user-skills/${set.body.id}`)).status).toBe(404);
    expect(items(await call("GET", `user-skills?user_id=${T.usMid}`))).toEqual([]);
    expect(e.store.tolokers().byId.get(T.usMid)!.skills[SKILL_RELEVANCE]).toBeUndefined();
    expect((await call("DELETE", `user-skills/${set.body.id}`)).status).toBe(404);
  });

  it("refuses an unknown skill, an unknown Toloker and a value out of range, naming the field", async () => {
    start();
    const unknownSkill = await call("PUT", "user-skills", { skill_id: "99999", user_id: T.usMid, value: 10 });
    expect(unknownSkill).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR", payload: { skill_id: expect.anything() } } });
    const unknownUser = await call("PUT", "user-skills", { skill_id: SKILL_RELEVANCE, user_id: "f".repeat(32), value: 10 });
    expect(unknownUser.body.payload).toHaveProperty("user_id");
    const tooHigh = await call("PUT", "user-skills", { skill_id: SKILL_RELEVANCE, user_id: T.usMid, value: 101 });
    expect(tooHigh.body.payload).toHaveProperty("value");
  });
});

describe("user restrictions", () => {
  it("restricts, updates the same restriction on a second PUT, lifts, and forgets one that expired", async () => {
    start();
    expect((await call("PUT", "user-restrictions", { scope: "POOL", user_id: T.deExpert })).body.payload).toHaveProperty("pool_id");
    const first = await call("PUT", "user-restrictions", {
      scope: "POOL",
      user_id: T.deExpert,
      pool_id: "123",
      private_comment: "Fast answers",
      will_expire: "2026-11-12T12:00:00",
    });
    expect(first).toMatchObject({
      status: 200,
      body: { scope: "POOL", pool_id: "123", private_comment: "Fast answers", will_expire: "2026-11-12T12:00:00.000" },
    });
    const again = await call("PUT", "user-restrictions", { scope: "POOL", user_id: T.deExpert, pool_id: 123, private_comment: "Fast answers, twice" });
    expect(again.body).toMatchObject({ id: first.body.id, private_comment: "Fast answers, twice" });
    expect(again.body.will_expire).toBeUndefined();
    const project = await call("PUT", "user-restrictions", { scope: "PROJECT", user_id: T.deExpert, project_id: "77", will_expire: "2026-11-11T12:00:00" });
    expect(items(await call("GET", `user-restrictions?user_id=${T.deExpert}`)).map((r) => r.id)).toEqual([first.body.id, project.body.id]);
    clock = new Date("2026-11-11T13:00:00.000Z");
    expect(items(await call("GET", `user-restrictions?user_id=${T.deExpert}`)).map((r) => r.id)).toEqual([first.body.id]);
    expect((await call("GET", `user-restrictions/${project.body.id}`)).status).toBe(404);
    expect((await call("DELETE", `user-restrictions/${first.body.id}`)).status).toBe(204);
    expect(items(await call("GET", `user-restrictions?user_id=${T.deExpert}`))).toEqual([]);
  });

  it("refuses SYSTEM (Toloka's own) and an expiry in the past", async () => {
    start();
    expect((await call("PUT", "user-restrictions", { scope: "SYSTEM", user_id: T.deExpert })).status).toBe(403);
    const past = await call("PUT", "user-restrictions", { scope: "ALL_PROJECTS", user_id: T.deExpert, will_expire: "2026-11-01T00:00:00" });
    expect(past.body.payload).toHaveProperty("will_expire");
  });
});

describe("user bonuses", () => {
  it("pays once per operation id, from the balance", async () => {
    start();
    expect((await call("GET", "requester")).body.balance).toBe(1234.56);
    const paid = await call("POST", "user-bonuses?async_mode=false&operation_id=op-1", bonus({ private_comment: "ref-1" }));
    expect(paid).toMatchObject({ status: 201, body: { user_id: T.deExpert, amount: 0.5, private_comment: "ref-1", created: "2026-11-10T12:00:00.000" } });
    const again = await call("POST", "user-bonuses?async_mode=false&operation_id=op-1", bonus({ private_comment: "ref-1" }));
    expect(again).toMatchObject({ status: 409, body: { code: "OPERATION_ALREADY_EXISTS" } });
    expect(items(await call("GET", `user-bonuses?user_id=${T.deExpert}`))).toHaveLength(1);
    expect((await call("GET", "requester")).body.balance).toBe(1234.06);
    expect((await call("GET", `user-bonuses/${paid.body.id}`)).body).toMatchObject({ id: paid.body.id, amount: 0.5 });
  });

  it("refuses amounts outside $0.005-$100, a missing message, an unknown Toloker, and more than the balance", async () => {
    start();
    expect((await call("POST", "user-bonuses", bonus({ amount: 0.004 }))).body.payload).toHaveProperty("amount");
    expect((await call("POST", "user-bonuses", bonus({ amount: 100.5 }))).body.payload).toHaveProperty("amount");
    expect((await call("POST", "user-bonuses", bonus({ amount: 0.0055 }))).body.payload).toHaveProperty("amount");
    expect((await call("POST", "user-bonuses", bonus({ public_message: undefined }))).body.payload).toHaveProperty("public_message");
    expect((await call("POST", "user-bonuses", bonus({ user_id: "f".repeat(32) }))).body.payload).toHaveProperty("user_id");
    await call("PUT", "requester", { balance: 0.3 }, "control");
    expect(await call("POST", "user-bonuses", bonus())).toMatchObject({ status: 409, body: { code: "NOT_ENOUGH_BALANCE" } });
    expect(items(await call("GET", "user-bonuses"))).toEqual([]);
  });

  it("counts requests against the daily limit (429 naming DAY), and pays a batch skipping invalid items when asked", async () => {
    start({ limits: { bonusRequestsPerDay: 2 } });
    const batch = await call("POST", "user-bonuses?skip_invalid_items=true", [bonus(), bonus({ amount: 500 }), bonus({ user_id: T.usMid })]);
    expect(batch.status).toBe(201);
    expect(Object.keys(batch.body.items as object)).toEqual(["0", "2"]);
    expect(Object.keys(batch.body.validation_errors as object)).toEqual(["1"]);
    expect((await call("POST", "user-bonuses", [bonus(), bonus({ amount: 500 })])).body.payload).toHaveProperty("1.amount");
    expect((await call("POST", "user-bonuses", bonus())).status).toBe(201);
    expect(await call("POST", "user-bonuses", bonus())).toMatchObject({ status: 429, body: { payload: { interval: "DAY" } } });
    const sorted = items(await call("GET", "user-bonuses?sort=-id&created_gte=2026-11-10T00:00:00"));
    expect(sorted.map((b) => Number(b.id))).toEqual([3, 2, 1]);
  });

  it("with an injected 500 after the write, the bonus exists though the answer was an error", async () => {
    const e = start();
    e.faults.set([{ endpoint: "bonus-create", kind: "500", after_write: true, count: 1 }]);
    expect((await call("POST", "user-bonuses?operation_id=op-2", bonus())).status).toBe(500);
    expect(items(await call("GET", `user-bonuses?user_id=${T.deExpert}`))).toHaveLength(1);
    expect((await call("POST", "user-bonuses?operation_id=op-2", bonus())).body.code).toBe("OPERATION_ALREADY_EXISTS");
  });
});

describe("assignments", () => {
  it("an appeal's assignment is REJECTED; it may become ACCEPTED once, and a rejection needs a comment", async () => {
    start();
    const made = await call("POST", "appeals", { rejected_days_ago: 8, toloker_id: T.usMid, pool_id: "123" }, "control");
    expect(made.status).toBe(201);
    const a = made.body.assignment as { id: string; status: string; rejected: string; user_id: string };
    expect(a).toMatchObject({ status: "REJECTED", user_id: T.usMid, rejected: "2026-11-02T12:00:00.000" });
    expect((made.body.thread as { meta: Record<string, string> }).meta.assignment_id).toBe(a.id);
    expect(items(await call("GET", `assignments?pool_id=123&user_id=${T.usMid}&status=REJECTED`)).map((x) => x.id)).toEqual([a.id]);
    const accepted = await call("PATCH", `assignments/${a.id}`, { status: "ACCEPTED", public_comment: "Rechecked" });
    expect(accepted).toMatchObject({ status: 200, body: { status: "ACCEPTED", public_comment: "Rechecked", accepted: "2026-11-10T12:00:00.000" } });
    expect(await call("PATCH", `assignments/${a.id}`, { status: "ACCEPTED" })).toMatchObject({ status: 409, body: { code: "CONFLICT_STATE" } });
    expect(await call("PATCH", `assignments/${a.id}`, { status: "REJECTED" })).toMatchObject({
      status: 400,
      body: { payload: { public_comment: expect.anything() } },
    });
    expect((await call("GET", `assignments/${a.id}`, undefined, "control")).body.status).toBe("ACCEPTED");
    expect((await call("GET", "assignments?status=DONE")).body.payload).toHaveProperty("status");
    expect((await call("PATCH", "assignments/0000000000--000000000000000000000000", { status: "ACCEPTED" })).status).toBe(404);
  });

  it("answers 405 for a method the resource does not have", async () => {
    start();
    expect((await call("DELETE", "user-bonuses")).status).toBe(405);
    expect((await call("GET", "constructor")).status).toBe(404);
  });
});

describe("the demo records", () => {
  const now = new Date("2026-12-01T12:00:00.000Z");
  const data = generateSeed({ now });
  const records = data.records!;

  it("give every appeal its REJECTED or ACCEPTED assignment, with appeals both inside and past the nine days", () => {
    const appeals = data.threads.filter((t) => t.questionKind === "appeal");
    expect(appeals.length).toBeGreaterThan(3);
    const byId = new Map(records.assignments.map((a) => [a.id, a]));
    for (const t of appeals) {
      const a = byId.get(t.thread.meta!.assignment_id!);
      expect(a, t.thread.id).toBeDefined();
      expect(["REJECTED", "ACCEPTED"]).toContain(a!.status);
      expect(a!.rejectedMs!).toBeLessThan(Date.parse(`${t.thread.created}Z`));
    }
    const daysLeft = appeals
      .map((t) => byId.get(t.thread.meta!.assignment_id!)!)
      .filter((a) => a.status === "REJECTED")
      .map((a) => Math.ceil((a.rejectedMs! + 9 * 86_400_000 - now.getTime()) / 86_400_000));
    expect(daysLeft.some((d) => d <= 0)).toBe(true);
    expect(daysLeft.some((d) => d >= 1 && d <= 2)).toBe(true);
  });

  it("hold bonuses and restrictions of thread Tolokers, and are the same for the same seed and moment", () => {
    expect(records.bonuses.length).toBeGreaterThan(10);
    expect(records.restrictions.length).toBeGreaterThan(0);
    expect(records.assignments.length).toBeGreaterThan(data.threads.filter((t) => t.thread.meta?.assignment_id).length);
    expect(generateSeed({ now }).records).toEqual(records);
    expect(createRng(1).fork("records").next()).toBe(createRng(1).fork("records").next());
  });
});

describe("every answer has the spec's shape", () => {
  it("metadata, skills, restrictions, bonuses, assignments and the requester parse with the spec's views, strictly", async () => {
    const e = createEmulator({ dbPath: tempDbPath(), token: TOKEN, variety: false, seedOptions: { tolokerCount: 300, threadCount: 120 } });
    emulator = e;
    const someone = e.store.listTolokers(300, 0).items.find((t) => Object.keys(t.skills).length > 0)!.id;
    spec.metadata.parse((await call("GET", `user-metadata/${someone}`)).body);
    expect(spec.userSkillPage.parse((await call("GET", `user-skills?user_id=${someone}`)).body).items.length).toBeGreaterThan(0);
    expect(spec.restrictionPage.parse((await call("GET", "user-restrictions?limit=300")).body).items.length).toBeGreaterThan(0);
    expect(spec.bonusPage.parse((await call("GET", "user-bonuses?limit=300")).body).items.length).toBeGreaterThan(0);
    const assignments = spec.assignmentPage.parse((await call("GET", "assignments?limit=1000&status=REJECTED")).body).items;
    expect(assignments.length).toBeGreaterThan(0);
    spec.assignment.parse((await call("GET", `assignments/${assignments[0].id}`)).body);
    spec.requester.parse((await call("GET", "requester")).body);
    spec.bonus.parse((await call("POST", "user-bonuses", bonus({ user_id: someone }))).body);
    spec.userSkill.parse((await call("PUT", "user-skills", { skill_id: SKILL_RELEVANCE, user_id: someone, value: 50 })).body);
    spec.restriction.parse((await call("PUT", "user-restrictions", { scope: "ALL_PROJECTS", user_id: someone })).body);
    spec.error.parse((await call("GET", "user-metadata/nobody")).body);
  });
});
