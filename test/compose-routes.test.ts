import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, params, startApp, type App, type Handler } from "./harness";

/*
 * The compose routes through their real handlers, as test/routes.test.ts does for the others: 401 without a
 * session, 403 for a viewer, 400 naming the field, and the happy path against a test emulator over HTTP.
 */

let app: App;
let ids: string[];

let routes: {
  drafts: { GET: Handler; POST: Handler };
  draft: { GET: Handler; PUT: Handler; DELETE: Handler };
  status: { GET: Handler };
  send: { POST: Handler };
  sends: { GET: Handler };
  job: { GET: Handler };
  retry: { POST: Handler };
};

beforeAll(async () => {
  app = await startApp();
  ids = app.server.emulator.store.listTolokers(150, 0).items.map((t) => t.id);
  routes = {
    drafts: await import("@/app/api/compose/drafts/route"),
    draft: await import("@/app/api/compose/drafts/[id]/route"),
    status: await import("@/app/api/compose/status/route"),
    send: await import("@/app/api/compose/send/route"),
    sends: await import("@/app/api/compose/sends/route"),
    job: await import("@/app/api/jobs/[id]/route"),
    retry: await import("@/app/api/jobs/[id]/retry/route"),
  } as typeof routes;
});

afterAll(() => app.close());

/** A request as a demo account (the role's), or anonymous with null. */
const as = (user: "admin" | "sender" | "viewer" | null, url: string, init: { method?: string; body?: unknown } = {}) =>
  app.request(user && `demo-${user}`, url, init);

const content = {
  languages: [{ lang: "EN", topic: "New pools", text: "Hello" }],
  answerable: true,
  recipients: { mode: "ids", idsText: "" },
};

/** The job once it has ended, however long that takes here (the test's own timeout catches one that never does). */
async function waitForJob(id: string) {
  for (;;) {
    const job = await (await routes.job.GET(await as("viewer", "/api/jobs/x"), params({ id }))).json();
    if (job.status === "done" || job.status === "failed") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("/api/compose/drafts", () => {
  it("401 without a session, 403 for a viewer", async () => {
    await expectError(await routes.drafts.GET(await as(null, "/api/compose/drafts")), 401);
    await expectError(await routes.drafts.GET(await as("viewer", "/api/compose/drafts")), 403);
    await expectError(await routes.drafts.POST(await as(null, "/api/compose/drafts", { method: "POST", body: { content } })), 401);
    await expectError(await routes.drafts.POST(await as("viewer", "/api/compose/drafts", { method: "POST", body: { content } })), 403);
  });
  it("400 naming the field", async () => {
    await expectError(
      await routes.drafts.POST(await as("sender", "/api/compose/drafts", { method: "POST", body: { content: { ...content, answerable: "yes" } } })),
      400,
      "content.answerable",
    );
    await expectError(
      await routes.drafts.POST(
        await as("sender", "/api/compose/drafts", { method: "POST", body: { content: { ...content, recipients: { mode: "everyone", idsText: "" } } } }),
      ),
      400,
      "content.recipients.mode",
    );
    const deep = { id: "r", type: "group", op: "and", children: [] as unknown[] };
    let cur = deep;
    for (let i = 0; i < 30; i++) {
      const next = { id: `g${i}`, type: "group", op: "or", children: [] as unknown[] };
      cur.children.push(next);
      cur = next;
    }
    await expectError(
      await routes.drafts.POST(
        await as("sender", "/api/compose/drafts", {
          method: "POST",
          body: { content: { ...content, recipients: { mode: "filter", idsText: "", filter: deep } } },
        }),
      ),
      400,
      "content.recipients.filter",
    );
    await expectError(await routes.drafts.POST(await as("sender", "/api/compose/drafts", { method: "POST", body: "{" })), 400, "body");
  });
  it("creates, lists, reads, saves and deletes a member's own drafts; another member's answer 404", async () => {
    const created = await routes.drafts.POST(await as("sender", "/api/compose/drafts", { method: "POST", body: { content } }));
    expect(created.status).toBe(201);
    const draft = await created.json();
    expect(draft.content).toEqual(content);
    const list = await (await routes.drafts.GET(await as("sender", "/api/compose/drafts"))).json();
    expect(list.items.map((d: { id: string }) => d.id)).toContain(draft.id);
    expect((await (await routes.drafts.GET(await as("admin", "/api/compose/drafts"))).json()).items).toEqual([]);

    const url = `/api/compose/drafts/${draft.id}`;
    await expectError(await routes.draft.GET(await as(null, url), params({ id: draft.id })), 401);
    await expectError(await routes.draft.GET(await as("viewer", url), params({ id: draft.id })), 403);
    await expectError(await routes.draft.GET(await as("sender", url), params({ id: "nope" })), 400, "id");
    await expectError(await routes.draft.GET(await as("admin", url), params({ id: draft.id })), 404);
    await expectError(
      await routes.draft.PUT(await as("sender", url, { method: "PUT", body: { content: { ...content, languages: "EN" } } }), params({ id: draft.id })),
      400,
      "content.languages",
    );
    await expectError(await routes.draft.PUT(await as("viewer", url, { method: "PUT", body: { content } }), params({ id: draft.id })), 403);

    const saved = await (
      await routes.draft.PUT(await as("sender", url, { method: "PUT", body: { content: { ...content, answerable: false } } }), params({ id: draft.id }))
    ).json();
    expect(saved.content.answerable).toBe(false);
    expect((await (await routes.draft.GET(await as("sender", url), params({ id: draft.id }))).json()).content.answerable).toBe(false);
    await expectError(await routes.draft.DELETE(await as("admin", url, { method: "DELETE" }), params({ id: draft.id })), 404);
    expect(await (await routes.draft.DELETE(await as("sender", url, { method: "DELETE" }), params({ id: draft.id }))).json()).toEqual({ deleted: true });
    await expectError(await routes.draft.GET(await as("sender", url), params({ id: draft.id })), 404);
  });
});

describe("GET /api/compose/status", () => {
  it("401, 403, and whether a send to all went out today", async () => {
    await expectError(await routes.status.GET(await as(null, "/api/compose/status")), 401);
    await expectError(await routes.status.GET(await as("viewer", "/api/compose/status")), 403);
    const status = await (await routes.status.GET(await as("sender", "/api/compose/status"))).json();
    expect(status).toHaveProperty("allSentToday");
  });
});

describe("POST /api/compose/send, GET /api/compose/sends, POST /api/jobs/:id/retry", () => {
  const send = (recipients: unknown, extra: Record<string, unknown> = {}) => ({
    topic: { EN: "New pools" },
    text: { EN: "Hello there" },
    recipients,
    ...extra,
  });

  it("401 without a session, 403 for a viewer", async () => {
    await expectError(await routes.send.POST(await as(null, "/api/compose/send", { method: "POST", body: send({ type: "ALL" }) })), 401);
    await expectError(await routes.send.POST(await as("viewer", "/api/compose/send", { method: "POST", body: send({ type: "ALL" }) })), 403);
    await expectError(await routes.sends.GET(await as(null, "/api/compose/sends")), 401);
    await expectError(await routes.sends.GET(await as("viewer", "/api/compose/sends")), 403);
    const id = crypto.randomUUID();
    await expectError(await routes.retry.POST(await as(null, "/api/jobs/x/retry", { method: "POST" }), params({ id })), 401);
    await expectError(await routes.retry.POST(await as("viewer", "/api/jobs/x/retry", { method: "POST" }), params({ id })), 403);
  });

  it("400 naming the field", async () => {
    const post = async (body: unknown) => routes.send.POST(await as("sender", "/api/compose/send", { method: "POST", body }));
    await expectError(await post(send({ type: "DIRECT", ids: [ids[0], "not-an-id"] })), 400, "recipients.ids.1");
    await expectError(await post(send({ type: "DIRECT", ids: [] })), 400, "recipients.ids");
    await expectError(
      await post(send({ type: "FILTER", filter: { and: [{ category: "profile", key: "gender", operator: "GT", value: "MALE" }] } })),
      400,
      "recipients.filter.and.0.operator",
    );
    await expectError(await post(send({ type: "SOME" })), 400, "recipients.type");
    await expectError(await post(send({ type: "ALL" }, { topic: { EN: "  " } })), 400, "topic.EN");
    await expectError(await post(send({ type: "ALL" }, { text: {} })), 400, "text");
    await expectError(await post(send({ type: "ALL" }, { acknowledge: ["everything"] })), 400, "acknowledge.0");
    await expectError(await post(send({ type: "ALL" }, { draftId: "x" })), 400, "draftId");
    await expectError(await routes.retry.POST(await as("sender", "/api/jobs/x/retry", { method: "POST" }), params({ id: "x" })), 400, "id");
    await expectError(await routes.retry.POST(await as("sender", "/api/jobs/x/retry", { method: "POST" }), params({ id: crypto.randomUUID() })), 404);
  });

  it("409 naming the warnings not acknowledged; nothing is sent", async () => {
    const res = await routes.send.POST(
      await as("sender", "/api/compose/send", {
        method: "POST",
        body: send({ type: "DIRECT", ids: ids.slice(0, 2) }, { text: { EN: "Call +1 555 123 4567" } }),
      }),
    );
    const body = await expectError(res, 409, "acknowledge");
    expect(body.error.message).toMatch(/Contact details in the message/);
    expect(app.server.emulator.stats().requests.compose ?? 0).toBe(0);
  });

  it("sends in batches, reports each, keeps the progress for the member, deletes the draft; retry after an injected failure", async () => {
    const draft = await (await routes.drafts.POST(await as("sender", "/api/compose/drafts", { method: "POST", body: { content } }))).json();
    app.server.emulator.faults.set([{ endpoint: "compose", kind: "500", count: 8 }]);
    const res = await routes.send.POST(await as("sender", "/api/compose/send", { method: "POST", body: send({ type: "DIRECT", ids }, { draftId: draft.id }) }));
    expect(res.status).toBe(202);
    const started = await res.json();
    expect(started).toMatchObject({ kind: "send", total: 2, send: { selectType: "DIRECT", recipients: 150 } });
    await expectError(await routes.draft.GET(await as("sender", `/api/compose/drafts/${draft.id}`), params({ id: draft.id })), 404);

    const job = await waitForJob(started.id);
    // Eight 500s: four attempts for each of the two batches, so both fail whatever order they ran in.
    expect(job).toMatchObject({ done: 0, failed: 2 });
    expect(job.send.batches[1]).toMatchObject({ status: "failed", error: expect.stringMatching(/Toloka failed 4 times/) });
    const kept = (await (await routes.drafts.GET(await as("sender", "/api/compose/drafts"))).json()).items;
    expect(kept).toEqual([expect.objectContaining({ fromJobId: started.id })]);

    const sends = await (await routes.sends.GET(await as("sender", "/api/compose/sends"))).json();
    expect(sends.items[0]).toMatchObject({ id: started.id, send: { failedRecipients: 150, sentRecipients: 0 } });
    expect((await (await routes.sends.GET(await as("admin", "/api/compose/sends"))).json()).items).toEqual([]);

    app.server.emulator.faults.set([]);
    const retried = await routes.retry.POST(await as("sender", "/api/jobs/x/retry", { method: "POST" }), params({ id: started.id }));
    expect(retried.status).toBe(202);
    const after = await waitForJob(started.id);
    expect(after).toMatchObject({ done: 2, failed: 0 });
    const got = new Set(after.send.batches.flatMap((b: { threadId: string }) => app.server.emulator.store.recipientsOf(b.threadId)));
    expect(got).toEqual(new Set(ids));
    await expectError(await routes.retry.POST(await as("sender", "/api/jobs/x/retry", { method: "POST" }), params({ id: started.id })), 409);
  });

  it("only the send's author or an admin may retry it: another sender gets 403 and nothing goes out again", async () => {
    // Four 500s: every attempt of the one batch.
    app.server.emulator.faults.set([{ endpoint: "compose", kind: "500", count: 4 }]);
    const started = await (
      await routes.send.POST(await as("sender", "/api/compose/send", { method: "POST", body: send({ type: "DIRECT", ids: ids.slice(0, 3) }) }))
    ).json();
    expect(await waitForJob(started.id)).toMatchObject({ done: 0, failed: 1 });
    app.server.emulator.faults.set([]);
    const composed = app.server.emulator.stats().requests.compose ?? 0;

    const other = await app.member("sender");
    const refused = await expectError(
      await routes.retry.POST(await app.request(other, "/api/jobs/x/retry", { method: "POST" }), params({ id: started.id })),
      403,
    );
    expect(refused.error.message).toBe("Only the member who started this send, or an admin, may retry it.");
    expect(await waitForJob(started.id)).toMatchObject({ done: 0, failed: 1 });
    expect(app.server.emulator.stats().requests.compose ?? 0).toBe(composed);

    const byAdmin = await routes.retry.POST(await as("admin", "/api/jobs/x/retry", { method: "POST" }), params({ id: started.id }));
    expect(byAdmin.status).toBe(202);
    const after = await waitForJob(started.id);
    expect(after).toMatchObject({ done: 1, failed: 0 });
    expect(new Set(app.server.emulator.store.recipientsOf(after.send.batches[0].threadId))).toEqual(new Set(ids.slice(0, 3)));
  });
  it("keeps the filter's skill names from the send, and says a filter that matches no one cannot be retried", async () => {
    const named = send(
      { type: "FILTER", filter: { and: [{ category: "skill", key: "41027", operator: "GTE", value: 0 }] } },
      { skillNames: { "41027": "Search relevance", "44102": "Accuracy" }, answerable: false },
    );
    const res = await routes.send.POST(await as("sender", "/api/compose/send", { method: "POST", body: named }));
    expect(res.status).toBe(202);
    const job = await waitForJob((await res.json()).id);
    expect(job).toMatchObject({ done: 1, failed: 0, send: { recipientsText: 'Tolokers matching: skill "Search relevance" ≥ 0', answerable: false } });
    // Emulator truth: the thread went to the Tolokers holding the skill.
    expect(app.server.emulator.store.recipientsOf(job.send.batches[0].threadId)?.length ?? 0).toBeGreaterThan(0);

    // Nobody both lacks and holds a skill: Toloka (here the emulator) answers 400 INCORRECT_RECIPIENTS.
    const nobody = send({
      type: "FILTER",
      filter: {
        and: [
          { category: "skill", key: "41027", operator: "EQ", value: null },
          { category: "skill", key: "41027", operator: "GTE", value: 0 },
        ],
      },
    });
    const composed = app.server.emulator.stats().requests.compose ?? 0;
    const refused = await waitForJob((await (await routes.send.POST(await as("sender", "/api/compose/send", { method: "POST", body: nobody }))).json()).id);
    expect(refused).toMatchObject({ done: 0, failed: 1 });
    expect(refused.send.batches[0]).toMatchObject({ status: "failed", retryable: false, code: "400 INCORRECT_RECIPIENTS" });
    expect(refused.send.batches[0].error).toMatch(/^No Toloker matches this filter/);
    expect(refused.send.batches[0].error).not.toMatch(/INCORRECT_RECIPIENTS/);
    expect(app.server.emulator.stats().requests.compose ?? 0).toBe(composed + 1);
    // The draft it left is marked as a failed send's, and a retry is refused without a call to Toloka.
    const kept = (await (await routes.drafts.GET(await as("sender", "/api/compose/drafts"))).json()).items;
    expect(kept).toContainEqual(expect.objectContaining({ fromJobId: refused.id }));
    const retry = await expectError(await routes.retry.POST(await as("sender", "/api/jobs/x/retry", { method: "POST" }), params({ id: refused.id })), 409);
    expect(retry.error.message).toMatch(/a retry cannot change/);
    expect(app.server.emulator.stats().requests.compose ?? 0).toBe(composed + 1);
    for (const d of kept) await routes.draft.DELETE(await as("sender", `/api/compose/drafts/${d.id}`, { method: "DELETE" }), params({ id: d.id }));
  });

  it("says a daily quota is used up, without a retry", async () => {
    app.server.emulator.faults.set([{ endpoint: "compose", kind: "429", interval: "DAY", count: 1 }]);
    const started = await (
      await routes.send.POST(await as("sender", "/api/compose/send", { method: "POST", body: send({ type: "DIRECT", ids: ids.slice(0, 2) }) }))
    ).json();
    const job = await waitForJob(started.id);
    app.server.emulator.faults.set([]);
    expect(job.send.batches[0]).toMatchObject({ status: "failed", retryable: false, code: expect.stringMatching(/^429 /) });
    expect(job.send.batches[0].error).toMatch(/daily quota/);
    await expectError(await routes.retry.POST(await as("sender", "/api/jobs/x/retry", { method: "POST" }), params({ id: started.id })), 409);
    const kept = (await (await routes.drafts.GET(await as("sender", "/api/compose/drafts"))).json()).items;
    for (const d of kept) await routes.draft.DELETE(await as("sender", `/api/compose/drafts/${d.id}`, { method: "DELETE" }), params({ id: d.id }));
  });
});
