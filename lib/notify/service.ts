import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { bodyToText } from "@/lib/compose/body-format";
import type { NewNotifyEvent, NotifyChannel, NotifyEventRecord, NotifySettingsRecord, Store } from "@/lib/db";
import { getLogger } from "@/lib/log";
import {
  DEFAULT_MEMBER_NOTIFY_SETTINGS,
  NOTIFY_KINDS,
  type AdminNotifySettings,
  type MemberNotifyPage,
  type MemberNotifySettings,
  type NotifyKind,
  type NotifyTestResult,
} from "@/lib/schemas/notifications";
import { digestEmail, webhookPayload, type DigestContext, type WebhookPayload } from "./digest";

/**
 * Something a team member may be told about. `recipients` are team members' ids; empty means the service decides:
 * for a "message", every member who asked for messages in threads nobody owns (an unassigned thread); for an
 * "appeal", every member who asked for appeals; for the others, nobody. `actorId`, when given, is never told of
 * what they did themselves. `text` is the message (plain text or the message's HTML); it leaves the server only
 * when the admin allows it (`includeText`).
 */
export interface NotifyEvent {
  kind: NotifyKind;
  threadId: string;
  recipients: string[];
  actorId?: string;
  actorName?: string;
  topic: string;
  text?: string;
  tolokerId?: string;
  /** An appeal's deadline, ISO 8601. */
  deadline?: string;
}

/** An open appeal, as the appeals queue has it (TolokerService.appeals()). */
interface OpenAppeal {
  threadId: string;
  assignmentId: string;
  topic: string;
  tolokerId?: string;
  deadline?: string;
}

export interface NotifyOptions {
  /** The clock (tests move it). */
  now?: () => number;
  /** The batching window (NOTIFY_DIGEST_SECONDS): a member's events go out once the oldest has waited this long. */
  windowMs?: number;
  /** The mail server: SMTP_URL, or nodemailer's SMTP options (tests); null or absent: no email. */
  smtp?: string | SMTPTransport.Options | null;
  /** The sender (SMTP_FROM). */
  from?: string;
  /** The app's public address, for the links (NEXTAUTH_URL). */
  appUrl?: string;
  webhookTimeoutMs?: number;
  /** The first retry's wait after a failure; it doubles each time, up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Attempts each way before a notification is given up on (its error kept). */
  maxAttempts?: number;
  /** How long a process holds the rows it is sending before another may take them (it died mid-send). */
  leaseMs?: number;
  /** How often open appeals are looked at for a close deadline. */
  appealEveryMs?: number;
  /** An appeal with at most this many days left is announced (once). */
  appealDaysLeft?: number;
  /** Where failures are logged (the server log by default). */
  log?: { warn: (obj: object, msg: string) => void };
}

/** The admin's settings, one `kv` row. */
interface AdminSettings {
  enabled: boolean;
  webhookUrl: string | null;
  includeText: boolean;
  updatedAt?: string;
  updatedBy?: string;
}

/** What one pass did, for tests and the log. */
export interface FlushResult {
  emails: number;
  webhooks: number;
  failures: number;
}

const SETTINGS_KEY = "notify.settings";
const LAST_ERROR_KEY = "notify.lastError";
const LAST_SENT_KEY = "notify.lastSentAt";
const DAY_MS = 86_400_000;
const TOPIC_MAX = 200;
const TEXT_MAX = 500;
/** Settled rows are kept this long (the admin's count of the failed ones), then removed. */
const KEEP_MS = 7 * DAY_MS;
/** Emails sent at once; the others wait their turn. */
const EMAIL_CONCURRENCY = 4;
/** Errors that say the mail server itself is unreachable: the other members' emails are not tried this pass. */
const CONNECTION_ERRORS = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EAUTH", "ECONNREFUSED"]);

const DEFAULT_ADMIN: AdminSettings = { enabled: true, webhookUrl: null, includeText: false };

const iso = (ms: number) => new Date(ms).toISOString();

function clip(s: string, max: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** An error in words for the admin's page and the rows: no URL credentials, never long. */
function errorText(error: unknown): string {
  const e = error as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  const base = e?.message ?? String(error);
  const cause = e?.cause ? ` (${e.cause.code ?? e.cause.message ?? ""})` : "";
  return clip(`${base}${cause}`.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, "$1[redacted]@"), 500);
}

/** Scheme, host and the last characters of a webhook's address: its path often is the secret. */
function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…${url.slice(-4)}`;
  } catch {
    return "…";
  }
}

/** The mail server as the admin may see it: no credentials. */
function smtpServer(smtp: string | SMTPTransport.Options): string {
  if (typeof smtp !== "string") return `smtp${smtp.secure ? "s" : ""}://${smtp.host ?? "localhost"}:${smtp.port ?? (smtp.secure ? 465 : 587)}`;
  try {
    const u = new URL(smtp);
    return `${u.protocol}//${u.host}`;
  } catch {
    return "(unreadable SMTP_URL)";
  }
}

/**
 * Notifications to the team (issue 16): by email (SMTP, through nodemailer) and by the team's webhook, on a new
 * Toloker message, an assignment, a mention and an appeal close to its deadline.
 *
 * `record` only queues (one row per member who wants it, in app.sqlite); a timer every window sends each member's
 * queue as ONE email once its oldest row has waited a window, and every member's rows as ONE webhook POST (one
 * event per kind and thread). A row is marked sent only after the server took it; a failure keeps it, counts
 * the attempt and waits longer each time, and gives up after `maxAttempts` with the error kept. A restart finds
 * the queue where it was.
 */
export class NotificationService {
  private readonly store: Store;
  private readonly appeals?: () => OpenAppeal[];
  private readonly now: () => number;
  private readonly o: Required<Omit<NotifyOptions, "now" | "smtp" | "log">>;
  private readonly smtp: string | SMTPTransport.Options | null;
  private readonly logger?: NotifyOptions["log"];
  private transport: Transporter<SMTPTransport.SentMessageInfo> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<FlushResult> | null = null;
  private appealsCheckedAt = Number.NEGATIVE_INFINITY;
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(deps: { store: Store; appeals?: () => OpenAppeal[] }, opts: NotifyOptions = {}) {
    this.store = deps.store;
    this.appeals = deps.appeals;
    this.now = opts.now ?? Date.now;
    this.smtp = opts.smtp ?? null;
    this.logger = opts.log;
    this.o = {
      windowMs: Math.max(1, opts.windowMs ?? 60_000),
      from: opts.from ?? "Toloka Messages <no-reply@localhost>",
      appUrl: (opts.appUrl ?? "http://localhost:3000").replace(/\/+$/, ""),
      webhookTimeoutMs: opts.webhookTimeoutMs ?? 10_000,
      retryBaseMs: opts.retryBaseMs ?? 60_000,
      retryMaxMs: opts.retryMaxMs ?? 3_600_000,
      maxAttempts: opts.maxAttempts ?? 8,
      leaseMs: opts.leaseMs ?? 10 * 60_000,
      appealEveryMs: opts.appealEveryMs ?? 3_600_000,
      appealDaysLeft: opts.appealDaysLeft ?? 2,
    };
  }

  // ------------------------------------------------------------------------------------------------
  // Recording

  /**
   * Queues events (one or many: a sync applying 500 messages may call this 500 times or once; either way each
   * member gets one digest a window). Stores a row for each recipient whose settings want the kind and who can be
   * reached one way or the other; returns how many rows it stored.
   */
  record(input: NotifyEvent | NotifyEvent[]): number {
    const events = Array.isArray(input) ? input : [input];
    if (events.length === 0) return 0;
    const admin = this.adminSettings();
    if (!admin.enabled) return 0;
    const emailOn = this.smtp !== null;
    const webhookOn = admin.webhookUrl !== null;
    if (!emailOn && !webhookOn) return 0;

    const createdAt = iso(this.now());
    const settings = new Map<string, MemberNotifySettings | null>();
    const settingsOf = (userId: string) => {
      if (!settings.has(userId)) settings.set(userId, this.store.users.get(userId) ? this.memberSettings(userId) : null);
      return settings.get(userId)!;
    };
    const wanting = new Map<"unassigned" | "appeal", string[]>();
    const wantingOf = (what: "unassigned" | "appeal") => wanting.get(what) ?? wanting.set(what, this.store.notifications.membersWanting(what)).get(what)!;

    const rows: NewNotifyEvent[] = [];
    for (const e of events) {
      if (!NOTIFY_KINDS.includes(e.kind) || typeof e.threadId !== "string" || !e.threadId) continue;
      const unowned = e.recipients.length === 0;
      const recipients = unowned ? (e.kind === "message" ? wantingOf("unassigned") : e.kind === "appeal" ? wantingOf("appeal") : []) : e.recipients;
      const summary = {
        topic: clip(e.topic ?? "", TOPIC_MAX),
        ...(e.actorName ? { actorName: clip(e.actorName, 100) } : {}),
        ...(e.text ? { text: clip(bodyToText(e.text), TEXT_MAX) } : {}),
        ...(e.tolokerId ? { tolokerId: e.tolokerId } : {}),
        ...(e.deadline ? { deadline: e.deadline } : {}),
      };
      for (const userId of new Set(recipients)) {
        if (userId === e.actorId) continue;
        const s = settingsOf(userId);
        if (!s) continue;
        const wants = e.kind === "message" ? s.message && (!unowned || s.unassigned) : s[e.kind];
        if (!wants) continue;
        const email = emailOn && s.email ? "pending" : "skipped";
        const webhook = webhookOn && s.webhook ? "pending" : "skipped";
        if (email === "skipped" && webhook === "skipped") continue;
        rows.push({ userId, kind: e.kind, threadId: e.threadId, summary, createdAt, email, webhook });
      }
    }
    this.store.notifications.add(rows);
    return rows.length;
  }

  // ------------------------------------------------------------------------------------------------
  // The timer

  /** Sends what is due every window, and looks at the appeals every `appealEveryMs`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.pass(false).catch((error) => this.log().warn({ err: error }, "a notifications pass failed")), this.o.windowMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    this.transport?.close();
    this.transport = null;
  }

  /** One pass now, after any in flight: the appeals checked, then whatever is due by the clock sent. For tests. */
  async flush(): Promise<FlushResult> {
    await this.running?.catch(() => undefined);
    return this.pass(true);
  }

  private pass(checkAppeals: boolean): Promise<FlushResult> {
    if (this.running) return this.running;
    const run = this.deliver(checkAppeals).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async deliver(checkAppeals: boolean): Promise<FlushResult> {
    const now = this.now();
    const result: FlushResult = { emails: 0, webhooks: 0, failures: 0 };
    const admin = this.adminSettings();
    if (checkAppeals || now - this.appealsCheckedAt >= this.o.appealEveryMs) {
      this.appealsCheckedAt = now;
      if (admin.enabled && (this.smtp !== null || admin.webhookUrl !== null)) this.checkAppeals(now);
    }
    const at = iso(now);
    const repo = this.store.notifications;
    if (!admin.enabled) {
      repo.skipPending("email", at);
      repo.skipPending("webhook", at);
    } else {
      const ctx: DigestContext = { appUrl: this.o.appUrl, includeText: admin.includeText, now };
      const claim = { now: at, windowStart: iso(now - this.o.windowMs), leaseUntil: iso(now + this.o.leaseMs) };
      if (this.smtp === null) repo.skipPending("email", at);
      else await this.sendEmails(repo.claim("email", { ...claim, group: "member" }), ctx, result);
      if (admin.webhookUrl === null) repo.skipPending("webhook", at);
      else await this.sendWebhook(admin.webhookUrl, repo.claim("webhook", { ...claim, group: "all" }), ctx, result);
    }
    if (now - this.prunedAt >= 3_600_000) {
      this.prunedAt = now;
      repo.prune(iso(now - KEEP_MS));
    }
    return result;
  }

  private async sendEmails(rows: NotifyEventRecord[], ctx: DigestContext, result: FlushResult): Promise<void> {
    const byMember = new Map<string, NotifyEventRecord[]>();
    for (const r of rows) byMember.set(r.userId, [...(byMember.get(r.userId) ?? []), r]);
    const queue = [...byMember.entries()];
    let down: string | null = null;
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [userId, mine] = next;
        const ids = mine.map((r) => r.id);
        const user = this.store.users.get(userId);
        if (!user) {
          // The member was removed since: nobody to tell.
          this.store.notifications.settle("email", ids, "skipped", iso(this.now()));
          continue;
        }
        if (down !== null) {
          this.failed("email", mine, down, result);
          continue;
        }
        try {
          const mail = digestEmail(user.name, mine, ctx);
          await this.mailer().sendMail({ from: this.o.from, to: { name: user.name, address: user.email }, ...mail });
          this.store.notifications.settle("email", ids, "sent", iso(this.now()));
          this.store.kv.set(LAST_SENT_KEY, iso(this.now()));
          result.emails++;
        } catch (error) {
          const message = errorText(error);
          if (CONNECTION_ERRORS.has((error as { code?: string }).code ?? "")) down = message;
          this.failed("email", mine, message, result);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(EMAIL_CONCURRENCY, queue.length) }, worker));
  }

  private async sendWebhook(url: string, rows: NotifyEventRecord[], ctx: DigestContext, result: FlushResult): Promise<void> {
    if (rows.length === 0) return;
    const outcome = await this.post(url, webhookPayload(rows, ctx));
    if (outcome.ok) {
      this.store.notifications.settle(
        "webhook",
        rows.map((r) => r.id),
        "sent",
        iso(this.now()),
      );
      this.store.kv.set(LAST_SENT_KEY, iso(this.now()));
      result.webhooks++;
    } else this.failed("webhook", rows, outcome.message, result);
  }

  /** Keeps the rows for a later try, waiting longer each time, or gives up on them; the error is kept. */
  private failed(channel: NotifyChannel, rows: NotifyEventRecord[], message: string, result: FlushResult): void {
    const now = this.now();
    const attempts = Math.max(...rows.map((r) => (channel === "email" ? r.emailAttempts : r.webhookAttempts))) + 1;
    const wait = Math.min(this.o.retryBaseMs * 2 ** (attempts - 1), this.o.retryMaxMs);
    const gaveUp = this.store.notifications.fail(
      channel,
      rows.map((r) => r.id),
      { error: message, at: iso(now), retryAt: iso(now + wait), maxAttempts: this.o.maxAttempts },
    );
    this.store.kv.set(LAST_ERROR_KEY, JSON.stringify({ at: iso(now), channel, message }));
    result.failures++;
    this.log().warn({ channel, notifications: rows.length, attempts, gaveUp, error: message }, "notifications could not be delivered");
  }

  private mailer(): Transporter<SMTPTransport.SentMessageInfo> {
    if (!this.transport) {
      const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
      const smtp = this.smtp!;
      this.transport = nodemailer.createTransport(typeof smtp === "string" ? { ...timeouts, url: smtp } : { ...timeouts, ...smtp });
    }
    return this.transport;
  }

  /** One POST of JSON; ok only for a 2xx (a redirect is not followed: the address is the admin's to fix). */
  private async post(url: string, payload: WebhookPayload): Promise<{ ok: boolean; message: string }> {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "toloka-messages" },
        body: JSON.stringify(payload),
        redirect: "manual",
        signal: AbortSignal.timeout(this.o.webhookTimeoutMs),
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { ok: true, message: `The webhook answered ${res.status}.` };
      return { ok: false, message: `The webhook answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}, not 2xx.` };
    } catch (error) {
      const timedOut = (error as { name?: string }).name === "TimeoutError";
      return {
        ok: false,
        message: timedOut ? `The webhook did not answer within ${this.o.webhookTimeoutMs / 1000} s.` : `The webhook could not be reached: ${errorText(error)}`,
      };
    }
  }

  private log() {
    return this.logger ?? getLogger();
  }

  // ------------------------------------------------------------------------------------------------
  // Appeals

  /** Open appeals with at most `appealDaysLeft` days left, each announced once, to the members who asked. */
  private checkAppeals(now: number): void {
    // Nobody asked: nothing is marked as announced, so a member who asks later hears of the appeals still open.
    if (!this.appeals || this.store.notifications.membersWanting("appeal").length === 0) return;
    let open: OpenAppeal[];
    try {
      open = this.appeals();
    } catch (error) {
      this.log().warn({ err: error }, "the appeals could not be read for their deadlines");
      return;
    }
    const events: NotifyEvent[] = [];
    for (const a of open) {
      if (!a.deadline) continue;
      const left = Date.parse(a.deadline) - now;
      if (!(left <= this.o.appealDaysLeft * DAY_MS)) continue;
      if (!this.store.notifications.markAppealNotified(a.assignmentId, a.threadId, iso(now))) continue;
      events.push({ kind: "appeal", threadId: a.threadId, recipients: [], topic: a.topic, tolokerId: a.tolokerId, deadline: a.deadline });
    }
    this.record(events);
  }

  // ------------------------------------------------------------------------------------------------
  // Settings

  private memberSettings(userId: string): MemberNotifySettings {
    const stored = this.store.notifications.settings(userId);
    if (!stored) return { ...DEFAULT_MEMBER_NOTIFY_SETTINGS };
    const { updatedAt: _, ...settings } = stored;
    return settings;
  }

  private adminSettings(): AdminSettings {
    const raw = this.store.kv.get(SETTINGS_KEY);
    if (!raw) return DEFAULT_ADMIN;
    try {
      const v = JSON.parse(raw) as Partial<AdminSettings>;
      return {
        enabled: v.enabled !== false,
        webhookUrl: typeof v.webhookUrl === "string" && v.webhookUrl ? v.webhookUrl : null,
        includeText: v.includeText === true,
        ...(v.updatedAt ? { updatedAt: v.updatedAt } : {}),
        ...(v.updatedBy ? { updatedBy: v.updatedBy } : {}),
      };
    } catch {
      return DEFAULT_ADMIN;
    }
  }

  /** A member's own page: their settings, and whether each way works on this server. */
  memberPage(user: { id: string; email: string }): MemberNotifyPage {
    const admin = this.adminSettings();
    return {
      settings: this.memberSettings(user.id),
      enabled: admin.enabled,
      email: { available: this.smtp !== null, address: user.email },
      webhook: { available: admin.webhookUrl !== null },
      digestSeconds: Math.round(this.o.windowMs / 1000),
    };
  }

  saveMemberSettings(user: { id: string; email: string }, settings: MemberNotifySettings): MemberNotifyPage {
    const record: NotifySettingsRecord = { ...settings, updatedAt: iso(this.now()) };
    this.store.notifications.putSettings(user.id, record);
    return this.memberPage(user);
  }

  /** The admin's page: the settings (the webhook only masked) and how delivery goes. */
  adminPage(): AdminNotifySettings {
    const a = this.adminSettings();
    const now = this.now();
    const counts = this.store.notifications.counts(iso(now - KEEP_MS));
    let lastError: AdminNotifySettings["status"]["lastError"];
    try {
      const raw = this.store.kv.get(LAST_ERROR_KEY);
      if (raw) lastError = JSON.parse(raw);
    } catch {
      lastError = undefined;
    }
    const lastSentAt = this.store.kv.get(LAST_SENT_KEY) ?? undefined;
    return {
      enabled: a.enabled,
      webhook: a.webhookUrl ? { set: true, masked: maskUrl(a.webhookUrl) } : { set: false },
      includeText: a.includeText,
      ...(a.updatedAt ? { updatedAt: a.updatedAt } : {}),
      ...(a.updatedBy ? { updatedBy: a.updatedBy } : {}),
      status: {
        smtp: { configured: this.smtp !== null, ...(this.smtp !== null ? { server: smtpServer(this.smtp) } : {}), from: this.o.from },
        digestSeconds: Math.round(this.o.windowMs / 1000),
        pending: counts.pending,
        failed: counts.failed,
        ...(lastError ? { lastError } : {}),
        ...(lastSentAt ? { lastSentAt } : {}),
      },
    };
  }

  /** The admin's change; what is absent stays. */
  saveAdminSettings(by: { name: string }, update: { enabled?: boolean; webhookUrl?: string | null; includeText?: boolean }): AdminNotifySettings {
    const a = this.adminSettings();
    const next: AdminSettings = {
      enabled: update.enabled ?? a.enabled,
      webhookUrl: update.webhookUrl === undefined ? a.webhookUrl : update.webhookUrl,
      includeText: update.includeText ?? a.includeText,
      updatedAt: iso(this.now()),
      updatedBy: by.name,
    };
    this.store.kv.set(SETTINGS_KEY, JSON.stringify(next));
    return this.adminPage();
  }

  /** "Send a test": an email to the admin and a POST to the webhook, now, outside the queue; what each did. */
  async sendTest(to: { name: string; email: string }): Promise<NotifyTestResult> {
    const admin = this.adminSettings();
    const subject = "Toloka Messages: a test notification";
    const text = `This is a test from Toloka Messages (${this.o.appUrl}): notifications can reach you.`;
    const email = await (async (): Promise<NotifyTestResult["email"]> => {
      if (this.smtp === null) return { tried: false, ok: false, message: "Email is off: the server has no SMTP_URL." };
      try {
        await this.mailer().sendMail({ from: this.o.from, to: { name: to.name, address: to.email }, subject, text });
        return { tried: true, ok: true, message: `Sent to ${to.email} through ${smtpServer(this.smtp)}.` };
      } catch (error) {
        return { tried: true, ok: false, message: `The mail server refused or could not be reached: ${errorText(error)}` };
      }
    })();
    const webhook: NotifyTestResult["webhook"] =
      admin.webhookUrl === null
        ? { tried: false, ok: false, message: "No webhook is set." }
        : { tried: true, ...(await this.post(admin.webhookUrl, { text, count: 0, events: [], test: true })) };
    return { email, webhook };
  }
}
