import { afterEach, describe, expect, it } from "vitest";
import { objectIdTime } from "./ids";
import { startTestServer, T, tempDbPath, type TestServer } from "./test-helpers";
import { EmulatorStore } from "./store";
import { createEmulator } from "./emulator";
import type { WireThread } from "../toloka/wire";

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const composeBody = { topic: { EN: "R" }, text: { EN: "x" }, recipients_select_type: "DIRECT", recipients_ids: [T.usMid] };

describe("store", () => {
  it("survives a restart: same threads, recipients and requester; ids keep increasing", async () => {
    s = await startTestServer();
    const dbPath = s.dbPath;
    const first = await s.api<WireThread>("POST", "/message-threads/compose", composeBody);
    await s.api("POST", `/message-threads/${first.body.id}/add-to-folders`, { folders: ["IMPORTANT"] });
    const before = await s.listAll();
    await s.close();

    s = await startTestServer({ dbPath, withFixture: false });
    expect(await s.listAll()).toEqual(before);
    expect((await s.control<{ ids: string[] }>("GET", `/threads/${first.body.id}/recipients`)).body.ids).toEqual([T.usMid]);
    const second = await s.api<WireThread>("POST", "/message-threads/compose", composeBody);
    expect(second.status).toBe(201);
    expect(second.body.id > first.body.id).toBe(true);
    expect(second.body.interlocutors).toContainEqual(first.body.interlocutors!.find((i) => i.myself));
  });

  it("makes strictly increasing ids within one second and when the clock steps back", async () => {
    let now = new Date("2026-11-21T12:00:00.000Z");
    s = await startTestServer({ now: () => now });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await s.api<WireThread>("POST", "/message-threads/compose", composeBody)).body.id);
    now = new Date("2026-11-21T11:00:00.000Z");
    ids.push((await s.control<WireThread>("POST", "/notice", { topic: "n", text: "n" })).body.id);
    now = new Date("2026-11-21T12:00:05.000Z");
    ids.push((await s.control<WireThread>("POST", "/inbound", { topic: "q", text: "q" })).body.id);
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1], `${ids[i]} > ${ids[i - 1]}`).toBe(true);
    expect(objectIdTime(ids[0]).toISOString()).toBe("2026-11-21T12:00:00.000Z");
    expect(objectIdTime(ids.at(-1)!).toISOString()).toBe("2026-11-21T12:00:05.000Z");
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
  });

  it("keeps the id counter across a wipe, so a reset never reuses an id", () => {
    const dbPath = tempDbPath();
    const store = new EmulatorStore(dbPath);
    store.insertTolokers([{ id: T.usMid, profile: { languages: [] }, computed: {}, skills: {}, didTask: true }]);
    const a = store.tolokerWritesFirst({ tolokerId: T.usMid, topic: { EN: "a" }, text: { EN: "a" } });
    store.wipe();
    expect(store.counts()).toMatchObject({ threads: 0, tolokers: 0 });
    store.insertTolokers([{ id: T.usMid, profile: { languages: [] }, computed: {}, skills: {}, didTask: true }]);
    const b = store.tolokerWritesFirst({ tolokerId: T.usMid, topic: { EN: "b" }, text: { EN: "b" } });
    expect(b.id > a.id).toBe(true);
    store.close();
  });

  it("renders seeded threads exactly as live ones: a re-render changes nothing", async () => {
    s = await startTestServer();
    const seeded = await s.listAll();
    // Folder changes re-render from the tables; adding and removing a flag must restore the original JSON.
    for (const t of seeded) {
      await s.api("POST", `/message-threads/${t.id}/add-to-folders`, { folders: ["IMPORTANT"] });
      await s.api("POST", `/message-threads/${t.id}/remove-from-folders`, { folders: ["IMPORTANT"] });
    }
    const after = await s.listAll();
    expect(after.map((t) => JSON.stringify(t))).toEqual(seeded.map((t) => JSON.stringify({ ...t, folders: t.folders!.filter((f) => f !== "IMPORTANT") })));
  });

  it("an unseeded store still has stable accounts, and seeding happens only into an empty store", () => {
    const dbPath = tempDbPath();
    const bare = new EmulatorStore(dbPath);
    const requester = bare.requesterId;
    expect(requester).toMatch(/^[0-9a-f]{32}$/);
    expect(bare.isEmpty()).toBe(true);
    expect(bare.seeded).toBe(false);
    bare.close();
    const again = new EmulatorStore(dbPath);
    expect(again.requesterId).toBe(requester);
    again.close();

    const emulator = createEmulator({ dbPath, token: "x".repeat(10), variety: false });
    const counts = emulator.store.counts();
    expect(counts.tolokers).toBeGreaterThan(0);
    expect(emulator.store.seeded).toBe(true);
    emulator.close();
    const reopened = createEmulator({ dbPath, token: "x".repeat(10), variety: false });
    expect(reopened.store.counts()).toEqual(counts);
    reopened.close();
  });
});
