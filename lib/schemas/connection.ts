import { z } from "zod";

/** Where the app's Toloka is: the real service, its sandbox, a custom address, or the embedded emulator. */
export const TOLOKA_ENVIRONMENTS = ["production", "sandbox", "custom", "emulator"] as const;
const tolokaEnvironmentSchema = z.enum(TOLOKA_ENVIRONMENTS);
export type TolokaEnvironment = z.infer<typeof tolokaEnvironmentSchema>;

const authSchemeSettingSchema = z.enum(["auto", "ApiKey", "OAuth"]);

/** The Toloka connection as the settings page shows it. The token itself never leaves the server. */
export const connectionSchema = z.object({
  environment: tolokaEnvironmentSchema,
  baseUrl: z.string(),
  customUrl: z.string().optional(),
  authScheme: authSchemeSettingSchema,
  /** Where the connection comes from: TOLOKA_API_KEY (which wins), this page, or the emulator by default. */
  source: z.enum(["environment", "settings", "emulator"]),
  /** The page cannot change anything: the environment sets the key. */
  lockedByEnvironment: z.boolean(),
  token: z.object({
    set: z.boolean(),
    /** The last characters at most, e.g. "••••a1b2". */
    masked: z.string().optional(),
    /** The stored key cannot be decrypted (the app's secret changed): enter it again. */
    unreadable: z.boolean().optional(),
  }),
  /** The app's secret was generated into DATA_DIR rather than given as NEXTAUTH_SECRET. */
  secretGenerated: z.boolean(),
  /** The demo accounts can sign in (emulator, and no admin account of the team's own yet). */
  demoMode: z.boolean(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type ConnectionDto = z.infer<typeof connectionSchema>;

const customUrlSchema = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .max(500)
  .transform((u) => u.replace(/\/+$/, ""));

/** What the page sends to change the connection (or to test a candidate). No token: keep the stored one. */
export const connectionUpdateSchema = z
  .object({
    environment: tolokaEnvironmentSchema,
    customUrl: customUrlSchema.optional(),
    authScheme: authSchemeSettingSchema.default("auto"),
    token: z.string().trim().min(8, "must be at least 8 characters").max(4096).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.environment === "custom" && !v.customUrl) ctx.addIssue({ code: "custom", path: ["customUrl"], message: "is required for a custom URL" });
  });
export type ConnectionUpdate = z.infer<typeof connectionUpdateSchema>;

/** What Toloka said to a test call. */
export const connectionTestResultSchema = z.object({
  ok: z.boolean(),
  baseUrl: z.string(),
  /** HTTP status Toloka answered with; 0 when it could not be reached. */
  status: z.number().int(),
  code: z.string().optional(),
  message: z.string(),
  ms: z.number().int(),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const connectionSaveResultSchema = z.object({
  connection: connectionSchema,
  /** Said to the admin after saving: what else changed (demo accounts removed, mirror emptied...). */
  notes: z.array(z.string()),
});
export type ConnectionSaveResult = z.infer<typeof connectionSaveResultSchema>;
