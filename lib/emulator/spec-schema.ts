import { z } from "zod";

/*
 * The emulator's own schemas of what Toloka documents, written from Toloka's OpenAPI spec of the message-thread
 * endpoints (toloka-openapi-messages.yaml: MessageThreadViewV1, Interlocutor, Message, ComposeDetails, Meta,
 * PageOf..., SkillViewV1) and toloka-api.md §3, §5. The emulator checks its seed, its control inputs and (in
 * its tests) its own answers with these, never with the app's wire schemas in lib/toloka/wire.ts: the app
 * reads leniently, the emulator must be strict about what it sends.
 *
 * Two flavours:
 * - `exact`: what the emulator sends in exact mode, and what its seed must be: strict objects (no unknown
 *   keys), the documented enums only, no nulls, dates `YYYY-MM-DDThh:mm:ss` with an optional `.sss`.
 * - `variety`: everything Toloka's docs allow and variety mode sends (lib/emulator/variety.ts): unknown extra
 *   fields, unknown enum values beside the known ones (the SDK's enums are extendable), `null` for optional
 *   fields, dates with 0-6 fractional digits and an optional `Z`, `*_inlined: false` with the data left out.
 *   Still refused there: a wrong type, a missing id, ids that are not strings, a documented field with a
 *   value of the wrong shape.
 */

/** Toloka's folders. The order is the bit order of the store's folder sets: never reorder it. */
export const SPEC_FOLDERS = ["INBOX", "OUTBOX", "AUTOMATIC_NOTIFICATION", "IMPORTANT", "UNREAD"] as const;
/** Folders a requester may add or remove by hand (toloka-api.md §2.3). */
export const SPEC_MUTABLE_FOLDERS = ["UNREAD", "IMPORTANT"] as const;
export const SPEC_ROLES = ["ADMINISTRATOR", "REQUESTER", "SYSTEM", "USER"] as const;
export const SPEC_RECIPIENTS_SELECT_TYPES = ["DIRECT", "FILTER", "ALL"] as const;

/** A language key of a `{LANG: text}` map: two uppercase letters, or a tag like ZH-HANS. */
const SPEC_LANG_RE = /^[A-Z]{2}(-[A-Z]{2,4})?$/;
export const specLangCodeSchema = z.string().regex(SPEC_LANG_RE, "expected a language code like EN");

/** Thread ids: 24 lowercase hex characters, always a string. */
const SPEC_THREAD_ID_RE = /^[0-9a-f]{24}$/;
/** A date as the emulator sends it in exact mode (the docs' `YYYY-MM-DDThh:mm:ss[.sss]`). */
const SPEC_DATE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?$/;
/** A date as Toloka may send it (toloka-api.md §3): 0-6 fractional digits, sometimes a `Z`. */
const SPEC_VARIETY_DATE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z?$/;
/** What an enum value Toloka added since looks like: upper snake case. */
const UNKNOWN_ENUM_RE = /^[A-Z][A-Z0-9_]*$/;

function build<V extends boolean>(variety: V) {
  // exact: unknown keys refused; variety: kept (z.looseObject), known keys still checked.
  const object = <S extends z.ZodRawShape>(shape: S) => (variety ? z.looseObject(shape) : z.strictObject(shape));
  // An optional field: absent, or (variety) null.
  const opt = <T extends z.ZodType>(schema: T) =>
    (variety ? schema.nullable().optional() : schema.optional()) as V extends true ? z.ZodOptional<z.ZodNullable<T>> : z.ZodOptional<T>;
  const extendable = <const V extends readonly [string, ...string[]]>(values: V) =>
    variety ? z.union([z.enum(values), z.string().regex(UNKNOWN_ENUM_RE)]) : z.enum(values);

  const date = z.string().regex(variety ? SPEC_VARIETY_DATE_RE : SPEC_DATE_RE, "expected a Toloka date-time");
  const localized = z.record(specLangCodeSchema, z.string());
  const interlocutor = object({
    id: z.string().min(1),
    role: extendable(SPEC_ROLES),
    myself: z.boolean().optional(),
  });
  const message = object({ text: localized, from: interlocutor, created: date });
  const composeDetails = object({
    recipients_select_type: z.enum(SPEC_RECIPIENTS_SELECT_TYPES),
    recipients_ids: z.array(z.string().min(1)).optional(),
    recipients_filter: z.record(z.string(), z.unknown()).optional(),
  });
  const meta = object({
    pool_id: opt(z.string()),
    project_id: opt(z.string()),
    assignment_id: opt(z.string()),
  });
  const folders = z.array(extendable(SPEC_FOLDERS)).refine((f) => new Set(f).size === f.length, "folders must be unique (uniqueItems)");
  const thread = object({
    id: z.string().regex(SPEC_THREAD_ID_RE, "expected 24 lowercase hex characters"),
    parent_id: opt(z.string().regex(SPEC_THREAD_ID_RE)),
    topic: localized,
    interlocutors_inlined: z.boolean().optional(),
    interlocutors: z.array(interlocutor).optional(),
    messages_inlined: z.boolean().optional(),
    messages: z.array(message).optional(),
    compose_details: opt(composeDetails),
    meta: opt(meta),
    answerable: z.boolean().optional(),
    folders,
    created: date,
  }).superRefine((t, ctx) => {
    // `*_inlined: false` means the data is in a separate request: left out, never half there.
    for (const [flag, field] of [
      ["interlocutors_inlined", "interlocutors"],
      ["messages_inlined", "messages"],
    ] as const) {
      if (t[flag] === false && t[field] !== undefined) {
        ctx.addIssue({ code: "custom", path: [field], message: `${field} must be left out when ${flag} is false` });
      }
      if (t[flag] !== false && t[field] === undefined) {
        ctx.addIssue({ code: "custom", path: [field], message: `${field} is missing although ${flag} is not false` });
      }
    }
    const ids = (t.interlocutors ?? []).map((i) => i.id);
    if (ids.some((id, i) => i > 0 && ids[i - 1] >= id)) {
      ctx.addIssue({ code: "custom", path: ["interlocutors"], message: "interlocutors must be sorted by id, each once" });
    }
  });
  const page = <T extends z.ZodType>(item: T) => object({ items: z.array(item), has_more: z.boolean() });
  const owner = object({ id: z.string().optional(), myself: z.boolean().optional(), company_id: z.string().optional() });
  const skill = object({
    id: z.string().regex(/^\d+$/),
    name: z.string(),
    public_name: localized.optional(),
    private_comment: z.string().optional(),
    public_requester_description: localized.optional(),
    hidden: z.boolean().optional(),
    skill_ttl_hours: z.number().int().optional(),
    deprecated: z.boolean().optional(),
    owner: owner.optional(),
    training: z.boolean().optional(),
    created: date.optional(),
    global: z.boolean().optional(),
  });
  const error = object({
    request_id: z.uuid(),
    code: z.string().regex(UNKNOWN_ENUM_RE),
    message: z.string(),
    payload: z.unknown().optional(),
  });
  // The Toloker endpoints (toloka-openapi-tolokers.yaml: UserSkillViewV1, UserRestrictionViewV1, UserBonusViewV1,
  // AssignmentViewV1, UserMetadataViewV1, RequesterViewV1).
  const userSkill = object({
    id: z.string().regex(/^\d+$/),
    skill_id: z.string().regex(/^\d+$/),
    user_id: z.string().min(1),
    value: z.number().int(),
    exact_value: opt(z.number()),
    created: opt(date),
    modified: opt(date),
  });
  const restriction = object({
    id: z.string().regex(/^\d+$/),
    scope: extendable(["ALL_PROJECTS", "POOL", "PROJECT", "SYSTEM"]),
    user_id: z.string().min(1),
    project_id: opt(z.string()),
    pool_id: opt(z.string()),
    private_comment: opt(z.string()),
    will_expire: opt(date),
    created: opt(date),
  });
  const bonus = object({
    id: z.string().regex(/^\d+$/),
    user_id: z.string().min(1),
    amount: z.number().min(0.005).max(100),
    public_title: opt(localized),
    public_message: opt(localized),
    without_message: opt(z.boolean()),
    private_comment: opt(z.string()),
    assignment_id: opt(z.string()),
    created: opt(date),
  });
  // RawTask has many fields (overlap, reserved_for, known_solutions...): the emulator sends a few, all documented.
  const task = object({
    id: z.string(),
    input_values: z.record(z.string(), z.unknown()),
    pool_id: opt(z.string()),
    overlap: opt(z.number().int()),
    infinite_overlap: opt(z.boolean()),
    created: opt(date),
  });
  const assignment = object({
    id: z.string().min(1),
    task_suite_id: opt(z.string()),
    pool_id: opt(z.string()),
    user_id: opt(z.string()),
    status: extendable(["ACCEPTED", "ACTIVE", "EXPIRED", "REJECTED", "SKIPPED", "SUBMITTED"]),
    reward: opt(z.number()),
    tasks: opt(z.array(task)),
    solutions: opt(z.array(object({ output_values: z.record(z.string(), z.unknown()) }))),
    public_comment: opt(z.string()),
    mixed: opt(z.boolean()),
    automerged: opt(z.boolean()),
    created: opt(date),
    submitted: opt(date),
    accepted: opt(date),
    rejected: opt(date),
    skipped: opt(date),
    expired: opt(date),
    owner: opt(owner),
    bonus_ids: opt(z.array(z.string())),
  });
  const metadata = object({
    id: z.string().min(1),
    country: opt(z.string()),
    languages: opt(z.array(z.string())),
    adult_allowed: opt(z.boolean()),
    attributes: opt(
      object({
        country_by_phone: opt(z.string()),
        country_by_ip: opt(z.string()),
        client_type: opt(z.string()),
        user_agent_type: opt(z.string()),
        device_category: opt(z.string()),
        os_family: opt(z.string()),
        os_version: opt(z.number()),
        os_version_major: opt(z.number().int()),
        os_version_minor: opt(z.number().int()),
        os_version_bugfix: opt(z.number().int()),
      }),
    ),
  });
  const requester = object({
    id: opt(z.string()),
    balance: opt(z.number()),
    public_name: opt(localized),
    company: opt(object({ id: opt(z.string()), superintendent_id: opt(z.string()) })),
  });
  return {
    userSkill,
    userSkillPage: page(userSkill),
    restriction,
    restrictionPage: page(restriction),
    bonus,
    bonusPage: page(bonus),
    assignment,
    assignmentPage: page(assignment),
    metadata,
    requester,
    date,
    localized,
    interlocutor,
    message,
    composeDetails,
    meta,
    thread,
    threadPage: page(thread),
    skill,
    skillPage: page(skill),
    error,
  };
}

/** The documented shapes, strictly: the emulator's exact mode, its seed and its control inputs. */
export const spec = build(false);
/** The documented shapes with every variation Toloka's docs allow: what variety mode may send. */
export const specVariety = build(true);
