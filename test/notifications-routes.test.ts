import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, startApp, type App, type Handler } from "./harness";

/*
 * The notification settings' routes through their real handlers: a member's own settings, the admin's, and
 * "Send a test" reaching a real SMTP server (smtp-server, in this process, as SMTP_URL) and a node:http receiver.
 */

let app: App;
let smtp: SMTPServer;
let receiver: http.Server;
let webhookUrl: string;
const mails: { to: string[]; raw: string }[] = [];
const posts: unknown[] = [];

let routes: {
  account: { GET: Handler; PUT: Handler };
  settings: { GET: Handler; PUT: Handler };
  test: { POST: Handler };
};
let admin: string;
let viewer: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: "mailer" }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      posts.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/T0001/B0002/abcd`;
  // Credentials in the URL, as a real one would have them (the server lets anyone in, after AUTH).
  process.env.SMTP_URL = `smtp://mailer:a-mail-password@127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.SMTP_FROM = "Team inbox <inbox@team.example>";

  app = await startApp();
  admin = await app.member("admin");
  viewer = await app.member("viewer");
  routes = {
    account: await import("@/app/api/account/notifications/route"),
    settings: await import("@/app/api/settings/notifications/route"),
    test: await import("@/app/api/settings/notifications/test/route"),
  } as typeof routes;
});

afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
});

const own = { email: true, webhook: false, message: true, unassigned: true, assigned: true, mention: false, appeal: true };

describe("/api/account/notifications", () => {
  it("answers a member's defaults, with where the emails go", async () => {
    const res = await routes.account.GET(await app.request(viewer, "/api/account/notifications"));
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page).toMatchObject({
      settings: { email: true, webhook: true, message: true, unassigned: false, assigned: true, mention: true, appeal: false },
      enabled: true,
      email: { available: true, address: expect.stringMatching(/@team\.example$/) },
      webhook: { available: false },
      digestSeconds: 60,
    });
  });

  it("refuses a setting that is not a yes or no, naming it", async () => {
    await expectError(
      await routes.account.PUT(await app.request(viewer, "/api/account/notifications", { method: "PUT", body: { ...own, email: "yes" } })),
      400,
      "email",
    );
    const { appeal: _, ...missing } = own;
    await expectError(await routes.account.PUT(await app.request(viewer, "/api/account/notifications", { method: "PUT", body: missing })), 400, "appeal");
    await expectError(await routes.account.PUT(await app.request(null, "/api/account/notifications", { method: "PUT", body: own })), 401);
  });

  it("saves the member's own settings only, and logs it", async () => {
    const res = await routes.account.PUT(await app.request(viewer, "/api/account/notifications", { method: "PUT", body: own }));
    expect(res.status).toBe(200);
    expect((await res.json()).settings).toEqual(own);
    const again = await (await routes.account.GET(await app.request(viewer, "/api/account/notifications"))).json();
    expect(again.settings).toEqual(own);
    const others = await (await routes.account.GET(await app.request(admin, "/api/account/notifications"))).json();
    expect(others.settings.appeal).toBe(false);
    const { getStore } = await import("@/lib/db");
    const entry = getStore().activity.query({ limit: 1, action: "account.notifications" }).items[0];
    expect(entry).toMatchObject({ actorId: viewer, details: own });
  });
});

describe("/api/settings/notifications", () => {
  it("is the admin's: a viewer is refused", async () => {
    await expectError(await routes.settings.GET(await app.request(viewer, "/api/settings/notifications")), 403);
    await expectError(await routes.settings.PUT(await app.request(viewer, "/api/settings/notifications", { method: "PUT", body: { includeText: true } })), 403);
    await expectError(await routes.test.POST(await app.request(viewer, "/api/settings/notifications/test", { method: "POST" })), 403);
  });

  it("says the mail server is configured without its credentials", async () => {
    const res = await routes.settings.GET(await app.request(admin, "/api/settings/notifications"));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("a-mail-password");
    expect(JSON.parse(text)).toMatchObject({
      enabled: true,
      webhook: { set: false },
      includeText: false,
      status: {
        smtp: { configured: true, server: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, from: "Team inbox <inbox@team.example>" },
        digestSeconds: 60,
        pending: 0,
        failed: 0,
      },
    });
  });

  it("refuses a webhook that is not an http(s) URL, naming the field", async () => {
    for (const bad of ["ftp://x", "javascript:alert(1)", "not a url", "http://", 42]) {
      const res = await routes.settings.PUT(await app.request(admin, "/api/settings/notifications", { method: "PUT", body: { webhookUrl: bad } }));
      const body = await expectError(res, 400, "webhookUrl");
      if (typeof bad === "string") expect(body.error.fields?.webhookUrl).toBe("must be an http:// or https:// URL");
    }
    await expectError(
      await routes.settings.PUT(await app.request(admin, "/api/settings/notifications", { method: "PUT", body: { includeText: "sure" } })),
      400,
      "includeText",
    );
  });

  it("saves the webhook (shown masked, logged without its address) and what may leave", async () => {
    const res = await routes.settings.PUT(
      await app.request(admin, "/api/settings/notifications", { method: "PUT", body: { webhookUrl: ` ${webhookUrl} `, includeText: true } }),
    );
    expect(res.status).toBe(200);
    const saved = await res.json();
    expect(saved.webhook).toEqual({ set: true, masked: `http://127.0.0.1:${new URL(webhookUrl).port}/…abcd` });
    expect(saved.includeText).toBe(true);
    expect(JSON.stringify(saved)).not.toContain("T0001");
    const { getStore } = await import("@/lib/db");
    const entry = getStore().activity.query({ limit: 1, action: "settings.notifications" }).items[0];
    expect(entry).toMatchObject({ actorId: admin, details: { includeText: true, webhook: "set" } });
    expect(JSON.stringify(entry)).not.toContain("T0001");

    // Absent fields stay; the member's page now offers the webhook.
    const kept = await (
      await routes.settings.PUT(await app.request(admin, "/api/settings/notifications", { method: "PUT", body: { includeText: false } }))
    ).json();
    expect(kept.webhook.set).toBe(true);
    const page = await (await routes.account.GET(await app.request(viewer, "/api/account/notifications"))).json();
    expect(page.webhook.available).toBe(true);
  });

  it("sends a test email to the admin and a test POST to the webhook, now", async () => {
    const res = await routes.test.POST(await app.request(admin, "/api/settings/notifications/test", { method: "POST" }));
    expect(res.status).toBe(200);
    const result = await res.json();
    expect(result.email).toMatchObject({ tried: true, ok: true });
    expect(result.webhook).toEqual({ tried: true, ok: true, message: "The webhook answered 204." });
    const { getStore } = await import("@/lib/db");
    const adminEmail = getStore().users.get(admin)!.email;
    expect(mails.map((m) => m.to)).toContainEqual([adminEmail]);
    expect(mails.at(-1)!.raw).toMatch(/^From: Team inbox <inbox@team\.example>$/m);
    expect(posts.at(-1)).toMatchObject({ test: true, count: 0, events: [] });
  });

  it("removes the webhook with null", async () => {
    const res = await routes.settings.PUT(await app.request(admin, "/api/settings/notifications", { method: "PUT", body: { webhookUrl: null } }));
    expect((await res.json()).webhook).toEqual({ set: false });
  });
});
