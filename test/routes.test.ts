import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, params, startApp, type App, type Handler } from "./harness";

/*
 * Every /api route through its real handler: 401 without a session, 400 naming the field for bad input,
 * 403 for a role that is too weak, the envelope's shape, and the happy path. The app runs in emulator
 * mode with its emulator address pointed at a test emulator served over HTTP.
 */

let app: App;
let question: { id: string };
let tolokerId: string;
let pooled: { id: string };

let routes: {
  threads: { GET: Handler };
  counts: { GET: Handler };
  thread: { GET: Handler };
  reply: { POST: Handler };
  flags: { POST: Handler };
  markAllRead: { POST: Handler };
  job: { GET: Handler };
  retry: { POST: Handler };
  skills: { GET: Handler };
  sync: { GET: Handler; POST: Handler };
  saved: { GET: Handler; POST: Handler };
  savedOne: { DELETE: Handler };
};

beforeAll(async () => {
  app = await startApp();
  question = app.question;
  tolokerId = app.server.emulator.store.listTolokers(1, 0).items[0].id; // the one who wrote app.question
  app.server.emulator.store.notice({ topic: { EN: "Pool closed" }, text: { EN: "Your pool was closed" } });
  pooled = app.server.emulator.store.tolokerWritesFirst({
    tolokerId,
    topic: { EN: "Bonus for the quarry pool" },
    text: { EN: "Thanks for the quarry bonus" },
    meta: { pool_id: "98765", project_id: "4321" },
  });
  routes = {
    threads: await import("@/app/api/threads/route"),
    counts: await import("@/app/api/threads/counts/route"),
    thread: await import("@/app/api/threads/[id]/route"),
    reply: await import("@/app/api/threads/[id]/reply/route"),
    flags: await import("@/app/api/threads/[id]/flags/route"),
    markAllRead: await import("@/app/api/mark-all-read/route"),
    job: await import("@/app/api/jobs/[id]/route"),
    retry: await import("@/app/api/jobs/[id]/retry/route"),
    skills: await import("@/app/api/skills/route"),
    sync: await import("@/app/api/sync/route"),
    saved: await import("@/app/api/saved-searches/route"),
    savedOne: await import("@/app/api/saved-searches/[id]/route"),
  } as typeof routes;
});

afterAll(() => app.close());

/** A request as a demo account (the role's), or anonymous with null. */
const as = (user: "admin" | "sender" | "viewer" | null, url: string, init: { method?: string; body?: unknown } = {}) =>
  app.request(user && `demo-${user}`, url, init);

describe("GET /api/threads", () => {
  it("401 without a session", async () => {
    await expectError(await routes.threads.GET(await as(null, "/api/threads")), 401);
  });
  it("400 naming the field", async () => {
    await expectError(await routes.threads.GET(await as("viewer", "/api/threads?tab=spam")), 400, "tab");
    await expectError(await routes.threads.GET(await as("viewer", "/api/threads?limit=0")), 400, "limit");
    await expectError(await routes.threads.GET(await as("viewer", "/api/threads?cursor=!!")), 400, "cursor");
  });
  it("lists a tab and searches by word and by Toloker", async () => {
    const inbox = await (await routes.threads.GET(await as("viewer", "/api/threads?tab=inbox"))).json();
    expect(inbox.items.map((t: { id: string }) => t.id)).toContain(question.id);
    const notices = await (await routes.threads.GET(await as("viewer", "/api/threads?tab=notifications"))).json();
    expect(notices.items[0].otherParty).toEqual({ kind: "system" });
    const byWord = await (await routes.threads.GET(await as("viewer", "/api/threads?tab=inbox&q=paym"))).json();
    expect(byWord.items.map((t: { id: string }) => t.id)).toContain(question.id);
    expect(byWord.search).toEqual({ kind: "text", query: "paym" });
    const byId = await (await routes.threads.GET(await as("viewer", `/api/threads?tab=sent&scope=all&q=${tolokerId}`))).json();
    expect(byId.items.map((t: { id: string }) => t.id)).toContain(question.id);
  });
});

describe("GET /api/threads with search operators", () => {
  const ids = (body: { items: { id: string }[] }) => body.items.map((t) => t.id);
  const get = async (q: string, extra = "") =>
    routes.threads.GET(await as("viewer", `/api/threads?tab=inbox&scope=all&typing=0&q=${encodeURIComponent(q)}${extra}`));

  it("400 naming q for an unknown operator or a bad value, with the operator in the message", async () => {
    for (const [q, op] of [
      ["payment label:x", "label:"],
      ["before:2026-13-01", "before:"],
      ["from:12", "from:"],
      ["is:read", "is:"],
    ]) {
      const res = await get(q);
      const body = await expectError(res, 400, "q");
      expect(JSON.stringify(body)).toContain(op);
    }
  });

  it("400 naming q over the length limit", async () => {
    await expectError(await get("a".repeat(501)), 400, "q");
  });

  it("narrows by pool and project, says how many, and marks the topic", async () => {
    const byPool = await (await get("pool:98765")).json();
    expect(ids(byPool)).toEqual([pooled.id]);
    expect(byPool.total).toEqual({ count: 1, more: false });
    expect(byPool.items[0].meta).toEqual({ poolId: "98765", projectId: "4321" });
    const both = await (await get("quarry project:4321")).json();
    expect(ids(both)).toEqual([pooled.id]);
    expect(both.items[0].topicHighlight).toEqual([
      { text: "Bonus for the ", match: false },
      { text: "quarry", match: true },
      { text: " pool", match: false },
    ]);
    expect(ids(await (await get("quarry -bonus")).json())).toEqual([]);
    expect(ids(await (await get("quarry pool:1")).json())).toEqual([]);
  });

  it("finds by from:, is:unread and dates, and counts a first page only", async () => {
    const mine = await (await get(`from:${tolokerId.slice(0, 8)} is:unread`)).json();
    expect(ids(mine)).toEqual(expect.arrayContaining([question.id, pooled.id]));
    const today = new Date().toISOString().slice(0, 10);
    expect(ids(await (await get(`after:${today} quarry`)).json())).toEqual([pooled.id]);
    expect(ids(await (await get(`before:${today} quarry`)).json())).toEqual([]);
    const page = await (await get("is:unread", "&limit=1")).json();
    expect(page.total.count).toBeGreaterThanOrEqual(2);
    const next = await (await get("is:unread", `&limit=1&cursor=${page.nextCursor}`)).json();
    expect(next.total).toBeUndefined();
  });
});

describe("/api/saved-searches", () => {
  const save = async (user: string | null, body: unknown) => routes.saved.POST(await app.request(user, "/api/saved-searches", { method: "POST", body }));
  const list = async (user: string) =>
    (await (await routes.saved.GET(await app.request(user, "/api/saved-searches"))).json()).items as { id: string; name: string }[];

  it("401 without a session, 400 naming the field", async () => {
    await expectError(await routes.saved.GET(await app.request(null, "/api/saved-searches")), 401);
    const me = await app.member("viewer");
    await expectError(await save(me, { name: "", q: "x" }), 400, "name");
    await expectError(await save(me, { name: "x", q: "a".repeat(501) }), 400, "q");
    const bad = await expectError(await save(me, { name: "x", q: "label:x" }), 400, "q");
    expect(bad.error.fields?.q).toContain("label:");
  });

  it("keeps each member's own: another member neither sees nor deletes them", async () => {
    const a = await app.member("viewer");
    const b = await app.member("sender");
    const res = await save(a, { name: "  Unread in pool 5 ", q: "pool:5 is:unread", scope: "all" });
    expect(res.status).toBe(201);
    const made = await res.json();
    expect(made).toMatchObject({ name: "Unread in pool 5", q: "pool:5 is:unread", scope: "all" });
    expect((await list(a)).map((s) => s.id)).toEqual([made.id]);
    expect(await list(b)).toEqual([]);
    const del = (user: string) => app.request(user, `/api/saved-searches/${made.id}`, { method: "DELETE" });
    await expectError(await routes.savedOne.DELETE(await del(b), params({ id: made.id })), 404);
    expect((await routes.savedOne.DELETE(await del(a), params({ id: made.id }))).status).toBe(200);
    expect(await list(a)).toEqual([]);
    await expectError(await routes.savedOne.DELETE(await del(a), params({ id: "nope" })), 400, "id");
  });

  it("refuses a save past the limit with 409", async () => {
    const me = await app.member("viewer");
    for (let i = 0; i < 50; i++) expect((await save(me, { name: `s${i}`, q: `word${i}` })).status).toBe(201);
    await expectError(await save(me, { name: "one more", q: "more" }), 409);
  });
});

describe("GET /api/threads/counts", () => {
  it("401 without a session", async () => {
    await expectError(await routes.counts.GET(await as(null, "/api/threads/counts")), 401);
  });
  it("counts unread per folder, and the threads in each of the team's views", async () => {
    const counts = await (await routes.counts.GET(await as("viewer", "/api/threads/counts"))).json();
    expect(counts.inbox).toBeGreaterThanOrEqual(1);
    expect(counts.notifications).toBeGreaterThanOrEqual(1);
    expect(Object.keys(counts).sort()).toEqual(["administrator", "important", "inbox", "notifications", "sent", "users", "views"]);
    expect(Object.keys(counts.views).sort()).toEqual(["done", "mine", "snoozed", "unassigned"]);
    // Conversations nobody owns: every one with a Toloker's or an administrator's message, until someone takes it.
    expect(counts.views.unassigned).toBeGreaterThanOrEqual(1);
    expect(counts.views.mine).toBe(0);
  });
});

describe("GET /api/threads/:id", () => {
  it("401 without a session", async () => {
    await expectError(await routes.thread.GET(await as(null, "/api/threads/x"), params({ id: question.id })), 401);
  });
  it("400 naming the id", async () => {
    await expectError(await routes.thread.GET(await as("viewer", "/api/threads/x"), params({ id: "nope" })), 400, "id");
  });
  it("404 for a thread Toloka does not know", async () => {
    await expectError(await routes.thread.GET(await as("viewer", "/api/threads/x"), params({ id: "0".repeat(24) })), 404);
  });
  it("returns the thread with sanitised bodies", async () => {
    const t = await (await routes.thread.GET(await as("viewer", "/api/threads/x"), params({ id: question.id }))).json();
    expect(t.messages[0].html.EN).toBe("Where is my payment?");
    expect(t.canReply).toBe(true);
  });
});

describe("POST /api/threads/:id/reply", () => {
  const url = "/api/threads/x/reply";
  it("401 without a session, 403 for a viewer", async () => {
    await expectError(await routes.reply.POST(await as(null, url, { method: "POST", body: { text: { EN: "x" } } }), params({ id: question.id })), 401);
    await expectError(await routes.reply.POST(await as("viewer", url, { method: "POST", body: { text: { EN: "x" } } }), params({ id: question.id })), 403);
  });
  it("400 naming the field", async () => {
    await expectError(await routes.reply.POST(await as("sender", url, { method: "POST", body: { text: {} } }), params({ id: question.id })), 400, "text");
    await expectError(
      await routes.reply.POST(await as("sender", url, { method: "POST", body: { text: { english: "x" } } }), params({ id: question.id })),
      400,
      "text.english",
    );
    await expectError(
      await routes.reply.POST(await as("sender", url, { method: "POST", body: { text: { EN: "  " } } }), params({ id: question.id })),
      400,
      "text.EN",
    );
  });
  it("409 where the thread does not allow replies", async () => {
    const notice = app.server.emulator.store.notice({ topic: { EN: "n" }, text: { EN: "n" } });
    await expectError(await routes.reply.POST(await as("sender", url, { method: "POST", body: { text: { EN: "x" } } }), params({ id: notice.id })), 409);
  });
  it("sends the reply to Toloka and returns the thread", async () => {
    const res = await routes.reply.POST(await as("sender", url, { method: "POST", body: { text: { EN: "It is on the way" } } }), params({ id: question.id }));
    expect(res.status).toBe(200);
    const t = await res.json();
    expect(t.messages.at(-1).html.EN).toBe("It is on the way");
    expect(app.server.emulator.store.getThread(question.id)!.folders).toContain("OUTBOX");
  });
});

describe("POST /api/threads/:id/flags", () => {
  const url = "/api/threads/x/flags";
  it("401 without a session, 403 for a viewer", async () => {
    await expectError(await routes.flags.POST(await as(null, url, { method: "POST", body: { important: true } }), params({ id: question.id })), 401);
    await expectError(await routes.flags.POST(await as("viewer", url, { method: "POST", body: { important: true } }), params({ id: question.id })), 403);
  });
  it("400 naming the field", async () => {
    await expectError(
      await routes.flags.POST(await as("sender", url, { method: "POST", body: { important: "yes" } }), params({ id: question.id })),
      400,
      "important",
    );
    await expectError(await routes.flags.POST(await as("sender", url, { method: "POST", body: "not json" }), params({ id: question.id })), 400, "body");
  });
  it("sets important and unread in Toloka", async () => {
    const t = await (
      await routes.flags.POST(await as("sender", url, { method: "POST", body: { important: true, read: false } }), params({ id: question.id }))
    ).json();
    expect(t).toMatchObject({ important: true, unread: true });
    expect(app.server.emulator.store.getThread(question.id)!.folders).toEqual(expect.arrayContaining(["IMPORTANT", "UNREAD"]));
  });
});

describe("POST /api/mark-all-read, GET /api/jobs/:id and POST /api/jobs/:id/retry", () => {
  it("401 without a session, 403 for a viewer, 400 naming the field", async () => {
    await expectError(await routes.markAllRead.POST(await as(null, "/api/mark-all-read", { method: "POST", body: { scope: "inbox" } })), 401);
    await expectError(await routes.markAllRead.POST(await as("viewer", "/api/mark-all-read", { method: "POST", body: { scope: "inbox" } })), 403);
    await expectError(await routes.markAllRead.POST(await as("sender", "/api/mark-all-read", { method: "POST", body: { scope: "spam" } })), 400, "scope");
    await expectError(await routes.job.GET(await as(null, "/api/jobs/x"), params({ id: "x" })), 401);
    await expectError(await routes.job.GET(await as("viewer", "/api/jobs/x"), params({ id: "x" })), 400, "id");
    await expectError(await routes.job.GET(await as("viewer", "/api/jobs/x"), params({ id: crypto.randomUUID() })), 404);
  });
  it("starts a job that a viewer can follow to the end", async () => {
    const res = await routes.markAllRead.POST(await as("sender", "/api/mark-all-read", { method: "POST", body: { scope: "all" } }));
    expect(res.status).toBe(202);
    const job = await res.json();
    expect(job.total).toBeGreaterThan(0);
    let progress = job;
    // Until it ends, however long that takes on this machine (the test's own timeout catches a job that never does).
    while (progress.status !== "done" && progress.status !== "failed") {
      await new Promise((r) => setTimeout(r, 50));
      progress = await (await routes.job.GET(await as("viewer", "/api/jobs/x"), params({ id: job.id }))).json();
    }
    expect(progress).toMatchObject({ status: "done", done: job.total, failed: 0 });
    const { views: _views, ...unread } = await (await routes.counts.GET(await as("viewer", "/api/threads/counts"))).json();
    expect(Object.values(unread).every((n) => n === 0)).toBe(true);
  });
  it("only the job's author or an admin may retry its failed threads: another sender gets 403", async () => {
    app.server.emulator.store.tolokerWritesFirst({ tolokerId, topic: { EN: "Bonus" }, text: { EN: "Is there a bonus?" } });
    expect((await routes.sync.POST(await as("sender", "/api/sync?mode=incremental", { method: "POST" }))).status).toBe(200);
    // A 401 is not retried by the client: every thread of the job fails at once.
    app.server.emulator.faults.set([{ endpoint: "remove-from-folders", kind: "401" }]);
    let job = await (await routes.markAllRead.POST(await as("sender", "/api/mark-all-read", { method: "POST", body: { scope: "inbox" } }))).json();
    const waitForEnd = async () => {
      for (;;) {
        job = await (await routes.job.GET(await as("viewer", "/api/jobs/x"), params({ id: job.id }))).json();
        if (job.status === "done" || job.status === "failed") return job;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    expect(await waitForEnd()).toMatchObject({ done: 0, failed: job.total });
    expect(job.total).toBeGreaterThanOrEqual(1);
    app.server.emulator.faults.set([]);

    const other = await app.member("sender");
    const refused = await expectError(await routes.retry.POST(await app.request(other, "/api/jobs/x/retry", { method: "POST" }), params({ id: job.id })), 403);
    expect(refused.error.message).toBe("Only the member who started this job, or an admin, may retry it.");
    expect(await waitForEnd()).toMatchObject({ done: 0, failed: job.total });

    expect((await routes.retry.POST(await as("sender", "/api/jobs/x/retry", { method: "POST" }), params({ id: job.id }))).status).toBe(202);
    expect(await waitForEnd()).toMatchObject({ done: job.total, failed: 0 });
    expect((await (await routes.counts.GET(await as("viewer", "/api/threads/counts"))).json()).inbox).toBe(0);
  });
});

describe("GET /api/skills", () => {
  it("401 without a session", async () => {
    await expectError(await routes.skills.GET(await as(null, "/api/skills")), 401);
  });
  it("lists the account's skills", async () => {
    const body = await (await routes.skills.GET(await as("viewer", "/api/skills"))).json();
    expect(body.items.length).toBeGreaterThanOrEqual(5);
    expect(body.items[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      global: expect.any(Boolean),
      hidden: expect.any(Boolean),
      deprecated: expect.any(Boolean),
    });
  });
});

describe("/api/sync", () => {
  it("401 without a session", async () => {
    await expectError(await routes.sync.GET(await as(null, "/api/sync")), 401);
    await expectError(await routes.sync.POST(await as(null, "/api/sync", { method: "POST" })), 401);
  });
  it("400 naming the field", async () => {
    await expectError(await routes.sync.POST(await as("viewer", "/api/sync?mode=partial", { method: "POST" })), 400, "mode");
  });
  it("refreshes and reports when it last synced", async () => {
    const status = await (await routes.sync.POST(await as("sender", "/api/sync", { method: "POST" }))).json();
    expect(status.lastFullSyncAt).not.toBeNull();
    expect(status.lastError).toBeNull();
    expect(status.threads).toBeGreaterThan(0);
  });
  it("a full resync needs the sender role: a viewer gets 403 naming it, and may still refresh what is new", async () => {
    for (const url of ["/api/sync?mode=full", "/api/sync"]) {
      const body = await expectError(await routes.sync.POST(await as("viewer", url, { method: "POST" })), 403);
      expect(body.error.message).toMatch(/^A full resync needs the sender role; you are signed in as viewer/);
    }
    const before = (await (await routes.sync.GET(await as("viewer", "/api/sync"))).json()).lastFullSyncAt;
    const res = await routes.sync.POST(await as("viewer", "/api/sync?mode=incremental", { method: "POST" }));
    expect(res.status).toBe(200);
    const status = await res.json();
    expect(status).toMatchObject({ lastError: null, lastFullSyncAt: before });
    expect(status.lastSyncAt).not.toBeNull();
    expect((await routes.sync.POST(await as("admin", "/api/sync?mode=full", { method: "POST" }))).status).toBe(200);
  });
  it("ACCESS_DENIED on one thread is Toloka refusing that, not the key rejected: the sync goes on", async () => {
    const { services } = await import("@/lib/services");
    const id = app.question.id;
    app.server.emulator.faults.set([{ endpoint: "reply", kind: "403", rate: 1 }]);
    try {
      const body = await expectError(
        await routes.reply.POST(await as("sender", `/api/threads/${id}/reply`, { method: "POST", body: { text: { EN: "Hello" } } }), params({ id })),
        502,
      );
      expect(body.error.message).toBe("Toloka refused access to this (ACCESS_DENIED): Access denied (injected fault)");
      expect(body.error.message).not.toMatch(/API key/);
      expect(services().sync.status().unauthorized).toBe(false);
    } finally {
      app.server.emulator.faults.set([]);
    }
  });

  it("a daily quota is said as one, with when it resets, and not retried", async () => {
    const id = app.question.id;
    app.server.emulator.resetStats();
    app.server.emulator.faults.set([{ endpoint: "add-to-folders", kind: "429", rate: 1, interval: "DAY" }]);
    try {
      const res = await routes.flags.POST(await as("sender", `/api/threads/${id}/flags`, { method: "POST", body: { important: true } }), params({ id }));
      const body = await expectError(res, 429);
      expect(body.error.message).toMatch(/^Toloka's daily quota for this is used up \(.+\)\. It resets at 00:00 UTC \(midnight\)\.$/);
      const wait = Number(res.headers.get("retry-after"));
      const untilMidnight = 86_400 - ((Date.now() / 1000) % 86_400);
      expect(Math.abs(wait - untilMidnight)).toBeLessThan(120);
      expect(app.server.emulator.stats().requests["add-to-folders"]).toBe(1);
    } finally {
      app.server.emulator.faults.set([]);
    }
  });

  it("a token Toloka rejects gives 503 saying so", async () => {
    const { services } = await import("@/lib/services");
    // A revoked key, as Toloka answers it: 401 AUTHENTICATION_ERROR on every call.
    app.server.emulator.faults.set([{ endpoint: "*", kind: "401", rate: 1 }]);
    try {
      const body = await expectError(await routes.sync.POST(await as("sender", "/api/sync", { method: "POST" })), 503);
      expect(body.error.message).toMatch(/rejected the app's API key/);
      expect(services().sync.status().unauthorized).toBe(true);
      const list = await routes.threads.GET(await as("viewer", "/api/threads?tab=inbox"));
      expect(list.status).toBe(200);
    } finally {
      app.server.emulator.faults.set([]);
    }
  });
});
