import { z } from "zod";

/**
 * Notifications to the team (issue 16): what a member is told about, by email and by the team's webhook, and
 * the admin's settings of the webhook. The service is lib/notify/service.ts.
 */

/** What a member can be told about. */
export const NOTIFY_KINDS = ["message", "assigned", "mention", "appeal"] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/** A member's own settings: the two ways, and what about. */
export const memberNotifySettingsSchema = z.object({
  /** By email, to the member's address (needs the server's SMTP_URL). */
  email: z.boolean(),
  /** In the team's webhook (a chat channel), when an admin set one. */
  webhook: z.boolean(),
  /** A new Toloker message in a thread the member owns. */
  message: z.boolean(),
  /** With `message`: also a new Toloker message in a thread nobody owns. */
  unassigned: z.boolean(),
  /** A thread was assigned to the member. */
  assigned: z.boolean(),
  /** Someone mentioned the member in a note. */
  mention: z.boolean(),
  /** An open appeal has at most 2 days left of its 9. */
  appeal: z.boolean(),
});
export type MemberNotifySettings = z.infer<typeof memberNotifySettingsSchema>;

/** What a member who never changed anything gets: their own threads, assignments and mentions, both ways. */
export const DEFAULT_MEMBER_NOTIFY_SETTINGS: MemberNotifySettings = {
  email: true,
  webhook: true,
  message: true,
  unassigned: false,
  assigned: true,
  mention: true,
  appeal: false,
};

/** A member's settings page: their settings and whether each way works at all on this server. */
export const memberNotifyPageSchema = z.object({
  settings: memberNotifySettingsSchema,
  /** An admin turned notifications off for the whole team. */
  enabled: z.boolean(),
  email: z.object({
    /** The server has a mail server (SMTP_URL). */
    available: z.boolean(),
    /** Where the emails go: the member's sign-in address. */
    address: z.string(),
  }),
  webhook: z.object({ available: z.boolean() }),
  /** The batching window: everything within it comes as one digest. */
  digestSeconds: z.number().int(),
});
export type MemberNotifyPage = z.infer<typeof memberNotifyPageSchema>;

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

/** The admin's change: absent fields stay as they are. `webhookUrl` null or "" removes the webhook. */
export const adminNotifyUpdateSchema = z.object({
  /** Notifications for the whole team, on or off. */
  enabled: z.boolean().optional(),
  webhookUrl: z
    .string()
    .trim()
    .max(2_000, "must be at most 2,000 characters")
    .refine((v) => v === "" || isHttpUrl(v), "must be an http:// or https:// URL")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  /** Whether a message's text may leave the intranet in an email or the webhook (the topic always does). */
  includeText: z.boolean().optional(),
});
export type AdminNotifyUpdate = z.input<typeof adminNotifyUpdateSchema>;

const lastErrorSchema = z.object({ at: z.string(), channel: z.enum(["email", "webhook"]), message: z.string() });

/** The admin's settings as the page shows them: the webhook's address only masked (its path is often a secret). */
export const adminNotifySettingsSchema = z.object({
  enabled: z.boolean(),
  webhook: z.object({
    set: z.boolean(),
    /** Scheme, host and the last characters, e.g. "https://chat.intranet/…a1b2". */
    masked: z.string().optional(),
  }),
  includeText: z.boolean(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
  status: z.object({
    smtp: z.object({
      /** SMTP_URL is set. */
      configured: z.boolean(),
      /** The server without its credentials, e.g. "smtp://mail.intranet:587". */
      server: z.string().optional(),
      from: z.string(),
    }),
    digestSeconds: z.number().int(),
    /** Notifications not yet delivered one way or the other (waiting for their window, or retrying). */
    pending: z.number().int(),
    /** Given up on after every attempt failed, in the last 7 days. */
    failed: z.number().int(),
    lastError: lastErrorSchema.optional(),
    lastSentAt: z.string().optional(),
  }),
});
export type AdminNotifySettings = z.infer<typeof adminNotifySettingsSchema>;

const testOutcomeSchema = z.object({
  /** Tried: there was somewhere to send to. */
  tried: z.boolean(),
  ok: z.boolean(),
  message: z.string(),
});

/** What "Send a test" did, each way. */
export const notifyTestResultSchema = z.object({ email: testOutcomeSchema, webhook: testOutcomeSchema });
export type NotifyTestResult = z.infer<typeof notifyTestResultSchema>;
