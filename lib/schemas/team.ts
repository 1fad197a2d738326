import { LOCALES } from "@/lib/i18n/locales";
import { z } from "zod";
import { PERMISSIONS } from "./plain";
import { roleSchema } from "./roles";

export const userIdSchema = z.string().regex(/^[\w-]{1,64}$/, "must be a team member's id");
export const emailSchema = z
  .email("must be an email address")
  .max(320)
  .transform((e) => e.trim().toLowerCase());
export const personNameSchema = z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters");

/** A team member as the team page shows them. */
export const memberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  /** Granted beyond the role by an admin (an admin has every one; a viewer none). */
  permissions: z.array(z.enum(PERMISSIONS)),
  /** How they sign in: a password, single sign-on, or not yet (an invitation is outstanding). */
  signIn: z.object({
    password: z.boolean(),
    sso: z.boolean(),
    invitePending: z.boolean(),
    inviteExpiresAt: z.string().optional(),
    mustChangePassword: z.boolean(),
  }),
  demo: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().optional(),
});
export type Member = z.infer<typeof memberSchema>;

export const teamSchema = z.object({
  members: z.array(memberSchema),
  /** Single sign-on is configured: people may also sign in with it. */
  sso: z.object({ enabled: z.boolean(), name: z.string().optional(), defaultRole: z.string().optional() }),
});
export type Team = z.infer<typeof teamSchema>;

/** How a new member gets in: a one-time link to choose a password, a temporary password, or SSO only. */
const accessMethodSchema = z.enum(["link", "password", "sso"]);

export const inviteBodySchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema,
  method: accessMethodSchema,
});

/** What the admin is shown once, to hand over: never stored in the clear, never shown again. */
export const accessGrantSchema = z.object({
  member: memberSchema,
  /** The one-time link (method "link"). */
  link: z.string().optional(),
  linkExpiresAt: z.string().optional(),
  /** The temporary password (method "password"); it must be changed at the first sign-in. */
  temporaryPassword: z.string().optional(),
});
export type AccessGrant = z.infer<typeof accessGrantSchema>;

export const memberUpdateSchema = z
  .object({ role: roleSchema.optional(), name: personNameSchema.optional(), permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length).optional() })
  .refine((b) => b.role !== undefined || b.name !== undefined || b.permissions !== undefined, "give role, name or permissions");

export const resetAccessBodySchema = z.object({ method: z.enum(["link", "password"]) });

export const okSchema = z.object({ ok: z.literal(true) });

export const changePasswordBodySchema = z.object({
  /** Not needed right after signing in with a temporary password. */
  currentPassword: z.string().max(1024).optional(),
  newPassword: z.string().min(1, "must not be empty").max(1024),
});

/** The first admin, on the one-time setup page. */
export const setupBodySchema = z.object({
  code: z.string().trim().min(1, "must not be empty").max(200),
  email: emailSchema,
  name: personNameSchema,
  password: z.string().min(1, "must not be empty").max(1024),
});

export const acceptInviteBodySchema = z.object({
  token: z
    .string()
    .trim()
    .regex(/^[\w-]{20,100}$/, "is not a link this app made"),
  password: z.string().min(1, "must not be empty").max(1024),
});

/** A member's interface language: "en", "ru", or null to follow the browser's. */
export const accountLanguageSchema = z.object({ locale: z.enum(LOCALES).nullable() });
