import { afterEach, describe, expect, it } from "vitest";
import type { WireThread } from "../toloka/wire";
import { startTestServer, T, TOKEN, type TestServer } from "./test-helpers";

type ErrorBody = { request_id: string; code: string; message: string; payload?: Record<string, unknown> };

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const setFaults = async (rules: unknown) => {
  const res = await s!.control<{ rules: unknown[] } & ErrorBody>("PUT", "/faults", rules);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res;
};

const composeBody = { topic: { EN: "F" }, text: { EN: "x" }, recipients_select_type: "DIRECT", recipients_ids: [T.usMid] };

async function rawCompose(signal?: AbortSignal) {
  return fetch(`${s!.url}/message-threads/compose`, {
    method: "POST",
    headers: { authorization: `ApiKey ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(composeBody),
    signal,
  });
}

const outboxCount = async () => (await s!.listAll("folder=OUTBOX")).length;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

describe("fault injection through real HTTP", () => {
  it("sparse: the request is served, its threads without inlined messages, interlocutors or compose_details", async () => {
    s = await startTestServer();
    await setFaults([{ endpoint: "*", kind: "sparse", count: 2 }]);
    const res = await rawCompose();
    expect(res.status).toBeLessThan(300);
    const made = (await res.json()) as Record<string, unknown>;
    expect(made).toMatchObject({ messages_inlined: false, interlocutors_inlined: false });
    expect(made).not.toHaveProperty("messages");
    expect(made).not.toHaveProperty("compose_details");
    const list = await s.api<{ items: Record<string, unknown>[] }>("GET", "/message-threads?folder=OUTBOX");
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((t) => !("messages" in t) && t.messages_inlined === false && typeof t.id === "string")).toBe(true);
    // Spent: the next listing is whole again.
    const whole = await s.api<{ items: Record<string, unknown>[] }>("GET", "/message-threads?folder=OUTBOX");
    expect(whole.body.items.every((t) => Array.isArray(t.messages))).toBe(true);
  });

  it("unreadable: the write is done, its 2xx answer is no thread at all", async () => {
    s = await startTestServer();
    const before = await outboxCount();
    await setFaults([{ endpoint: "compose", kind: "unreadable", count: 1 }]);
    const res = await rawCompose();
    expect(res.status).toBeLessThan(300);
    expect(await res.json()).not.toHaveProperty("id");
    expect(await outboxCount()).toBe(before + 1);
  });

  it("latency: rules for the endpoint add up; other endpoints are not slowed", async () => {
    s = await startTestServer();
    await setFaults([
      { endpoint: "list", kind: "latency", latency_ms: 1500 },
      { endpoint: "*", kind: "latency", latency_ms: 100 },
      { endpoint: "compose", kind: "latency", latency_ms: 20_000 },
    ]);
    // Lower bounds are the delays themselves; the upper bounds only tell one rule's delay from another's, so they
    // sit seconds away from what a slow machine adds.
    const [list, listMs] = await timed(() => s!.api("GET", "/message-threads"));
    expect(list.status).toBe(200);
    expect(listMs).toBeGreaterThanOrEqual(1595);
    expect(listMs).toBeLessThan(20_000);
    const [skills, skillsMs] = await timed(() => s!.api("GET", "/skills"));
    expect(skills.status).toBe(200);
    expect(skillsMs).toBeGreaterThanOrEqual(95);
    expect(skillsMs).toBeLessThan(1500);
  });

  it("500 and 503 in Toloka's error shape; count spends a rule; the first error rule that fires decides", async () => {
    s = await startTestServer();
    await setFaults({
      rules: [
        { endpoint: "skills", kind: "500", count: 1 },
        { endpoint: "skills", kind: "503", count: 2 },
      ],
    });
    const first = await s.api<ErrorBody>("GET", "/skills");
    expect(first.status).toBe(500);
    expect(first.body.code).toBe("INTERNAL_ERROR");
    const second = await s.api<ErrorBody>("GET", "/skills");
    expect(second.status).toBe(503);
    expect(second.body.code).toBe("REMOTE_SERVICE_UNAVAILABLE");
    expect((await s.api("GET", "/skills")).status).toBe(503);
    expect((await s.api("GET", "/skills")).status).toBe(200);
    const listed = await s.control<{ rules: { remaining: number; fired: number }[] }>("GET", "/faults");
    expect(listed.body.rules.map((r) => [r.remaining, r.fired])).toEqual([
      [0, 1],
      [0, 2],
    ]);
    // The list endpoint was never affected.
    expect((await s.api("GET", "/message-threads")).status).toBe(200);
  });

  it("401 as for a revoked key", async () => {
    s = await startTestServer();
    await setFaults([{ endpoint: "*", kind: "401", count: 1 }]);
    const res = await s.api<ErrorBody>("GET", "/skills");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("AUTHENTICATION_ERROR");
    expect((await s.api("GET", "/skills")).status).toBe(200);
  });

  it("429 without Retry-After by default, with it when asked", async () => {
    s = await startTestServer();
    await setFaults([
      { endpoint: "list", kind: "429", count: 1 },
      { endpoint: "list", kind: "429", count: 1, retry_after: 3 },
    ]);
    const bare = await s.api<ErrorBody>("GET", "/message-threads");
    expect(bare.status).toBe(429);
    expect(bare.body.code).toBe("TOO_MANY_REQUESTS");
    expect(bare.headers.get("retry-after")).toBeNull();
    const withHeader = await s.api<ErrorBody>("GET", "/message-threads");
    expect(withHeader.status).toBe(429);
    expect(withHeader.headers.get("retry-after")).toBe("3");
    expect((await s.api("GET", "/message-threads")).status).toBe(200);
  });

  it("rate decides with the injected randomness: 0 never fires, 0.5 fires when random() < 0.5", async () => {
    const draws = [0.9, 0.1, 0.6, 0.4];
    let i = 0;
    s = await startTestServer({ random: () => draws[i++ % draws.length] });
    await setFaults([{ endpoint: "skills", kind: "500", rate: 0.5 }]);
    const statuses = [];
    for (let k = 0; k < 4; k++) statuses.push((await s.api("GET", "/skills")).status);
    expect(statuses).toEqual([200, 500, 200, 500]);
    await setFaults([{ endpoint: "*", kind: "500", rate: 0 }]);
    expect((await s.api("GET", "/skills")).status).toBe(200);
  });

  it("500 after the write: the client sees an error but the thread exists", async () => {
    s = await startTestServer();
    const before = await outboxCount();
    await setFaults([{ endpoint: "compose", kind: "500", after_write: true, count: 1 }]);
    const res = await s.api<ErrorBody>("POST", "/message-threads/compose", composeBody);
    expect(res.status).toBe(500);
    expect(await outboxCount()).toBe(before + 1);
    // Before the write (the default), nothing is created.
    await setFaults([{ endpoint: "compose", kind: "503", count: 1 }]);
    expect((await s.api("POST", "/message-threads/compose", composeBody)).status).toBe(503);
    expect(await outboxCount()).toBe(before + 1);
  });

  it("timeout after the write: a client that gives up at 300 ms fails, yet the thread exists", async () => {
    s = await startTestServer();
    const before = await outboxCount();
    await setFaults([{ endpoint: "compose", kind: "timeout", after_write: true, hang_ms: 5000, count: 1 }]);
    const [outcome, ms] = await timed(() =>
      rawCompose(AbortSignal.timeout(300)).then(
        () => "answered",
        (e: Error) => e.name,
      ),
    );
    expect(outcome).toBe("TimeoutError");
    // The client gave up on its own, long before the emulator would have answered.
    expect(ms).toBeLessThan(4000);
    expect(await outboxCount()).toBe(before + 1);
  });

  it("timeout after the write answers normally once hang_ms has passed", async () => {
    s = await startTestServer();
    await setFaults([{ endpoint: "reply", kind: "timeout", after_write: true, hang_ms: 400 }]);
    const question = (await s.control<WireThread>("POST", "/inbound", { toloker_id: T.usMid, topic: "q", text: "q" })).body;
    const [res, ms] = await timed(() => s!.api<WireThread>("POST", `/message-threads/${question.id}/reply`, { text: { EN: "a" } }));
    expect(res.status).toBe(200);
    expect(res.body.folders).toContain("OUTBOX");
    expect(ms).toBeGreaterThanOrEqual(390);
  });

  it("timeout before the write: the client gives up and nothing was written", async () => {
    s = await startTestServer();
    const before = await outboxCount();
    await setFaults([{ endpoint: "compose", kind: "timeout", hang_ms: 3000, count: 1 }]);
    const outcome = await rawCompose(AbortSignal.timeout(300)).then(
      () => "answered",
      (e: Error) => e.name,
    );
    expect(outcome).toBe("TimeoutError");
    expect(await outboxCount()).toBe(before);
  });

  it("drop: the connection is cut, fetch rejects; after the write the thread exists anyway", async () => {
    s = await startTestServer();
    const before = await outboxCount();
    await setFaults([{ endpoint: "list", kind: "drop", count: 1 }]);
    await expect(fetch(`${s.url}/message-threads`, { headers: { authorization: `ApiKey ${TOKEN}` } })).rejects.toThrow(TypeError);
    expect((await s.api("GET", "/message-threads")).status).toBe(200);
    await setFaults([{ endpoint: "compose", kind: "drop", after_write: true, count: 1 }]);
    await expect(rawCompose()).rejects.toThrow(TypeError);
    expect(await outboxCount()).toBe(before + 1);
    const stats = await s.control<{ statuses: Record<string, number> }>("GET", "/stats");
    expect(stats.body.statuses.drop).toBe(2);
  });

  it("validates rules, appends with POST and clears with DELETE; faults never touch the control API", async () => {
    s = await startTestServer();
    const bad = await s.control<ErrorBody>("PUT", "/faults", [{ endpoint: "pools", kind: "500" }]);
    expect(bad.status).toBe(400);
    const noLatency = await s.control<ErrorBody>("PUT", "/faults", [{ endpoint: "list", kind: "latency" }]);
    expect(noLatency.status).toBe(400);
    await setFaults([{ endpoint: "*", kind: "503" }]);
    await s.control("POST", "/faults", [{ endpoint: "list", kind: "500" }]);
    expect((await s.control<{ rules: unknown[] }>("GET", "/faults")).body.rules).toHaveLength(2);
    expect((await s.control("GET", "/stats")).status).toBe(200);
    expect((await s.api("GET", "/skills")).status).toBe(503);
    await s.control("DELETE", "/faults");
    expect((await s.api("GET", "/skills")).status).toBe(200);
  });
});
