import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSqliteStore, type Store } from "@/lib/db";
import { startWorld, type World } from "@/lib/services/test-world";

/*
 * Data safety: the mirror is a copy of Toloka and may be thrown away; drafts, jobs and the activity log are
 * not. A crash mid-write leaves every store consistent (WAL), and a corrupted or missing mirror is rebuilt on
 * start without touching the rest.
 */

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

function dir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "tm-safety-"));
}

function fillAppData(store: Store) {
  store.compose.createDraft({ id: "draft-1", userId: "demo-sender", content: { topic: { EN: "Kept" } } });
  store.jobs.create({ id: "job-1", kind: "mark-read", createdBy: "demo-sender", params: { scope: "inbox" } }, [{ threadId: "x" }]);
  store.activity.append({
    action: "thread.reply",
    actorId: "demo-sender",
    actorEmail: "sender@demo.local",
    actorName: "Sam Sender",
    threadId: "t",
    jobId: null,
    target: null,
    details: null,
    ip: null,
    requestId: null,
  });
}

function expectAppData(store: Store) {
  expect(store.compose.getDraft("draft-1")?.content).toEqual({ topic: { EN: "Kept" } });
  expect(store.jobs.get("job-1")?.total).toBe(1);
  expect(store.activity.query({ limit: 10, action: "thread.reply" }).items.length).toBeGreaterThan(0);
}

describe("data safety", () => {
  it("a corrupted mirror is set aside and rebuilt by a full sync; drafts, jobs and the activity log stay", async () => {
    world = await startWorld();
    await world.sync.full();
    const threads = world.store.threads.count();
    expect(threads).toBeGreaterThan(200);
    fillAppData(world.store);
    const appFile = world.appFile;
    await world.stop();
    world.store.close();

    // Scribble over the mirror's pages, past the header, as a failing disk would.
    const mirror = path.join(path.dirname(appFile), "mirror.sqlite");
    const fd = fs.openSync(mirror, "r+");
    const size = fs.fstatSync(fd).size;
    for (let off = 4096; off < size; off += 8192) fs.writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, off);
    fs.closeSync(fd);

    const reopened = createSqliteStore(appFile);
    expect(reopened.mirrorRebuilt).toBe("corrupt");
    expect(reopened.threads.count()).toBe(0);
    expect(fs.readdirSync(path.dirname(appFile)).some((f) => f.startsWith("mirror.sqlite.corrupt-"))).toBe(true);
    expectAppData(reopened);
    const { buildServices } = await import("@/lib/services");
    const app = buildServices(reopened, world.client);
    expect(app.sync.isReady()).toBe(false);
    await app.mailbox.ensureReady();
    expect(reopened.threads.count()).toBe(threads);
    await app.stop();
    reopened.close();
  });

  it("a missing mirror is rebuilt the same way", async () => {
    const d = dir();
    const app = path.join(d, "app.sqlite");
    const a = createSqliteStore(app);
    expect(a.mirrorRebuilt).toBe("missing");
    fillAppData(a);
    a.kv.set("sync.lastFullSyncAt", new Date().toISOString());
    a.close();
    const b = createSqliteStore(app);
    expect(b.mirrorRebuilt).toBeNull();
    expect(b.kv.get("sync.lastFullSyncAt")).not.toBeNull();
    b.close();
    for (const f of fs.readdirSync(d)) if (f.startsWith("mirror.sqlite")) fs.rmSync(path.join(d, f));
    const c = createSqliteStore(app);
    expect(c.mirrorRebuilt).toBe("missing");
    expect(c.kv.get("sync.lastFullSyncAt")).toBeNull();
    expectAppData(c);
    c.close();
  });

  it("a process killed mid-write leaves both stores whole: every committed thread has all its messages", async () => {
    const d = dir();
    const app = path.join(d, "app.sqlite");
    createSqliteStore(app).close();
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(__dirname, "crash-writer.ts"), app], {
      cwd: path.resolve(__dirname, "../.."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let committed = 0;
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (b: Buffer) => {
        committed = Number(b.toString().trim().split("\n").pop());
        if (committed >= 300) resolve();
      });
      child.on("exit", () => reject(new Error(`the writer stopped early: ${stderr}`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    const store = createSqliteStore(app);
    expect(store.mirrorRebuilt).toBeNull();
    const ids = store.threads.allIds();
    expect(ids.length).toBeGreaterThanOrEqual(committed);
    for (const id of ids) {
      const t = store.threads.get(id)!;
      const i = parseInt(id, 16);
      expect(t.messages.length, `thread ${i}`).toBe(1 + (i % 5));
    }
    expect(store.threads.search({ scope: "all", limit: 5, text: "message", complete: true }).items.length).toBe(5);
    store.close();
  }, 60_000);
});
