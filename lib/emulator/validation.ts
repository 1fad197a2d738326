import "server-only";
import { z } from "zod";
import type { Folder } from "../toloka/wire";
import { SPEC_FOLDERS as FOLDERS, SPEC_MUTABLE_FOLDERS as MUTABLE_FOLDERS, SPEC_RECIPIENTS_SELECT_TYPES as RECIPIENTS_SELECT_TYPES } from "./spec-schema";
import { recipientFilterSchema, type RecipientFilter } from "../filters";
import { EmulatorApiError, validationError, type ValidationPayload } from "./http";

/*
 * Input validation with Toloka's error shape: 400 VALIDATION_ERROR whose payload is keyed by the dotted
 * field name (`text.EN`, `recipients_ids`, `folders.0`, or a query parameter's name). Bodies are checked
 * with zod and the issues are mapped to Toloka's codes; codes Toloka's docs do not name follow its
 * `SOMETHING_EXPECTED` / `VALUE_...` pattern and are listed in docs of each check below.
 */

const LANG_RE = /^[A-Z]{2}(-[A-Z]{2,4})?$/;

/** The Toloka code a custom issue carries, so the mapper need not guess it from the message. */
interface TolokaIssueParams {
  tolokaCode: string;
}

function zodTypeCode(expected: string): string {
  switch (expected) {
    case "string":
      return "STRING_EXPECTED";
    case "boolean":
      return "BOOLEAN_EXPECTED";
    case "int":
      return "INTEGER_EXPECTED";
    case "number":
      return "NUMBER_EXPECTED";
    case "array":
      return "ARRAY_EXPECTED";
    case "record":
    case "object":
    case "map":
      return "OBJECT_EXPECTED";
    default:
      return `${expected.toUpperCase()}_EXPECTED`;
  }
}

function issueCode(issue: z.core.$ZodIssue): string {
  // JSON has no undefined, so an undefined input means the field was absent; null counts as absent too.
  // (Parsed with `reportInput`, every non-custom issue carries its input.)
  if (issue.code !== "custom" && (issue.input === undefined || issue.input === null)) return "VALUE_REQUIRED";
  switch (issue.code) {
    case "invalid_type":
      return zodTypeCode(issue.expected);
    case "invalid_value":
      return "UNKNOWN_ENUM_VALUE";
    case "too_big":
      if (issue.origin === "array") return "ARRAY_SIZE_GREATER_THAN_MAX";
      if (issue.origin === "string") return "STRING_LENGTH_GREATER_THAN_MAX";
      return "VALUE_GREATER_THAN_MAX";
    case "too_small":
      if (issue.origin === "array") return "ARRAY_SIZE_LESS_THAN_MIN";
      if (issue.origin === "string") return "STRING_LENGTH_LESS_THAN_MIN";
      return "VALUE_LESS_THAN_MIN";
    case "unrecognized_keys":
      return "UNKNOWN_FIELD";
    case "custom": {
      const params = issue.params as Partial<TolokaIssueParams> | undefined;
      return params?.tolokaCode ?? "INVALID_VALUE";
    }
    default:
      return "INVALID_VALUE";
  }
}

/**
 * Maps zod issues to Toloka's validation payload. The first issue per field wins, as Toloka reports
 * one problem per field. `prefix` is prepended to every path (e.g. `recipients_filter`).
 */
export function zodIssuesToPayload(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): ValidationPayload {
  const payload: ValidationPayload = {};
  for (const issue of issues) {
    const key = [...prefix, ...issue.path].map(String).join(".") || "body";
    if (payload[key]) continue;
    const code = issueCode(issue);
    payload[key] = {
      code,
      message: code === "VALUE_REQUIRED" && issue.code !== "custom" ? `${key} is required` : issue.message,
    };
  }
  return payload;
}

function custom(ctx: z.RefinementCtx, path: PropertyKey[], tolokaCode: string, message: string) {
  ctx.addIssue({ code: "custom", path, message, params: { tolokaCode } satisfies TolokaIssueParams });
}

/** `{LANG: string}` with at least one language; LANG is two uppercase letters, optionally like ZH-HANS. */
export const localizedInputSchema = z.record(z.string(), z.string()).superRefine((value, ctx) => {
  const keys = Object.keys(value);
  if (keys.length === 0) custom(ctx, [], "VALUE_REQUIRED", "At least one language is required");
  for (const key of keys) {
    if (!LANG_RE.test(key)) {
      custom(ctx, [key], "INVALID_LANGUAGE_CODE", `"${key}" is not a language code like EN or ZH-HANS`);
    }
  }
});

const composeBodySchema = z.object({
  topic: localizedInputSchema,
  text: localizedInputSchema,
  recipients_select_type: z.enum(RECIPIENTS_SELECT_TYPES),
  recipients_ids: z.array(z.string()).max(100).nullish(),
  recipients_filter: z.unknown().optional(),
  answerable: z.boolean().nullish(),
});

/** A compose request after validation; `filter` is in the filter language's canonical form. */
export type ComposeInput =
  | { type: "DIRECT"; topic: Record<string, string>; text: Record<string, string>; answerable: boolean; ids: string[] }
  | {
      type: "FILTER";
      topic: Record<string, string>;
      text: Record<string, string>;
      answerable: boolean;
      filter: RecipientFilter;
    }
  | { type: "ALL"; topic: Record<string, string>; text: Record<string, string>; answerable: boolean };

function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw validationError({ body: { code: "OBJECT_EXPECTED", message: "The request body must be a JSON object" } });
  }
  return body as Record<string, unknown>;
}

/**
 * Validates POST /message-threads/compose. Duplicate recipient ids collapse (first occurrence kept);
 * the filter is checked with the filter language's own schema.
 */
export function parseComposeBody(raw: unknown): ComposeInput {
  const body = requireObject(raw);
  const parsed = composeBodySchema.safeParse(body, { reportInput: true });
  const payload: ValidationPayload = parsed.success ? {} : zodIssuesToPayload(parsed.error.issues);
  // Checked by hand rather than in a refinement so they are reported together with every other field.
  if (body.recipients_select_type === "DIRECT" && body.recipients_ids == null) {
    payload.recipients_ids ??= { code: "VALUE_REQUIRED", message: "recipients_ids is required for DIRECT" };
  }
  if (body.recipients_select_type === "FILTER" && body.recipients_filter == null) {
    payload.recipients_filter ??= { code: "VALUE_REQUIRED", message: "recipients_filter is required for FILTER" };
  }
  let filter: RecipientFilter | undefined;
  if (body.recipients_select_type === "FILTER" && !payload.recipients_filter) {
    // The filter language's schema also enforces Toloka's 10,000-character limit and wraps a bare condition.
    const f = recipientFilterSchema.safeParse(body.recipients_filter, { reportInput: true });
    if (f.success) filter = f.data;
    else Object.assign(payload, zodIssuesToPayload(f.error.issues, ["recipients_filter"]));
  }
  if (!parsed.success || Object.keys(payload).length > 0) throw validationError(payload);
  const data = parsed.data;
  const common = { topic: data.topic, text: data.text, answerable: data.answerable ?? true };
  switch (data.recipients_select_type) {
    case "DIRECT":
      return { type: "DIRECT", ...common, ids: [...new Set(data.recipients_ids ?? [])] };
    case "FILTER":
      return { type: "FILTER", ...common, filter: filter! };
    case "ALL":
      return { type: "ALL", ...common };
  }
}

const replyBodySchema = z.object({ text: localizedInputSchema });

/** Validates POST /message-threads/{id}/reply. */
export function parseReplyBody(raw: unknown): { text: Record<string, string> } {
  const parsed = replyBodySchema.safeParse(requireObject(raw), { reportInput: true });
  if (!parsed.success) throw validationError(zodIssuesToPayload(parsed.error.issues));
  return parsed.data;
}

const foldersBodySchema = z.object({ folders: z.array(z.string()).min(1) });

/**
 * Validates add-to-folders / remove-from-folders. An unknown folder is UNKNOWN_ENUM_VALUE; a real folder
 * other than UNREAD or IMPORTANT is VALUE_NOT_ALLOWED (the others follow from what happens to a thread).
 */
export function parseFoldersBody(raw: unknown): Folder[] {
  const parsed = foldersBodySchema.safeParse(requireObject(raw), { reportInput: true });
  if (!parsed.success) throw validationError(zodIssuesToPayload(parsed.error.issues));
  const payload: ValidationPayload = {};
  parsed.data.folders.forEach((folder, i) => {
    if (!(FOLDERS as readonly string[]).includes(folder)) {
      payload[`folders.${i}`] = { code: "UNKNOWN_ENUM_VALUE", message: `Unknown folder "${folder}"` };
    } else if (!(MUTABLE_FOLDERS as readonly string[]).includes(folder)) {
      payload[`folders.${i}`] = {
        code: "VALUE_NOT_ALLOWED",
        message: `Folder ${folder} cannot be changed by hand; only UNREAD and IMPORTANT can`,
      };
    }
  });
  if (Object.keys(payload).length > 0) throw validationError(payload);
  return [...new Set(parsed.data.folders as Folder[])];
}

// ---------------------------------------------------------------------------------------------------
// Query parameters

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}|\d{6}))?)?$/;

/**
 * Parses Toloka's query date: UTC `YYYY-MM-DDThh:mm:ss` with 0, 3 or 6 fractional digits, or a bare date
 * (midnight). Returns microseconds since the epoch, or null when the text is anything else (a zone suffix,
 * 1 or 9 digits, an impossible day).
 */
export function parseQueryDate(text: string): number | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = ""] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March; a round trip rejects it.
  if (
    Number.isNaN(ms) ||
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCHours() !== Number(h) ||
    check.getUTCMinutes() !== Number(mi) ||
    check.getUTCSeconds() !== Number(s)
  ) {
    return null;
  }
  return ms * 1000 + Number(frac.padEnd(6, "0"));
}

/** Bounds on a stored millisecond time, derived from microsecond query bounds so they stay exact. */
interface MsBounds {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export type SortKey = { key: "id" | "created"; desc: boolean };

export interface ThreadListQuery {
  /** Any of these folders (empty: no folder filter). */
  folders: Folder[];
  /** None of these folders. */
  foldersNe: Folder[];
  id: { gt?: string; gte?: string; lt?: string; lte?: string };
  created: MsBounds;
  sort: SortKey[];
  limit: number;
}

export interface SkillListQuery {
  name?: string;
  global?: boolean;
  id: { gt?: number; gte?: number; lt?: number; lte?: number };
  created: MsBounds;
  sort: SortKey[];
  limit: number;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 300;

/** Collects query problems so one response names every bad parameter. */
class QueryReader {
  readonly payload: ValidationPayload = {};
  constructor(readonly params: URLSearchParams) {}

  fail(name: string, code: string, message: string) {
    this.payload[name] ??= { code, message };
  }

  get(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** A comma list; repeated parameters (`folder=A&folder=B`) are joined, as some HTTP clients send lists that way. */
  folders(name: string): Folder[] {
    const values = this.params.getAll(name);
    if (values.length === 0) return [];
    const out = new Set<Folder>();
    for (const item of values.join(",").split(",")) {
      if ((FOLDERS as readonly string[]).includes(item)) out.add(item as Folder);
      else this.fail(name, "UNKNOWN_ENUM_VALUE", `Unknown folder "${item}"; expected one of ${FOLDERS.join(", ")}`);
    }
    return [...out];
  }

  limit(): number {
    const text = this.get("limit");
    if (text === undefined) return DEFAULT_LIMIT;
    if (!/^-?\d+$/.test(text)) {
      this.fail("limit", "INTEGER_EXPECTED", "limit must be an integer");
      return DEFAULT_LIMIT;
    }
    const n = Number(text);
    if (n < 1) this.fail("limit", "VALUE_LESS_THAN_MIN", "limit must be at least 1");
    if (n > MAX_LIMIT) this.fail("limit", "VALUE_GREATER_THAN_MAX", `limit must be at most ${MAX_LIMIT}`);
    return n;
  }

  sort(): SortKey[] {
    const text = this.get("sort");
    if (text === undefined) return [{ key: "id", desc: false }];
    const keys: SortKey[] = [];
    for (const item of text.split(",")) {
      const desc = item.startsWith("-");
      const key = desc ? item.slice(1) : item;
      if (key !== "id" && key !== "created") {
        this.fail("sort", "UNKNOWN_ENUM_VALUE", `Unknown sort "${item}"; expected id, created, -id or -created`);
        continue;
      }
      // A repeated key can't change the order, so the first occurrence decides.
      if (!keys.some((k) => k.key === key)) keys.push({ key, desc });
    }
    return keys;
  }

  created(prefix: "created" | "modified"): MsBounds {
    const bounds: MsBounds = {};
    for (const op of ["gt", "gte", "lt", "lte"] as const) {
      const name = `${prefix}_${op}`;
      const text = this.get(name);
      if (text === undefined) continue;
      const us = parseQueryDate(text);
      if (us === null) {
        this.fail(name, "DATE_TIME_EXPECTED", `${name} must be a UTC date-time YYYY-MM-DDThh:mm:ss[.sss|.ssssss] or a date YYYY-MM-DD`);
        continue;
      }
      // Stored times are whole milliseconds; round the microsecond bound so comparisons stay exact.
      if (op === "gt") bounds.gt = Math.floor(us / 1000);
      if (op === "gte") bounds.gte = Math.ceil(us / 1000);
      if (op === "lt") bounds.lt = Math.ceil(us / 1000);
      if (op === "lte") bounds.lte = Math.floor(us / 1000);
    }
    return bounds;
  }

  integer(name: string): number | undefined {
    const text = this.get(name);
    if (text === undefined) return undefined;
    if (!/^-?\d{1,15}$/.test(text)) {
      this.fail(name, "INTEGER_EXPECTED", `${name} must be an integer`);
      return undefined;
    }
    return Number(text);
  }

  boolean(name: string): boolean | undefined {
    const text = this.get(name);
    if (text === undefined) return undefined;
    if (text === "true") return true;
    if (text === "false") return false;
    this.fail(name, "BOOLEAN_EXPECTED", `${name} must be true or false`);
    return undefined;
  }

  done() {
    if (Object.keys(this.payload).length > 0) throw validationError(this.payload);
  }
}

/** Parses GET /message-threads query parameters (toloka-api.md §2.1). Unknown parameters are ignored. */
export function parseThreadListQuery(params: URLSearchParams): ThreadListQuery {
  const r = new QueryReader(params);
  const query: ThreadListQuery = {
    folders: r.folders("folder"),
    foldersNe: r.folders("folder_ne"),
    id: { gt: r.get("id_gt"), gte: r.get("id_gte"), lt: r.get("id_lt"), lte: r.get("id_lte") },
    created: r.created("created"),
    sort: r.sort(),
    limit: r.limit(),
  };
  r.done();
  return query;
}

/**
 * Parses GET /skills query parameters. Skill ids are numbers and compare as numbers. `modified_*` is
 * accepted and applied to the creation time, since emulated skills are never modified.
 */
export function parseSkillListQuery(params: URLSearchParams): SkillListQuery {
  const r = new QueryReader(params);
  const created = r.created("created");
  const modified = r.created("modified");
  const tighter = (a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number) =>
    a === undefined ? b : b === undefined ? a : pick(a, b);
  const query: SkillListQuery = {
    name: r.get("name"),
    global: r.boolean("global"),
    id: { gt: r.integer("id_gt"), gte: r.integer("id_gte"), lt: r.integer("id_lt"), lte: r.integer("id_lte") },
    created: {
      gt: tighter(created.gt, modified.gt, Math.max),
      gte: tighter(created.gte, modified.gte, Math.max),
      lt: tighter(created.lt, modified.lt, Math.min),
      lte: tighter(created.lte, modified.lte, Math.min),
    },
    sort: r.sort(),
    limit: r.limit(),
  };
  r.done();
  return query;
}

/** Parses a JSON request body; malformed JSON is 400 VALIDATION_ERROR. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw validationError({ body: { code: "JSON_EXPECTED", message: "The request body is not valid JSON" } });
  }
}

/** Rejects POSTs without a JSON content type (Toloka answers 415). */
export function requireJsonContentType(contentType: string | null) {
  const type = contentType?.split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    throw new EmulatorApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
  }
}
