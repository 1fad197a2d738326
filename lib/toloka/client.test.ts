import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulatorServer, type EmulatorServer } from "@/lib/emulator/node-server";
import { TolokaClient } from "./client";
import { TolokaError } from "./errors";

const TOKEN = "client-test-token-0123456789";
let server: EmulatorServer;
let tolokerIds: string[];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tm-client-"));
  server = await startEmulatorServer({ dbPath: path.join(dir, "emulator.sqlite"), token: TOKEN });
  tolokerIds = server.emulator.store.listTolokers(5, 0).items.map((t) => t.id);
});
afterAll(async () => server.close());
beforeEach(() => {
  server.emulator.faults.set([]);
  server.emulator.resetStats();
});

function client(over: Partial<ConstructorParameters<typeof TolokaClient>[0]> = {}) {
  return new TolokaClient({
    baseUrl: server.url,
    token: TOKEN,
    authScheme: "ApiKey",
    timeoutMs: 1_000,
    retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 100 },
    ...over,
  });
}

async function errorOf(p: Promise<unknown>): Promise<TolokaError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TolokaError) return e;
    throw e;
  }
  throw new Error("expected a TolokaError");
}

const compose = (c: TolokaClient, n = 1) =>
  c.compose({ topic: { EN: "Hi" }, text: { EN: "Hello" }, recipients_select_type: "DIRECT", recipients_ids: tolokerIds.slice(0, n) });

/** The most of `sent` (times in ms) that fall within any one second. */
function busiestSecond(sent: number[]): number {
  const times = [...sent].sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  return busiest;
}

describe("TolokaClient", () => {
  it("sends the token in the scheme it was given, and both schemes work", async () => {
    // The emulator takes either scheme, so what went on the wire is read as it left.
    for (const scheme of ["ApiKey", "OAuth"] as const) {
      const sent: (string | null)[] = [];
      const page = await client({
        authScheme: scheme,
        fetch: (input, init) => {
          sent.push(new Headers(init?.headers).get("authorization"));
          return fetch(input, init);
        },
      }).listThreads({ limit: 1 });
      expect(page.items.length).toBe(1);
      expect(sent).toEqual([`${scheme} ${TOKEN}`]);
    }
  });

  it("turns a rejected token into a typed 401 that is not retried", async () => {
    const e = await errorOf(client({ token: "wrong-token-0123456789" }).listThreads());
    expect(e).toMatchObject({ status: 401, code: "AUTHENTICATION_ERROR" });
    expect(server.emulator.stats().total).toBe(1);
  });

  it("names the offending fields of a validation error", async () => {
    const e = await errorOf(client().compose({ topic: { EN: "x" }, text: { EN: "y" }, recipients_select_type: "DIRECT" }));
    expect(e.status).toBe(400);
    expect(e.code).toBe("VALIDATION_ERROR");
    expect(Object.keys(e.fields ?? {})).toContain("recipients_ids");
    expect(e.outcome).toBe("not-applied");
  });

  it("retries a read through 500, 503 and a dropped connection, then succeeds", async () => {
    server.emulator.faults.set([
      { endpoint: "list", kind: "500", rate: 1, count: 1 },
      { endpoint: "list", kind: "503", rate: 1, count: 1 },
      { endpoint: "list", kind: "drop", rate: 1, count: 1 },
    ]);
    const page = await client().listThreads({ limit: 5 });
    expect(page.items.length).toBeGreaterThanOrEqual(0);
    expect(server.emulator.stats().requests.list).toBe(4);
  });

  it("waits as long as Retry-After says on a 429", async () => {
    server.emulator.faults.set([{ endpoint: "list", kind: "429", rate: 1, count: 1, retry_after: 1 }]);
    const started = Date.now();
    await client().listThreads({ limit: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.emulator.stats().requests.list).toBe(2);
  });

  it("waits out a per-minute quota (429 naming MIN) without Retry-After, then goes on", async () => {
    server.emulator.faults.set([{ endpoint: "list", kind: "429", rate: 1, count: 1, interval: "MIN" }]);
    const started = Date.now();
    await client({ retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 100, minuteQuotaWaitMs: 700 } }).listThreads({ limit: 1 });
    // The minute's wait (shortened here), not the backoff of a few milliseconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(690);
    expect(server.emulator.stats().requests.list).toBe(2);
  });

  it("never retries an hourly or daily quota: one call, and the error says which quota", async () => {
    for (const interval of ["HOUR", "DAY"] as const) {
      server.emulator.resetStats();
      server.emulator.faults.set([{ endpoint: "list", kind: "429", rate: 1, interval }]);
      const e = await errorOf(client().listThreads({ limit: 1 }));
      expect(e).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS", quotaInterval: interval, isLongQuota: true });
      expect(server.emulator.stats().requests.list).toBe(1);
    }
  });

  it("asks for skills 100 a page at most, as Toloka allows", async () => {
    const asked: string[] = [];
    await client({
      fetch: (input, init) => {
        asked.push(String(input));
        return fetch(input, init);
      },
    }).listSkills({ limit: 300 });
    expect(new URL(asked[0]).searchParams.get("limit")).toBe("100");
  });

  it("retries a folder change that timed out (it is safe to repeat)", async () => {
    const id = (await client().compose({ topic: { EN: "t" }, text: { EN: "x" }, recipients_select_type: "DIRECT", recipients_ids: tolokerIds.slice(0, 1) })).id;
    server.emulator.faults.set([{ endpoint: "add-to-folders", kind: "timeout", rate: 1, count: 1, hang_ms: 1_500 }]);
    const t = await client({ timeoutMs: 300 }).addToFolders(id, ["IMPORTANT"]);
    expect(t.folders).toContain("IMPORTANT");
    expect(server.emulator.stats().requests["add-to-folders"]).toBe(2);
  });

  it("gives up after its attempts, with the last error", async () => {
    server.emulator.faults.set([{ endpoint: "list", kind: "503", rate: 1 }]);
    const e = await errorOf(client().listThreads());
    expect(e.status).toBe(503);
    expect(server.emulator.stats().requests.list).toBe(4);
  });

  it("never retries a compose: a 500 after the write is reported as an unknown outcome, sent once", async () => {
    server.emulator.faults.set([{ endpoint: "compose", kind: "500", rate: 1, count: 1, after_write: true }]);
    const e = await errorOf(compose(client()));
    expect(e.status).toBe(500);
    expect(e.outcome).toBe("unknown");
    expect(server.emulator.stats().requests.compose).toBe(1);
  });

  it("reports a compose that timed out as an unknown outcome, and does not repeat it", async () => {
    server.emulator.faults.set([{ endpoint: "compose", kind: "timeout", rate: 1, count: 1, after_write: true, hang_ms: 1_000 }]);
    const e = await errorOf(compose(client({ timeoutMs: 200 })));
    expect(e).toMatchObject({ status: 0, code: "TIMEOUT", outcome: "unknown" });
    expect(server.emulator.stats().requests.compose).toBe(1);
  });

  it("reports a refused reply as not applied, and does not retry it", async () => {
    const id = (await compose(client())).id;
    server.emulator.faults.set([{ endpoint: "reply", kind: "503", rate: 1, count: 1 }]);
    const e = await errorOf(client().reply(id, { EN: "x" }));
    expect(e.status).toBe(503);
    expect(server.emulator.stats().requests.reply).toBe(1);
  });

  it("keeps a burst under its requests-per-second budget, all callers together", async () => {
    const sent: number[] = [];
    const c = client({
      maxRequestsPerSecond: 100,
      fetch: (input, init) => {
        sent.push(performance.now());
        return fetch(input, init);
      },
    });
    await Promise.all(Array.from({ length: 250 }, () => c.listThreads({ limit: 1 })));
    const busiest = busiestSecond(sent);
    expect(busiest).toBeLessThanOrEqual(100);
    // ...and it uses the budget: some second carries (nearly) all of it. A limiter that spaced requests out more
    // than it must would stay well under, however fast the machine; a stalled event loop only bunches them up.
    expect(busiest).toBeGreaterThanOrEqual(90);
    expect(server.emulator.stats().statuses["429"] ?? 0).toBe(0);
  });

  it("stays under Toloka's 300 a second by default: never more than 290 sent in any second, every call answered", async () => {
    const sent: number[] = [];
    const c = client({
      fetch: (input, init) => {
        sent.push(performance.now());
        return fetch(input, init);
      },
    });
    const pages = await Promise.all(Array.from({ length: 700 }, () => c.listThreads({ limit: 1 })));
    expect(pages.every((p) => p.items.length === 1)).toBe(true);
    // Counted where the client sends, not where the emulator receives: a busy machine may deliver a second and a
    // bit of sends within one of the emulator's seconds (as a network may), and a 429 is then retried.
    const busiest = busiestSecond(sent);
    expect(busiest).toBeLessThanOrEqual(290);
    expect(sent.length).toBe(700 + (server.emulator.stats().statuses["429"] ?? 0));
  });
});
