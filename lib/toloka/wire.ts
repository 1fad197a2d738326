import { z } from "zod";
import { SELECT_TYPES } from "@/lib/schemas/threads";

/**
 * Wire schemas: the shapes Toloka sends and accepts, in Toloka's own snake_case.
 * The client checks what it sends with these and reads Toloka's answers leniently
 * into the same types (threads and skills in lib/toloka/read.ts; error bodies with
 * errorBodySchema below); the emulator builds its responses from the same types and
 * checks them with the strict schemas.
 */

export const FOLDERS = ["INBOX", "OUTBOX", "AUTOMATIC_NOTIFICATION", "IMPORTANT", "UNREAD"] as const;
const folderSchema = z.enum(FOLDERS);
export type Folder = z.infer<typeof folderSchema>;

export const ROLES = ["USER", "REQUESTER", "ADMINISTRATOR", "SYSTEM"] as const;
const roleSchema = z.enum(ROLES);
export type KnownRole = z.infer<typeof roleSchema>;
/**
 * A role as read from Toloka (lib/toloka/read.ts): one of ROLES, or one Toloka added since, kept as sent (its
 * SDK's enums are extendable). The emulator sends only ROLES, and its checks stay strict.
 */
export type InterlocutorRole = KnownRole | (string & {});

/** The app's own list (lib/schemas), by Toloka's name for it. */
export const RECIPIENTS_SELECT_TYPES = SELECT_TYPES;
const recipientsSelectTypeSchema = z.enum(RECIPIENTS_SELECT_TYPES);

/** `{LANG: string}`: a text in one or more languages. */
const localizedTextSchema = z.record(z.string(), z.string());
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * Toloka's date-time: UTC with no zone, `YYYY-MM-DDThh:mm:ss` with 0, 3 or 6 fractional digits.
 * The client also tolerates a trailing `Z`.
 */
const TOLOKA_DATE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3}|\.\d{6})?Z?$/;
const tolokaDateSchema = z.string().regex(TOLOKA_DATE_RE, "expected a Toloka date-time");

const interlocutorSchema = z.object({
  id: z.string(),
  role: roleSchema as z.ZodType<InterlocutorRole>,
  myself: z.boolean().optional(),
});
export type Interlocutor = z.infer<typeof interlocutorSchema>;

const messageSchema = z.object({
  text: localizedTextSchema,
  from: interlocutorSchema,
  created: tolokaDateSchema,
});
export type WireMessage = z.infer<typeof messageSchema>;

const composeDetailsSchema = z.object({
  recipients_select_type: recipientsSelectTypeSchema,
  recipients_ids: z.array(z.string()).optional(),
  recipients_filter: z.record(z.string(), z.unknown()).optional(),
});
export type ComposeDetails = z.infer<typeof composeDetailsSchema>;

const metaSchema = z.object({
  pool_id: z.string().optional(),
  project_id: z.string().optional(),
  assignment_id: z.string().optional(),
});
export type ThreadMeta = z.infer<typeof metaSchema>;

export const threadSchema = z.object({
  id: z.string(),
  parent_id: z.string().optional(),
  topic: localizedTextSchema,
  interlocutors_inlined: z.boolean().optional(),
  interlocutors: z.array(interlocutorSchema).optional(),
  messages_inlined: z.boolean().optional(),
  messages: z.array(messageSchema).optional(),
  compose_details: composeDetailsSchema.optional(),
  meta: metaSchema.optional(),
  answerable: z.boolean().optional(),
  folders: z.array(folderSchema).optional(),
  /** Folder values Toloka sent that the app does not know (never sent by the emulator): kept, not refused. */
  other_folders: z.array(z.string()).optional(),
  created: tolokaDateSchema,
  /**
   * Set by the reader when Toloka sent no `created` and the date was taken from the messages or the id; `created`
   * is then "" when nothing told it (a sparse listing of a thread whose id is no ObjectId).
   */
  created_inferred: z.boolean().optional(),
});
export type WireThread = z.infer<typeof threadSchema>;

export const threadPageSchema = z.object({
  items: z.array(threadSchema),
  has_more: z.boolean(),
});

/**
 * A skill as the emulator sends it (its checks are strict). The client reads Toloka's skills leniently with
 * readSkill / readSkillPage (lib/toloka/read.ts) into this same type.
 */
const skillSchema = z.object({
  id: z.string(),
  name: z.string(),
  public_name: localizedTextSchema.optional(),
  public_requester_description: localizedTextSchema.optional(),
  private_comment: z.string().optional(),
  hidden: z.boolean().optional(),
  deprecated: z.boolean().optional(),
  skill_ttl_hours: z.number().int().optional(),
  training: z.boolean().optional(),
  owner: z.object({ id: z.string(), myself: z.boolean().optional(), company_id: z.string().optional() }).partial().optional(),
  created: tolokaDateSchema.optional(),
  global: z.boolean().optional(),
});
export type WireSkill = z.infer<typeof skillSchema>;

export const skillPageSchema = z.object({
  items: z.array(skillSchema),
  has_more: z.boolean(),
});
export type WireSkillPage = z.infer<typeof skillPageSchema>;

/** Body of POST /message-threads/compose. */
export const composeFormSchema = z.object({
  topic: localizedTextSchema,
  text: localizedTextSchema,
  recipients_select_type: recipientsSelectTypeSchema,
  recipients_ids: z.array(z.string()).max(100).optional(),
  recipients_filter: z.record(z.string(), z.unknown()).optional(),
  answerable: z.boolean().optional(),
});
export type WireComposeForm = z.infer<typeof composeFormSchema>;

/** Body of POST /message-threads/{id}/reply. */
export const replyFormSchema = z.object({ text: localizedTextSchema });

/** Body of POST /message-threads/{id}/add-to-folders and remove-from-folders. */
export const foldersFormSchema = z.object({ folders: z.array(folderSchema) });

/** Every Toloka error body. `code` decides the meaning, not the status. */
export interface WireErrorBody {
  request_id?: string;
  code: string;
  message?: string;
  payload?: unknown;
}

const idLike = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined);

/**
 * Toloka's error body, read leniently as its answers are (toloka-api.md §7): `null` as absent, a code or request
 * id given as a number as a string, a message that is no string left out, unknown fields ignored. Only a body
 * with no code is refused (the caller then goes by the status), as the SDK needs the code too.
 */
export const errorBodySchema = z.unknown().transform((raw, ctx): WireErrorBody => {
  const body = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const code = idLike(body?.code);
  if (!body || !code) {
    ctx.addIssue({ code: "custom", message: body ? "the error body has no code" : "the error body is no object" });
    return z.NEVER;
  }
  const requestId = idLike(body.request_id);
  return {
    ...(requestId ? { request_id: requestId } : {}),
    code,
    ...(typeof body.message === "string" ? { message: body.message } : {}),
    ...(body.payload === undefined || body.payload === null ? {} : { payload: body.payload }),
  };
});

/** Query parameters of GET /message-threads, as the client sends them. */
export interface ThreadListQuery {
  folder?: Folder[];
  folder_ne?: Folder[];
  id_gt?: string;
  id_gte?: string;
  id_lt?: string;
  id_lte?: string;
  created_gt?: string;
  created_gte?: string;
  created_lt?: string;
  created_lte?: string;
  sort?: string;
  limit?: number;
}

/*
 * The Toloker endpoints (toloka-openapi-tolokers.yaml). What we send is checked by the schemas below before it
 * leaves; what Toloka answers is read leniently by lib/toloka/tolokers-read.ts into the types after them. Money
 * is held as whole thousandths of a dollar (`mills`): Toloka's smallest bonus is $0.005.
 */

/** Body of POST /user-bonuses: one bonus (the SDK's `create_user_bonus`). */
export const bonusFormSchema = z.object({
  user_id: z.string().min(1),
  amount: z.number().min(0.005).max(100),
  public_title: localizedTextSchema,
  public_message: localizedTextSchema,
  without_message: z.literal(false),
  assignment_id: z.string().optional(),
  private_comment: z.string().max(1000).optional(),
});
export type WireBonusForm = z.infer<typeof bonusFormSchema>;

/** Body of PUT /user-skills. */
export const userSkillFormSchema = z.object({
  skill_id: z.string().regex(/^\d+$/),
  user_id: z.string().min(1),
  value: z.number().min(0).max(100),
  reason: z.string().max(1000).optional(),
});
export type WireUserSkillForm = z.infer<typeof userSkillFormSchema>;

/** Body of PUT /user-restrictions. The requester never sets SYSTEM (that is Toloka's own ban). */
export const restrictionFormSchema = z.object({
  scope: z.enum(["ALL_PROJECTS", "PROJECT", "POOL"]),
  user_id: z.string().min(1),
  project_id: z.string().regex(/^\d+$/).optional(),
  pool_id: z.string().regex(/^\d+$/).optional(),
  private_comment: z.string().max(499).optional(),
  will_expire: tolokaDateSchema.optional(),
});
export type WireRestrictionForm = z.infer<typeof restrictionFormSchema>;

/** Body of PATCH /assignments/{id}. */
export const assignmentPatchSchema = z.object({
  status: z.enum(["ACCEPTED", "REJECTED"]),
  public_comment: z.string().max(2048).optional(),
});
export type WireAssignmentPatch = z.infer<typeof assignmentPatchSchema>;

/** GET /user-metadata/{id}, as read. */
export interface WireUserMetadata {
  id: string;
  country?: string;
  languages: string[];
  adult_allowed?: boolean;
  attributes: Partial<
    Record<"country_by_phone" | "country_by_ip" | "client_type" | "user_agent_type" | "device_category" | "os_family" | "os_version", string>
  >;
}

/** A Toloker's skill (GET /user-skills), as read. */
export interface WireUserSkill {
  id: string;
  skill_id: string;
  user_id?: string;
  /** `exact_value` when given, else `value`. */
  value: number;
  created?: string;
  modified?: string;
}

/** A restriction (GET /user-restrictions), as read. */
export interface WireRestriction {
  id: string;
  scope: string;
  user_id?: string;
  project_id?: string;
  pool_id?: string;
  private_comment?: string;
  will_expire?: string;
  created?: string;
}

/** A bonus (GET /user-bonuses), as read. */
export interface WireBonus {
  id: string;
  user_id?: string;
  /** Thousandths of a dollar. */
  mills: number;
  public_title?: LocalizedText;
  public_message?: LocalizedText;
  private_comment?: string;
  assignment_id?: string;
  created?: string;
}

/** An assignment (GET /assignments), as read. Task inputs and answers are kept as strings per field. */
export interface WireAssignment {
  id: string;
  pool_id?: string;
  user_id?: string;
  status: string;
  /** Thousandths of a dollar. */
  reward_mills?: number;
  created?: string;
  submitted?: string;
  accepted?: string;
  rejected?: string;
  public_comment?: string;
  answers?: Array<{ input: Record<string, string>; output: Record<string, string> }>;
}

/** GET /requester, as read. */
export interface WireRequester {
  id?: string;
  balance_mills?: number;
  public_name?: LocalizedText;
}

/** A page of one of the Toloker lists, read item by item. */
export interface WireListReading<T> {
  items: T[];
  has_more: boolean;
  /** Items that could not be read, each with why (kept for the log, never shown raw). */
  unreadable: Array<{ reason: string }>;
}
