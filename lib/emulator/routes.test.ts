import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createEmulator, type Emulator } from "./emulator";
import { spec } from "./spec-schema";
import { fixture, T, tempDbPath, TOKEN } from "./test-helpers";

// The Next mount, exercised as Next calls it: Web Request in, Web Response out, params as a promise.
let current: Emulator | null = null;
vi.mock("@/lib/emulator/instance", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./instance")>()),
  getEmulator: () => current,
}));

const { GET: apiGet, POST: apiPost } = await import("@/app/emulator/api/v1/[...path]/route");
const { GET: controlGet, POST: controlPost, PUT: controlPut } = await import("@/app/emulator/control/[...path]/route");

const auth = { authorization: `ApiKey ${TOKEN}` };
const ctx = (path: string[]) => ({ params: Promise.resolve({ path }) });

beforeEach(() => {
  current = createEmulator({ dbPath: tempDbPath(), token: TOKEN, seed: false, variety: false });
  current.store.insertSeed(fixture());
});
afterEach(() => {
  current?.close();
  current = null;
});

describe("Next route handlers", () => {
  it("serve the Toloka API from the path segments and query", async () => {
    const res = await apiGet(new Request("http://localhost/emulator/api/v1/message-threads?folder=INBOX&limit=5", { headers: auth }), ctx(["message-threads"]));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const page = spec.threadPage.parse(await res.json());
    expect(page.items.map((t) => t.folders)).toEqual([["INBOX", "UNREAD"]]);
    const composed = await apiPost(
      new Request("http://localhost/emulator/api/v1/message-threads/compose", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ topic: { EN: "a" }, text: { EN: "b" }, recipients_select_type: "DIRECT", recipients_ids: [T.usMid] }),
      }),
      ctx(["message-threads", "compose"]),
    );
    expect(composed.status).toBe(201);
    expect(spec.thread.parse(await composed.json()).folders).toEqual(["OUTBOX"]);
    const unauthorized = await apiGet(new Request("http://localhost/emulator/api/v1/skills"), ctx(["skills"]));
    expect(unauthorized.status).toBe(401);
  });

  it("serve the control API", async () => {
    const put = await controlPut(
      new Request("http://localhost/emulator/control/faults", { method: "PUT", headers: auth, body: JSON.stringify([{ endpoint: "list", kind: "drop" }]) }),
      ctx(["faults"]),
    );
    expect(put.status).toBe(200);
    const stats = await controlGet(new Request("http://localhost/emulator/control/stats", { headers: auth }), ctx(["stats"]));
    expect(stats.status).toBe(200);
    // A dropped connection is a body that errors, which Next turns into a cut socket.
    const dropped = await apiGet(new Request("http://localhost/emulator/api/v1/message-threads", { headers: auth }), ctx(["message-threads"]));
    await expect(dropped.text()).rejects.toThrow(/dropped/);
  });

  it("refuse a seed request of more than 200,000 threads with a 400 that says the limit, and add nothing", async () => {
    const seed = (threads: number) =>
      controlPost(
        new Request("http://localhost/emulator/control/seed", {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ threads }),
        }),
        ctx(["seed"]),
      );
    const before = current!.store.counts().threads;
    for (const threads of [200_001, 5_000_000]) {
      const res = await seed(threads);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { code: string; payload: { threads: { message: string } } };
      expect(body.code).toBe("VALIDATION_ERROR");
      expect(body.payload.threads.message).toMatch(/at most 200,000 in one request/);
    }
    expect(current!.store.counts().threads).toBe(before);
    const small = await seed(10);
    expect(small.status).toBe(200);
    expect(current!.store.counts().threads).toBe(before + 10);
  });

  it("answer 404 in Toloka's shape when the emulator is disabled", async () => {
    current!.close();
    current = null;
    for (const res of [
      await apiGet(new Request("http://localhost/emulator/api/v1/message-threads", { headers: auth }), ctx(["message-threads"])),
      await controlGet(new Request("http://localhost/emulator/control/stats", { headers: auth }), ctx(["stats"])),
    ]) {
      expect(res.status).toBe(404);
      const body = (await res.json()) as { code: string; request_id: string };
      expect(body.code).toBe("DOES_NOT_EXIST");
      expect(body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
