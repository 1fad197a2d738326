import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { params, startApp, TEST_PASSWORD, type App } from "./harness";

/*
 * Team access through the real route handlers: invitations, roles, removal, sessions that end, the first
 * admin and the end of demo mode, the Toloka connection stored encrypted, the activity log and who wrote a reply.
 */

let app: App;
// biome-ignore lint/suspicious/noExplicitAny: route modules of every shape, imported one by one below.
const r: Record<string, any> = {};

beforeAll(async () => {
  app = await startApp();
  r.team = await import("@/app/api/team/route");
  r.member = await import("@/app/api/team/[id]/route");
  r.reset = await import("@/app/api/team/[id]/reset/route");
  r.memberSignOut = await import("@/app/api/team/[id]/sign-out/route");
  r.password = await import("@/app/api/account/password/route");
  r.everywhere = await import("@/app/api/account/sign-out-everywhere/route");
  r.invite = await import("@/app/api/invite/route");
  r.setup = await import("@/app/api/setup/route");
  r.connection = await import("@/app/api/settings/connection/route");
  r.connectionTest = await import("@/app/api/settings/connection/test/route");
  r.activity = await import("@/app/api/activity/route");
  r.reply = await import("@/app/api/threads/[id]/reply/route");
  r.thread = await import("@/app/api/threads/[id]/route");
  r.counts = await import("@/app/api/threads/counts/route");
  r.send = await import("@/app/api/compose/send/route");
  r.job = await import("@/app/api/jobs/[id]/route");
  r.retry = await import("@/app/api/jobs/[id]/retry/route");
});

afterAll(async () => {
  await app?.close();
  // Set by the connection test below, as an operator would.
  delete process.env.NEXTAUTH_SECRET;
});

async function json(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text.slice(0, 400)).toBe(status);
  return JSON.parse(text);
}

const store = async () => (await import("@/lib/db")).getStore();

describe("sessions", () => {
  it("a session ends when its person signs out everywhere, and a session older than its lifetime never counts", async () => {
    const id = await app.member("viewer");
    const req = () => app.request(id, "/api/threads/counts");
    expect((await r.counts.GET(await req())).status).toBe(200);
    const stale = await req();
    await json(await r.everywhere.POST(await app.request(id, "/api/account/sign-out-everywhere", { method: "POST" })), 200);
    expect((await r.counts.GET(stale)).status).toBe(401);
    // A new session (the current version) works again.
    expect((await r.counts.GET(await req())).status).toBe(200);
    const { sessionCookie } = await import("./session");
    const old = await sessionCookie(id, app.secret, { sv: (await store()).users.get(id)!.sessionVersion, at: Math.floor(Date.now() / 1000) - 13 * 3600 });
    expect((await r.counts.GET(new Request("http://localhost/api/threads/counts", { headers: { cookie: old } }))).status).toBe(401);
    const noVersion = await (await import("next-auth/jwt")).encode({ token: { sub: id }, secret: app.secret });
    expect(
      (await r.counts.GET(new Request("http://localhost/api/threads/counts", { headers: { cookie: `next-auth.session-token=${noVersion}` } }))).status,
    ).toBe(401);
  });
});

describe("the team page's routes", () => {
  it("invites with a one-time link that sets a password once, and only before it expires", async () => {
    const admin = await app.member("admin");
    const grant = await json(
      await r.team.POST(
        await app.request(admin, "/api/team", {
          method: "POST",
          body: { email: "Link.Person@Team.example", name: "Link Person", role: "sender", method: "link" },
        }),
      ),
      201,
    );
    expect(grant.member).toMatchObject({ email: "link.person@team.example", role: "sender", signIn: { password: false, invitePending: true } });
    // At NEXTAUTH_URL (here its default, http://localhost:PORT), not at the Host the admin's request named.
    expect(grant.link).toMatch(new RegExp(`^http://localhost:${process.env.PORT}/invite/[\\w-]{43}$`));
    expect(grant.temporaryPassword).toBeUndefined();
    const token = grant.link.split("/").pop();
    // The store keeps a hash of the link's token, never the token.
    const row = (await store()).users.getByEmail("link.person@team.example")!;
    expect(JSON.stringify(row)).not.toContain(token);

    const weak = await json(await r.invite.POST(await app.request(null, "/api/invite", { method: "POST", body: { token, password: "short" } })), 400);
    expect(weak.error.fields.password).toMatch(/12/);
    await json(await r.invite.POST(await app.request(null, "/api/invite", { method: "POST", body: { token, password: "my own good passphrase" } })), 200);
    await json(await r.invite.POST(await app.request(null, "/api/invite", { method: "POST", body: { token, password: "my own good passphrase" } })), 404);
    const { verifyCredentials } = await import("@/lib/auth/users");
    expect((await verifyCredentials("link.person@team.example", "my own good passphrase"))?.role).toBe("sender");

    const again = await json(
      await r.team.POST(
        await app.request(admin, "/api/team", { method: "POST", body: { email: "late@team.example", name: "Late", role: "viewer", method: "link" } }),
      ),
      201,
    );
    (await store()).users.update(again.member.id, { inviteExpiresAt: new Date(Date.now() - 1000).toISOString() });
    await json(
      await r.invite.POST(
        await app.request(null, "/api/invite", { method: "POST", body: { token: again.link.split("/").pop(), password: "a good passphrase here" } }),
      ),
      404,
    );
  });

  it("invites with a temporary password that must be changed before anything else", async () => {
    const admin = await app.member("admin");
    const grant = await json(
      await r.team.POST(
        await app.request(admin, "/api/team", { method: "POST", body: { email: "temp@team.example", name: "Temp", role: "sender", method: "password" } }),
      ),
      201,
    );
    expect(grant.temporaryPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    const { verifyCredentials } = await import("@/lib/auth/users");
    const user = (await verifyCredentials("temp@team.example", grant.temporaryPassword))!;
    expect(user.mustChangePassword).toBe(true);
    const blocked = await json(await r.counts.GET(await app.request(user.id, "/api/threads/counts")), 403);
    expect(blocked.error.message).toMatch(/password/);
    await json(
      await r.password.POST(await app.request(user.id, "/api/account/password", { method: "POST", body: { newPassword: "my-very-own-passphrase" } })),
      200,
    );
    expect(await verifyCredentials("temp@team.example", grant.temporaryPassword)).toBeNull();
    expect((await verifyCredentials("temp@team.example", "my-very-own-passphrase"))?.mustChangePassword).toBe(false);
    await json(await r.counts.GET(await app.request(user.id, "/api/threads/counts")), 200);
    // From now on the current password is asked for.
    const noCurrent = await json(
      await r.password.POST(await app.request(user.id, "/api/account/password", { method: "POST", body: { newPassword: "yet another passphrase" } })),
      400,
    );
    expect(Object.keys(noCurrent.error.fields)).toEqual(["currentPassword"]);
    await json(
      await r.team.POST(
        await app.request(admin, "/api/team", { method: "POST", body: { email: "TEMP@team.example", name: "Twice", role: "viewer", method: "link" } }),
      ),
      409,
    );
  });

  it("changes a role with effect on the next request, keeps an admin, and removes access at once", async () => {
    const admin = await app.member("admin");
    const target = await app.member("viewer");
    await json(
      await r.reply.POST(
        await app.request(target, "/api/threads/x/reply", { method: "POST", body: { text: { EN: "hello" } } }),
        params({ id: app.question.id }),
      ),
      403,
    );
    const changed = await json(
      await r.member.PATCH(await app.request(admin, "/api/team/x", { method: "PATCH", body: { role: "sender" } }), params({ id: target })),
      200,
    );
    expect(changed.role).toBe("sender");
    await json(
      await r.reply.POST(
        await app.request(target, "/api/threads/x/reply", { method: "POST", body: { text: { EN: "hello from a new sender" } } }),
        params({ id: app.question.id }),
      ),
      200,
    );

    const s = await store();
    for (const u of s.users.list()) if (u.role === "admin" && u.id !== admin) s.users.setRole(u.id, "viewer");
    const last = await json(
      await r.member.PATCH(await app.request(admin, "/api/team/x", { method: "PATCH", body: { role: "viewer" } }), params({ id: admin })),
      409,
    );
    expect(last.error.message).toMatch(/at least one admin/);
    await json(await r.member.DELETE(await app.request(admin, "/api/team/x", { method: "DELETE" }), params({ id: admin })), 409);

    const session = await app.request(target, "/api/threads/counts");
    await json(await r.member.DELETE(await app.request(admin, "/api/team/x", { method: "DELETE" }), params({ id: target })), 200);
    await json(await r.counts.GET(session), 401);
    await json(await r.member.DELETE(await app.request(admin, "/api/team/x", { method: "DELETE" }), params({ id: target })), 404);
  });

  it("a reset ends the member's sessions and their old password", async () => {
    const admin = await app.member("admin");
    const target = await app.member("sender");
    const session = await app.request(target, "/api/threads/counts");
    const grant = await json(
      await r.reset.POST(await app.request(admin, "/api/team/x/reset", { method: "POST", body: { method: "link" } }), params({ id: target })),
      200,
    );
    expect(grant.link).toContain("/invite/");
    expect(grant.member.signIn).toMatchObject({ password: false, invitePending: true });
    await json(await r.counts.GET(session), 401);
    const { verifyCredentials } = await import("@/lib/auth/users");
    const email = (await store()).users.get(target)!.email;
    expect(await verifyCredentials(email, TEST_PASSWORD)).toBeNull();
    const sessionB = await app.request(target, "/api/threads/counts");
    await json(await r.memberSignOut.POST(await app.request(admin, "/api/team/x/sign-out", { method: "POST" }), params({ id: target })), 200);
    await json(await r.counts.GET(sessionB), 401);
  });

  it("lists the team without secrets", async () => {
    const admin = await app.member("admin");
    const team = await json(await r.team.GET(await app.request(admin, "/api/team")), 200);
    expect(team.members.length).toBeGreaterThan(3);
    expect(team.sso).toEqual({ enabled: false });
    const text = JSON.stringify(team);
    expect(text).not.toMatch(/scrypt|passwordHash|inviteHash/);
  });
});

describe("the activity log and who wrote a reply", () => {
  it("records replies with the member and thread, and the thread shows who wrote each message we sent", async () => {
    const sender = await app.member("sender", { name: "Rita Replier" });
    const admin = await app.member("admin");
    const t = await json(
      await r.reply.POST(
        await app.request(sender, "/api/threads/x/reply", { method: "POST", body: { text: { EN: "Rita's answer" } } }),
        params({ id: app.question.id }),
      ),
      200,
    );
    const mine = t.messages.filter((m: { html: { EN?: string } }) => m.html.EN === "Rita's answer");
    expect(mine.at(-1).sentBy).toEqual({ id: sender, name: "Rita Replier", email: expect.stringContaining("@team.example") });
    // Toloker's messages never carry a team author.
    expect(t.messages.filter((m: { from: { role: string } }) => m.from.role === "toloker").every((m: { sentBy?: unknown }) => !m.sentBy)).toBe(true);
    const again = await json(await r.thread.GET(await app.request(sender, "/api/threads/x"), params({ id: app.question.id })), 200);
    expect(again.messages.find((m: { html: { EN?: string } }) => m.html.EN === "Rita's answer").sentBy.name).toBe("Rita Replier");

    const page = await json(await r.activity.GET(await app.request(admin, `/api/activity?action=thread.reply&actor=${sender}`)), 200);
    expect(page.items[0]).toMatchObject({ action: "thread.reply", threadId: app.question.id, actor: { id: sender, name: "Rita Replier" } });
    const byThread = await json(await r.activity.GET(await app.request(admin, `/api/activity?thread=${app.question.id}`)), 200);
    expect(byThread.items.every((e: { threadId: string }) => e.threadId === app.question.id)).toBe(true);
    expect(page.actors.map((a: { id: string }) => a.id)).toContain(sender);
    const bad = await json(await r.activity.GET(await app.request(admin, "/api/activity?action=nonsense")), 400);
    expect(Object.keys(bad.error.fields)).toEqual(["action"]);
    const future = await json(await r.activity.GET(await app.request(admin, "/api/activity?from=2999-01-01")), 200);
    expect(future.items).toEqual([]);
  });
});

describe("who wrote a message we composed", () => {
  async function finished(member: string, id: string) {
    for (let i = 0; i < 400; i++) {
      const job = await json(await r.job.GET(await app.request(member, "/api/jobs/x"), params({ id })), 200);
      if (job.status === "done") return job;
      await new Promise((res) => setTimeout(res, 25));
    }
    throw new Error("the send did not finish");
  }

  it("each thread a send makes names its author in the thread, and the activity log has the send", async () => {
    const sender = await app.member("sender", { name: "Cora Composer" });
    const admin = await app.member("admin");
    const ids = app.server.emulator.store
      .listTolokers(150, 0)
      .items.slice(20, 150)
      .map((t) => t.id);
    const body = { topic: { EN: "Pools for you" }, text: { EN: "Cora's message" }, answerable: true, recipients: { type: "DIRECT", ids } };
    const started = await json(await r.send.POST(await app.request(sender, "/api/compose/send", { method: "POST", body })), 202);
    const job = await finished(sender, started.id);
    expect(job).toMatchObject({ done: 2, failed: 0 });

    const page = await json(await r.activity.GET(await app.request(admin, `/api/activity?action=thread.compose&actor=${sender}`)), 200);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      jobId: job.id,
      actor: { id: sender, name: "Cora Composer" },
      details: { selectType: "DIRECT", recipients: 130, batches: 2 },
    });

    for (const batch of job.send.batches) {
      const t = await json(await r.thread.GET(await app.request(admin, "/api/threads/x"), params({ id: batch.threadId })), 200);
      // The composed message is the thread's first (oldest).
      expect(t.messages[0]).toMatchObject({ from: { role: "requester" }, html: { EN: "Cora's message" } });
      expect(t.messages[0].sentBy).toEqual({ id: sender, name: "Cora Composer", email: expect.stringContaining("@team.example") });
    }
  });

  it("a failed batch retried by an admin is logged as their retry, and its thread is still the sender's", async () => {
    const sender = await app.member("sender", { name: "Sid Sender" });
    const other = await app.member("admin", { name: "Rhea Retrier" });
    const admin = await app.member("admin");
    const toloker = app.server.emulator.store.listTolokers(200, 0).items[170].id;
    const body = { topic: { EN: "One more" }, text: { EN: "Sid's message" }, answerable: true, recipients: { type: "DIRECT", ids: [toloker] } };
    // Toloka refuses the key once: the batch fails at once, nothing sent.
    app.server.emulator.faults.set([{ endpoint: "compose", kind: "401", count: 1 }]);
    let job: Awaited<ReturnType<typeof finished>>;
    try {
      job = await finished(sender, (await json(await r.send.POST(await app.request(sender, "/api/compose/send", { method: "POST", body })), 202)).id);
    } finally {
      app.server.emulator.faults.set([]);
    }
    expect(job).toMatchObject({ done: 0, failed: 1 });

    await json(await r.retry.POST(await app.request(other, "/api/jobs/x/retry", { method: "POST" }), params({ id: job.id })), 202);
    job = await finished(sender, job.id);
    expect(job).toMatchObject({ done: 1, failed: 0 });
    const retries = await json(await r.activity.GET(await app.request(admin, `/api/activity?action=job.retry&job=${job.id}`)), 200);
    expect(retries.items).toHaveLength(1);
    expect(retries.items[0]).toMatchObject({ actor: { id: other, name: "Rhea Retrier" }, jobId: job.id, details: { kind: "send", retried: 1 } });

    const t = await json(await r.thread.GET(await app.request(admin, "/api/threads/x"), params({ id: job.send.batches[0].threadId })), 200);
    expect(t.messages[0].sentBy).toMatchObject({ id: sender, name: "Sid Sender" });
  });
});

describe("the Toloka connection", () => {
  it("in demo mode stays on the emulator: a demo admin cannot connect the app to a real Toloka", async () => {
    const demoAdmin = await app.member("admin");
    const c = await json(await r.connection.GET(await app.request(demoAdmin, "/api/settings/connection")), 200);
    expect(c).toMatchObject({ environment: "emulator", source: "emulator", lockedByEnvironment: false, demoMode: true, secretGenerated: true });
    const res = await json(
      await r.connection.PUT(
        await app.request(demoAdmin, "/api/settings/connection", { method: "PUT", body: { environment: "sandbox", token: "some-token-0123456789" } }),
      ),
      409,
    );
    expect(res.error.message).toMatch(/demo account/);
  });

  it("the first admin ends demo mode; they store a key encrypted, see it masked, test it, and the sync restarts on it", async () => {
    const demoSession = await app.request("demo-admin", "/api/threads/counts");
    expect((await r.counts.GET(demoSession)).status).toBe(200);
    const { ensureSetupCode, needsSetup } = await import("@/lib/auth/setup");
    expect(needsSetup()).toBe(true);
    const code = fs.readFileSync(ensureSetupCode(), "utf8").trim();
    const wrong = await json(
      await r.setup.POST(
        await app.request(null, "/api/setup", {
          method: "POST",
          body: { code: "nope", email: "boss@team.example", name: "Boss", password: "the first admin passphrase" },
        }),
      ),
      400,
    );
    expect(Object.keys(wrong.error.fields)).toEqual(["code"]);
    const boss = await json(
      await r.setup.POST(
        await app.request(null, "/api/setup", {
          method: "POST",
          body: { code, email: "boss@team.example", name: "Boss", password: "the first admin passphrase" },
        }),
      ),
      201,
    );
    expect(boss).toMatchObject({ role: "admin", demo: false });
    await json(
      await r.setup.POST(
        await app.request(null, "/api/setup", {
          method: "POST",
          body: { code, email: "again@team.example", name: "Again", password: "the first admin passphrase" },
        }),
      ),
      409,
    );
    expect(fs.existsSync(path.join(app.dataDir, "setup-code"))).toBe(false);
    // Demo mode is over: the demo accounts and what they made are gone, with their sessions.
    expect((await r.counts.GET(demoSession)).status).toBe(401);
    const s = await store();
    expect(s.users.list().every((u) => !u.demo)).toBe(true);

    // A custom URL (the test emulator), with its key: the test reports what Toloka said.
    const token = process.env.EMULATOR_TOKEN!;
    // The same emulator by another name: another address, so the mailbox starts over on it.
    const customUrl = app.server.url.replace("127.0.0.1", "localhost");
    const badKey = await json(
      await r.connectionTest.POST(
        await app.request(boss.id, "/api/settings/connection/test", {
          method: "POST",
          body: { environment: "custom", customUrl, token: "wrong-key-0123456789" },
        }),
      ),
      200,
    );
    expect(badKey).toMatchObject({ ok: false, status: 401, code: "AUTHENTICATION_ERROR" });
    expect(badKey.message).toMatch(/^Toloka answered 401 AUTHENTICATION_ERROR/);
    const good = await json(
      await r.connectionTest.POST(
        await app.request(boss.id, "/api/settings/connection/test", { method: "POST", body: { environment: "custom", customUrl, token } }),
      ),
      200,
    );
    expect(good).toMatchObject({ ok: true, status: 200, baseUrl: customUrl });
    const unreachable = await json(
      await r.connectionTest.POST(
        await app.request(boss.id, "/api/settings/connection/test", {
          method: "POST",
          body: { environment: "custom", customUrl: "http://127.0.0.1:9/api/v1", token },
        }),
      ),
      200,
    );
    expect(unreachable).toMatchObject({ ok: false, status: 0 });

    // With a generated NEXTAUTH_SECRET (kept in DATA_DIR beside the sealed key) a real key is refused.
    const unsafe = await json(
      await r.connection.PUT(await app.request(boss.id, "/api/settings/connection", { method: "PUT", body: { environment: "custom", customUrl, token } })),
      409,
    );
    expect(unsafe.error.message).toMatch(/^Set NEXTAUTH_SECRET in the server's environment/);
    // The operator sets it (to the value in use, so the sessions go on) and restarts.
    process.env.NEXTAUTH_SECRET = app.secret;
    const { resetConfigForTests } = await import("@/lib/config");
    resetConfigForTests();

    const { services } = await import("@/lib/services");
    const mailboxBefore = services().mailbox;
    const saved = await json(
      await r.connection.PUT(await app.request(boss.id, "/api/settings/connection", { method: "PUT", body: { environment: "custom", customUrl, token } })),
      200,
    );
    expect(saved.connection).toMatchObject({
      environment: "custom",
      source: "settings",
      baseUrl: customUrl,
      token: { set: true, masked: `••••${token.slice(-4)}` },
    });
    expect(JSON.stringify(saved)).not.toContain(token);
    expect(services().mailbox).not.toBe(mailboxBefore);
    // At rest the key is sealed, never in the clear.
    const raw = s.kv.get("settings.connection")!;
    expect(raw).not.toContain(token);
    expect(JSON.parse(raw).token.sealed).toMatch(/^v1\./);
    const { getConnection } = await import("@/lib/toloka/connection");
    expect(getConnection()).toMatchObject({ mode: "toloka", source: "settings", baseUrl: customUrl, token });

    // Another address needs the key again: a stored key is only sent where it was saved for.
    const moved = await json(
      await r.connectionTest.POST(
        await app.request(boss.id, "/api/settings/connection/test", {
          method: "POST",
          body: { environment: "custom", customUrl: "http://127.0.0.1:9/api/v1" },
        }),
      ),
      400,
    );
    expect(moved.error.fields.token).toMatch(/only ever sent/);
    const same = await json(
      await r.connectionTest.POST(await app.request(boss.id, "/api/settings/connection/test", { method: "POST", body: { environment: "custom", customUrl } })),
      200,
    );
    expect(same.ok).toBe(true);

    // The app reads through the new connection; the activity log has the change, without the key.
    await json(await r.counts.GET(await app.request(boss.id, "/api/threads/counts")), 200);
    const log = await json(await r.activity.GET(await app.request(boss.id, "/api/activity?action=settings.")), 200);
    expect(log.items[0]).toMatchObject({ action: "settings.connection", actor: { id: boss.id }, details: { environment: "custom", keyChanged: true } });
    expect(JSON.stringify(log)).not.toContain(token);

    // A secret that changed makes the stored key unreadable: the page says so instead of failing.
    const { openToken } = await import("@/lib/toloka/token-crypto");
    expect(openToken(JSON.parse(raw).token.sealed, "another-secret-0123456789")).toBeNull();

    // Back to the emulator: no demo accounts, since the team has an admin of its own.
    await json(await r.connection.PUT(await app.request(boss.id, "/api/settings/connection", { method: "PUT", body: { environment: "emulator" } })), 200);
    expect(getConnection().mode).toBe("emulator");
    const { syncDemoAccounts } = await import("@/lib/auth/users");
    await syncDemoAccounts();
    expect(s.users.get("demo-admin")).toBeNull();
  });
});
