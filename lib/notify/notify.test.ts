import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSqliteStore, type Store } from "@/lib/db";
import { DEFAULT_MEMBER_NOTIFY_SETTINGS } from "@/lib/schemas/notifications";
import { NotificationService, type NotifyEvent, type NotifyOptions } from "./service";

/*
 * Notifications against a real SMTP server (smtp-server, in this process, on a random port: nodemailer speaks SMTP
 * to it over TCP) and a real HTTP receiver (node:http) for the webhook. The clock is the test's.
 */

interface Mail {
  to: string[];
  /** The message as it arrived, its quoted-printable undone (the text parts are readable). */
  raw: string;
}

const mails: Mail[] = [];
/** The SMTP server's answer to the next messages: a temporary failure while set. */
let smtpRefuses = false;
const posts: { body: unknown; raw: string }[] = [];
let webhookStatus = 200;

let smtp: SMTPServer;
let smtpPort = 0;
let receiver: http.Server;
let webhookUrl = "";

/** Quoted-printable undone, so the text parts of a message can be searched. */
function decodeQuotedPrintable(s: string): string {
  const bytes = s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (smtpRefuses) {
          const error = Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 });
          return callback(error);
        }
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: decodeQuotedPrintable(Buffer.concat(chunks).toString("latin1")) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      if (webhookStatus >= 200 && webhookStatus < 300) posts.push({ body: JSON.parse(raw), raw });
      res.writeHead(webhookStatus, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook/secret-path`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const WINDOW = 60_000;
let clock = Date.parse("2030-03-01T10:00:00Z");
let store: Store;
let services: NotificationService[] = [];
let appeals: Array<{ threadId: string; assignmentId: string; topic: string; tolokerId?: string; deadline?: string }> = [];

const silent = { warn: () => undefined };

function service(s: Store = store, opts: NotifyOptions = {}): NotificationService {
  const svc = new NotificationService(
    { store: s, appeals: () => appeals },
    {
      now: () => clock,
      windowMs: WINDOW,
      smtp: { host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true },
      from: "Toloka Messages <no-reply@messages.test>",
      appUrl: "http://messages.test/",
      retryBaseMs: 30_000,
      maxAttempts: 3,
      log: silent,
      ...opts,
    },
  );
  services.push(svc);
  return svc;
}

function member(s: Store, id: string, settings: Partial<typeof DEFAULT_MEMBER_NOTIFY_SETTINGS> = {}) {
  s.users.create({ id, email: `${id}@team.test`, name: `Member ${id}`, role: "sender" });
  if (Object.keys(settings).length > 0) {
    s.notifications.putSettings(id, { ...DEFAULT_MEMBER_NOTIFY_SETTINGS, ...settings, updatedAt: new Date(clock).toISOString() });
  }
}

const message = (i: number, extra: Partial<NotifyEvent> = {}): NotifyEvent => ({
  kind: "message",
  threadId: `thread-${String(i % 50).padStart(3, "0")}`,
  recipients: ["ann"],
  topic: `Question ${i % 50}`,
  text: `Where is my payment, number ${i}?`,
  tolokerId: `toloker-${i % 50}`,
  ...extra,
});

const eventsOf = (n: number) => posts[n].body as { events: Array<Record<string, unknown>>; count: number; text: string };

beforeEach(() => {
  mails.length = 0;
  posts.length = 0;
  smtpRefuses = false;
  webhookStatus = 200;
  appeals = [];
  store = createSqliteStore(":memory:");
  member(store, "ann");
});

afterEach(async () => {
  for (const s of services) await s.stop();
  services = [];
  store.close();
});

describe("notifications", () => {
  it("sends 500 new messages for one member as exactly one email and one webhook POST, once the window has passed", async () => {
    const notify = service();
    notify.saveAdminSettings({ name: "Admin" }, { webhookUrl });
    // Half one by one (a sync applying messages as they come), half in one call.
    for (let i = 0; i < 250; i++) expect(notify.record(message(i))).toBe(1);
    expect(notify.record(Array.from({ length: 250 }, (_, i) => message(250 + i)))).toBe(250);

    // Still inside the window: nothing goes.
    clock += WINDOW / 2;
    expect(await notify.flush()).toEqual({ emails: 0, webhooks: 0, failures: 0 });
    expect(mails).toHaveLength(0);
    expect(posts).toHaveLength(0);

    clock += WINDOW / 2;
    expect(await notify.flush()).toEqual({ emails: 1, webhooks: 1, failures: 0 });
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(["ann@team.test"]);
    expect(mails[0].raw).toMatch(/^Subject: Toloka Messages: 500 new messages$/m);
    expect(mails[0].raw).toContain("http://messages.test/messages/inbox?thread=thread-007");
    expect(mails[0].raw).toContain("10 new messages from Toloker toloker-7 in");
    expect(mails[0].raw).toMatch(/Content-Type: text\/html/);

    expect(posts).toHaveLength(1);
    const payload = eventsOf(0);
    expect(payload.count).toBe(50);
    expect(payload.events).toHaveLength(50);
    expect(payload.text).toBe("Toloka Messages: 500 new messages");
    expect(payload.events[0]).toEqual({
      kind: "message",
      threadId: "thread-000",
      topic: "Question 0",
      url: "http://messages.test/messages/inbox?thread=thread-000",
      at: new Date(clock - WINDOW).toISOString(),
    });

    // Sent once: later passes find nothing.
    clock += WINDOW * 3;
    expect(await notify.flush()).toEqual({ emails: 0, webhooks: 0, failures: 0 });
    expect(mails).toHaveLength(1);
    expect(posts).toHaveLength(1);
    expect(notify.adminPage().status).toMatchObject({ pending: 0, failed: 0, lastSentAt: new Date(clock - WINDOW * 3).toISOString() });
  });

  it("sends one email per member and one webhook POST for all of them, an unowned thread's message counted once", async () => {
    const notify = service();
    notify.saveAdminSettings({ name: "Admin" }, { webhookUrl });
    member(store, "bob", { unassigned: true });
    member(store, "cid", { unassigned: true });
    member(store, "dee");
    // An unassigned thread: only those who asked for them (bob, cid), not ann nor dee.
    expect(notify.record({ kind: "message", threadId: "t-open", recipients: [], topic: "Nobody's", text: "Hi" })).toBe(2);
    // An assignment by cid to bob, a mention of cid by cid (never told of oneself), a mention of dee.
    expect(notify.record({ kind: "assigned", threadId: "t-open", recipients: ["bob"], actorId: "cid", actorName: "Cid", topic: "Nobody's" })).toBe(1);
    expect(notify.record({ kind: "mention", threadId: "t-open", recipients: ["cid", "dee"], actorId: "cid", actorName: "Cid", topic: "Nobody's" })).toBe(1);
    expect(notify.record({ kind: "assigned", threadId: "t-x", recipients: ["nobody-such"], topic: "Gone" })).toBe(0);

    clock += WINDOW;
    expect(await notify.flush()).toEqual({ emails: 3, webhooks: 1, failures: 0 });
    const byTo = Object.fromEntries(mails.map((m) => [m.to[0], m.raw]));
    expect(Object.keys(byTo).sort()).toEqual(["bob@team.test", "cid@team.test", "dee@team.test"]);
    expect(byTo["bob@team.test"]).toMatch(/^Subject: Toloka Messages: 1 new message, 1 thread assigned to you$/m);
    expect(byTo["bob@team.test"]).toContain("Cid assigned you");
    expect(byTo["dee@team.test"]).toMatch(/^Subject: Toloka Messages: 1 mention$/m);
    expect(posts).toHaveLength(1);
    expect(eventsOf(0).events.map((e) => `${e.kind} ${e.threadId}`)).toEqual(["message t-open", "assigned t-open", "mention t-open"]);
    expect(eventsOf(0).text).toBe("Toloka Messages: 1 new message, 1 thread assigned to you, 1 mention");
  });

  it("sends nothing when the member's settings say no, or the admin turned notifications off", async () => {
    const notify = service();
    notify.saveAdminSettings({ name: "Admin" }, { webhookUrl });
    member(store, "off", { email: false, webhook: false });
    member(store, "quiet", { message: false, assigned: false, mention: false });
    expect(notify.record(message(1, { recipients: ["off", "quiet"] }))).toBe(0);
    expect(notify.record({ kind: "assigned", threadId: "t1", recipients: ["off", "quiet"], topic: "x" })).toBe(0);
    expect(notify.record({ kind: "appeal", threadId: "t1", recipients: [], topic: "x" })).toBe(0);

    // Email only: the webhook is not used for her.
    member(store, "mailonly", { webhook: false });
    expect(notify.record(message(2, { recipients: ["mailonly"] }))).toBe(1);
    clock += WINDOW;
    expect(await notify.flush()).toEqual({ emails: 1, webhooks: 0, failures: 0 });
    expect(posts).toHaveLength(0);

    // Off for the team: nothing is queued, and what was queued is dropped.
    notify.record(message(3));
    notify.saveAdminSettings({ name: "Admin" }, { enabled: false });
    expect(notify.record(message(4))).toBe(0);
    clock += WINDOW;
    expect(await notify.flush()).toEqual({ emails: 0, webhooks: 0, failures: 0 });
    expect(mails).toHaveLength(1);
    expect(notify.adminPage().status.pending).toBe(0);
  });

  it("keeps a message's text in the server unless the admin allows it out", async () => {
    const secret = "my account number is 4242-SECRET";
    const notify = service();
    notify.saveAdminSettings({ name: "Admin" }, { webhookUrl });
    notify.record(message(1, { text: `<p>Hello, ${secret}</p>` }));
    clock += WINDOW;
    await notify.flush();
    expect(mails).toHaveLength(1);
    expect(posts).toHaveLength(1);
    expect(mails[0].raw).toContain("Question 1");
    expect(mails[0].raw).not.toContain("4242-SECRET");
    expect(posts[0].raw).toContain("Question 1");
    expect(posts[0].raw).not.toContain("4242-SECRET");

    notify.saveAdminSettings({ name: "Admin" }, { includeText: true });
    notify.record(message(2, { text: `<p>Hello, ${secret}</p>` }));
    clock += WINDOW;
    await notify.flush();
    expect(posts).toHaveLength(2);
    expect(eventsOf(1).events[0].text).toBe(`Hello, ${secret}`);
    expect(mails[1].raw).toContain(secret);
  });

  it("keeps the rows when the mail server fails, tries again later, and delivers them once", async () => {
    const notify = service();
    for (let i = 0; i < 20; i++) notify.record(message(i));
    smtpRefuses = true;
    clock += WINDOW;
    expect(await notify.flush()).toEqual({ emails: 0, webhooks: 0, failures: 1 });
    expect(mails).toHaveLength(0);
    const status = notify.adminPage().status;
    expect(status.pending).toBe(20);
    expect(status.lastError).toMatchObject({ channel: "email", message: expect.stringContaining("451") });

    // The server is back, but the retry waits its turn (30 s after the first failure).
    smtpRefuses = false;
    clock += 10_000;
    expect(await notify.flush()).toEqual({ emails: 0, webhooks: 0, failures: 0 });
    clock += 20_000;
    expect(await notify.flush()).toEqual({ emails: 1, webhooks: 0, failures: 0 });
    expect(mails).toHaveLength(1);
    expect(mails[0].raw).toMatch(/^Subject: Toloka Messages: 20 new messages$/m);
    clock += WINDOW * 10;
    await notify.flush();
    expect(mails).toHaveLength(1);
    expect(notify.adminPage().status.pending).toBe(0);
  });

  it("gives up after the last attempt, keeping the error for the admin", async () => {
    const notify = service();
    notify.saveAdminSettings({ name: "Admin" }, { webhookUrl });
    member(store, "web", { email: false });
    notify.record(message(1, { recipients: ["web"] }));
    webhookStatus = 503;
    for (let attempt = 0; attempt < 3; attempt++) {
      clock += 10 * WINDOW;
      expect((await notify.flush()).failures).toBe(1);
    }
    webhookStatus = 200;
    clock += 10 * WINDOW;
    expect(await notify.flush()).toEqual({ emails: 0, webhooks: 0, failures: 0 });
    expect(posts).toHaveLength(0);
    const status = notify.adminPage().status;
    expect(status).toMatchObject({ pending: 0, failed: 1 });
    expect(status.lastError).toMatchObject({ channel: "webhook", message: "The webhook answered 503 Service Unavailable, not 2xx." });
  });

  it("delivers after a restart what was queued before it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tm-notify-"));
    const file = path.join(dir, "app.sqlite");
    const before = createSqliteStore(file);
    member(before, "ann");
    const first = service(before);
    first.saveAdminSettings({ name: "Admin" }, { webhookUrl });
    for (let i = 0; i < 5; i++) first.record(message(i));
    await first.stop();
    before.close();

    const after = createSqliteStore(file);
    try {
      const second = service(after);
      clock += WINDOW;
      expect(await second.flush()).toEqual({ emails: 1, webhooks: 1, failures: 0 });
      expect(mails[0].raw).toMatch(/^Subject: Toloka Messages: 5 new messages$/m);
      expect(eventsOf(0).count).toBe(5);
      expect(await second.flush()).toEqual({ emails: 0, webhooks: 0, failures: 0 });
    } finally {
      await Promise.all(services.map((s) => s.stop()));
      after.close();
    }
  });

  it("announces an appeal with at most 2 days left once, to the members who asked", async () => {
    const notify = service();
    member(store, "judge", { appeal: true });
    const day = 86_400_000;
    appeals = [
      { threadId: "t-soon", assignmentId: "a-soon", topic: "Appeal: rejected", tolokerId: "tk1", deadline: new Date(clock + 1.5 * day).toISOString() },
      { threadId: "t-later", assignmentId: "a-later", topic: "Appeal: later", deadline: new Date(clock + 5 * day).toISOString() },
    ];
    await notify.flush();
    clock += WINDOW;
    expect(await notify.flush()).toEqual({ emails: 1, webhooks: 0, failures: 0 });
    expect(mails[0].to).toEqual(["judge@team.test"]);
    expect(mails[0].raw).toMatch(/^Subject: Toloka Messages: 1 appeal near its deadline$/m);
    expect(mails[0].raw).toContain("2 days left");
    // Announced once, however often it is looked at.
    clock += WINDOW;
    await notify.flush();
    clock += WINDOW;
    await notify.flush();
    expect(mails).toHaveLength(1);
  });

  it("sends nothing by email without a mail server, and says so", async () => {
    const notify = service(store, { smtp: null });
    expect(notify.record(message(1))).toBe(0);
    expect(notify.memberPage({ id: "ann", email: "ann@team.test" }).email.available).toBe(false);
    expect(notify.adminPage().status.smtp.configured).toBe(false);
    expect(await notify.sendTest({ name: "Admin", email: "admin@team.test" })).toEqual({
      email: { tried: false, ok: false, message: "Email is off: the server has no SMTP_URL." },
      webhook: { tried: false, ok: false, message: "No webhook is set." },
    });
  });

  it("sends a test each way now, and says what happened", async () => {
    const notify = service();
    notify.saveAdminSettings({ name: "Admin" }, { webhookUrl });
    const result = await notify.sendTest({ name: "Admin", email: "admin@team.test" });
    expect(result.email).toEqual({ tried: true, ok: true, message: `Sent to admin@team.test through smtp://127.0.0.1:${smtpPort}.` });
    expect(result.webhook).toEqual({ tried: true, ok: true, message: "The webhook answered 200." });
    expect(mails[0].to).toEqual(["admin@team.test"]);
    expect(posts[0].body).toMatchObject({ test: true, count: 0, events: [] });
    expect(notify.adminPage().webhook).toEqual({ set: true, masked: `http://127.0.0.1:${new URL(webhookUrl).port}/…path` });
  });
});
