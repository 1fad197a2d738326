import "server-only";
import crypto from "node:crypto";
import type { Statement } from "better-sqlite3";
import { z } from "zod";
import type { LocalizedText, ThreadMeta } from "../toloka/wire";
import { EmulatorApiError, validationError } from "./http";
import { tolokaDate } from "./ids";
import type { SeedAssignment, SeedRecords } from "./seed";
import type { EmulatorStore } from "./store";
import { localizedInputSchema, parseQueryDate, zodIssuesToPayload } from "./validation";

/*
 * The Toloker endpoints' state: user skills, restrictions, bonuses, assignments and the account's balance
 * (toloka-openapi-tolokers.yaml). Tables live in the store's SQLite file (store.ts SCHEMA); a user skill's value
 * lives in the Toloker's data, where recipient filters read it, so a skill set here changes who a filter selects.
 */

const DAY = 86_400_000;
/** The demo account's balance until a test or the control API sets another. */
const DEFAULT_BALANCE_MILLS = 1_234_560;
/** Toloka's bounds on one bonus (the spec: "from $0.005 to $100 per Toloker per time"). */
const BONUS_MIN_MILLS = 5;
const BONUS_MAX_MILLS = 100_000;
/** Bonuses in one synchronous request (the spec: "Maximum of 100 bonuses per request"). */
const BONUSES_PER_REQUEST = 100;

const ASSIGNMENT_STATUSES = ["ACTIVE", "SUBMITTED", "ACCEPTED", "REJECTED", "SKIPPED", "EXPIRED"] as const;

function notFound(what: string, id: string): EmulatorApiError {
  return new EmulatorApiError(404, "DOES_NOT_EXIST", `${what} ${id} does not exist`);
}

function parseBody<T extends z.ZodType>(schema: T, value: unknown, prefix: PropertyKey[] = []): z.infer<T> {
  const r = schema.safeParse(value, { reportInput: true });
  if (!r.success) throw validationError(zodIssuesToPayload(r.error.issues, prefix));
  return r.data;
}

/** An id given as a string or as a number (the spec's examples send both). */
const idInput = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
const numericId = z.union([z.string().regex(/^\d{1,15}$/, "must be a numeric id"), z.number().int().nonnegative()]).transform(String);

const userSkillForm = z.object({
  skill_id: numericId,
  user_id: idInput,
  value: z.number().min(0).max(100),
  reason: z.string().max(1000).optional(),
});

const restrictionForm = z
  .object({
    scope: z.enum(["ALL_PROJECTS", "PROJECT", "POOL", "SYSTEM"]),
    user_id: idInput,
    project_id: numericId.optional(),
    pool_id: numericId.optional(),
    private_comment: z.string().max(499).optional(),
    will_expire: z.string().optional(),
  })
  .superRefine((r, ctx) => {
    if (r.scope === "PROJECT" && !r.project_id) ctx.addIssue({ code: "custom", path: ["project_id"], message: "project_id is required for scope PROJECT" });
    if (r.scope === "POOL" && !r.pool_id) ctx.addIssue({ code: "custom", path: ["pool_id"], message: "pool_id is required for scope POOL" });
  });

const bonusForm = z
  .object({
    user_id: idInput,
    amount: z.number(),
    public_title: localizedInputSchema.optional(),
    public_message: localizedInputSchema.optional(),
    without_message: z.boolean().default(false),
    private_comment: z.string().max(1000).optional(),
    assignment_id: z.string().min(1).optional(),
  })
  .superRefine((b, ctx) => {
    const mills = b.amount * 1000;
    if (!(mills >= BONUS_MIN_MILLS && mills <= BONUS_MAX_MILLS)) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "amount must be from 0.005 to 100" });
    } else if (Math.abs(mills - Math.round(mills)) > 1e-6) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "amount must have at most 3 decimal places" });
    }
    if (!b.without_message) {
      if (!b.public_title) ctx.addIssue({ code: "custom", path: ["public_title"], message: "public_title is required unless without_message is true" });
      if (!b.public_message) ctx.addIssue({ code: "custom", path: ["public_message"], message: "public_message is required unless without_message is true" });
    }
  });
type BonusForm = z.infer<typeof bonusForm>;

const assignmentPatch = z.object({ status: z.enum(["ACCEPTED", "REJECTED"]), public_comment: z.string().max(2048).optional() }).superRefine((p, ctx) => {
  if (p.status === "REJECTED" && !p.public_comment?.trim()) {
    ctx.addIssue({ code: "custom", path: ["public_comment"], message: "public_comment is required to reject" });
  }
});

/** The list endpoints' common query: filters, id and created bounds, sort, limit. */
interface ListQuery {
  where: string[];
  params: unknown[];
  order: string;
  limit: number;
}

type Field = { column: string; kind: "text" | "int" };

/**
 * Reads a list query against one table: `filters` are equality parameters, ids compare as integers or text,
 * `created_*` as dates. A bad parameter is 400 naming it; unknown parameters are ignored, as Toloka does.
 */
function readListQuery(q: URLSearchParams, opts: { filters: Record<string, Field>; idKind: "int" | "text"; maxLimit: number }): ListQuery {
  const payload: Record<string, { code: string; message: string }> = {};
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [name, f] of Object.entries(opts.filters)) {
    const v = q.get(name);
    if (v === null) continue;
    if (f.kind === "int" && !/^\d{1,15}$/.test(v)) {
      payload[name] = { code: "INTEGER_EXPECTED", message: `${name} must be an integer` };
      continue;
    }
    where.push(`${f.column} = ?`);
    params.push(v);
  }
  const ops = { gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;
  for (const [op, sql] of Object.entries(ops)) {
    const idText = q.get(`id_${op}`);
    if (idText !== null) {
      if (opts.idKind === "int" && !/^\d{1,15}$/.test(idText)) payload[`id_${op}`] = { code: "INTEGER_EXPECTED", message: `id_${op} must be an integer` };
      else {
        where.push(`id ${sql} ?`);
        params.push(opts.idKind === "int" ? Number(idText) : idText);
      }
    }
    const dateText = q.get(`created_${op}`);
    if (dateText !== null) {
      const us = parseQueryDate(dateText);
      if (us === null) payload[`created_${op}`] = { code: "DATE_TIME_EXPECTED", message: `created_${op} must be a UTC date-time YYYY-MM-DDThh:mm:ss[.sss]` };
      else {
        where.push(`created_ms ${sql} ?`);
        params.push(op === "gt" || op === "lte" ? Math.floor(us / 1000) : Math.ceil(us / 1000));
      }
    }
  }
  let order = "id";
  const sort = q.get("sort");
  if (sort !== null) {
    const keys: string[] = [];
    for (const item of sort.split(",")) {
      const desc = item.startsWith("-");
      const key = desc ? item.slice(1) : item;
      if (key !== "id" && key !== "created") {
        payload.sort = { code: "UNKNOWN_ENUM_VALUE", message: `Unknown sort "${item}"; expected id, created, -id or -created` };
        continue;
      }
      keys.push(`${key === "created" ? "created_ms" : "id"}${desc ? " DESC" : ""}`);
    }
    if (keys.length > 0) order = keys.includes("id") || keys.includes("id DESC") ? keys.join(", ") : `${keys.join(", ")}, id`;
  }
  let limit = 50;
  const limitText = q.get("limit");
  if (limitText !== null) {
    if (!/^\d{1,9}$/.test(limitText) || Number(limitText) < 1) payload.limit = { code: "INTEGER_EXPECTED", message: "limit must be a positive integer" };
    else if (Number(limitText) > opts.maxLimit) payload.limit = { code: "VALUE_GREATER_THAN_MAX", message: `limit must be at most ${opts.maxLimit}` };
    else limit = Number(limitText);
  }
  if (Object.keys(payload).length > 0) throw validationError(payload);
  return { where, params, order, limit };
}

interface SkillRow {
  id: number;
  user_id: string;
  skill_id: string;
  created_ms: number;
  modified_ms: number;
}
interface RestrictionRow {
  id: number;
  user_id: string;
  scope: string;
  project_id: string | null;
  pool_id: string | null;
  private_comment: string | null;
  will_expire_ms: number | null;
  created_ms: number;
}
interface BonusRow {
  id: number;
  user_id: string;
  mills: number;
  public_title: string | null;
  public_message: string | null;
  without_message: number;
  private_comment: string | null;
  assignment_id: string | null;
  created_ms: number;
}
interface AssignmentRow {
  id: string;
  pool_id: string;
  user_id: string;
  status: string;
  reward_mills: number;
  created_ms: number;
  submitted_ms: number | null;
  accepted_ms: number | null;
  rejected_ms: number | null;
  public_comment: string | null;
  tasks: string;
  solutions: string;
}

const date = (ms: number | null | undefined) => (ms === null || ms === undefined ? undefined : tolokaDate(new Date(ms)));
const dollars = (mills: number) => mills / 1000;

/** Leaves out undefined values, so a view has only the keys Toloka would send. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export class TolokerRecords {
  private readonly stmts: Record<string, Statement>;

  constructor(
    private readonly store: EmulatorStore,
    private readonly now: () => Date,
  ) {
    const db = store.db;
    this.stmts = {
      insertSkillId: db.prepare("INSERT OR IGNORE INTO user_skills (user_id, skill_id, created_ms, modified_ms) VALUES (?, ?, ?, ?)"),
      skillRow: db.prepare("SELECT * FROM user_skills WHERE id = ?"),
      skillRowOf: db.prepare("SELECT * FROM user_skills WHERE user_id = ? AND skill_id = ?"),
      touchSkill: db.prepare("UPDATE user_skills SET modified_ms = ? WHERE id = ?"),
      deleteSkill: db.prepare("DELETE FROM user_skills WHERE id = ?"),
      restriction: db.prepare("SELECT * FROM restrictions WHERE id = ?"),
      sameRestriction: db.prepare(
        "SELECT id FROM restrictions WHERE user_id = ? AND scope = ? AND coalesce(project_id, '') = ? AND coalesce(pool_id, '') = ? AND (will_expire_ms IS NULL OR will_expire_ms > ?)",
      ),
      insertRestriction: db.prepare(
        "INSERT INTO restrictions (user_id, scope, project_id, pool_id, private_comment, will_expire_ms, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      updateRestriction: db.prepare("UPDATE restrictions SET private_comment = ?, will_expire_ms = ? WHERE id = ?"),
      deleteRestriction: db.prepare("DELETE FROM restrictions WHERE id = ?"),
      bonus: db.prepare("SELECT * FROM bonuses WHERE id = ?"),
      insertBonus: db.prepare(
        "INSERT INTO bonuses (user_id, mills, public_title, public_message, without_message, private_comment, assignment_id, operation_id, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      operation: db.prepare("SELECT 1 FROM operations WHERE id = ?").pluck(),
      insertOperation: db.prepare("INSERT INTO operations (id, created_ms) VALUES (?, ?)"),
      assignment: db.prepare("SELECT * FROM assignments WHERE id = ?"),
      insertAssignment: db.prepare(
        "INSERT OR REPLACE INTO assignments (id, pool_id, user_id, status, reward_mills, created_ms, submitted_ms, accepted_ms, rejected_ms, public_comment, tasks, solutions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      patchAssignment: db.prepare("UPDATE assignments SET status = ?, accepted_ms = ?, rejected_ms = ?, public_comment = ? WHERE id = ?"),
      quota: db.prepare("SELECT count FROM quota_counters WHERE day = ? AND kind = ?").pluck(),
      addQuota: db.prepare(
        "INSERT INTO quota_counters (day, kind, count) VALUES (?, ?, ?) ON CONFLICT (day, kind) DO UPDATE SET count = count + excluded.count",
      ),
    };
  }

  private get db() {
    return this.store.db;
  }

  private tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private requireToloker(userId: string, field = "user_id") {
    const t = this.store.tolokers().byId.get(userId);
    if (!t) throw validationError({ [field]: { code: "DOES_NOT_EXIST", message: `Toloker ${userId} does not exist` } });
    return t;
  }

  private select<T>(table: string, q: ListQuery, extra: string[] = []): { items: T[]; has_more: boolean } {
    const where = [...q.where, ...extra];
    const sql = `SELECT * FROM ${table}${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY ${q.order} LIMIT ?`;
    const rows = this.db.prepare(sql).all(...q.params, q.limit + 1) as T[];
    return { items: rows.slice(0, q.limit), has_more: rows.length > q.limit };
  }

  // ---------------------------------------------------------------------------------------------
  // Seed

  insertSeed(records: SeedRecords): void {
    this.tx(() => {
      for (const a of records.assignments) this.putAssignment(a);
      for (const r of records.restrictions) {
        this.stmts.insertRestriction.run(
          r.userId,
          r.scope,
          r.projectId ?? null,
          r.poolId ?? null,
          r.privateComment ?? null,
          r.willExpireMs ?? null,
          r.createdMs,
        );
      }
      for (const b of records.bonuses) {
        this.stmts.insertBonus.run(
          b.userId,
          b.mills,
          JSON.stringify(b.publicTitle),
          JSON.stringify(b.publicMessage),
          0,
          b.privateComment ?? null,
          b.assignmentId ?? null,
          null,
          b.createdMs,
        );
      }
    });
  }

  private putAssignment(a: SeedAssignment): void {
    this.stmts.insertAssignment.run(
      a.id,
      a.poolId,
      a.userId,
      a.status,
      a.rewardMills,
      a.createdMs,
      a.submittedMs,
      a.acceptedMs ?? null,
      a.rejectedMs ?? null,
      a.publicComment ?? null,
      JSON.stringify(a.tasks),
      JSON.stringify(a.solutions),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // GET /user-metadata/{id}

  metadata(userId: string): unknown {
    const t = this.store.tolokers().byId.get(userId);
    if (!t) throw notFound("Toloker", userId);
    const c = t.computed;
    const version = c.os_version ?? (c.os_version_major !== undefined ? Number(`${c.os_version_major}.${c.os_version_minor ?? 0}`) : undefined);
    return compact({
      id: t.id,
      country: t.profile.country,
      languages: t.profile.languages,
      adult_allowed: t.profile.adult_allowed,
      attributes: compact({
        country_by_phone: t.profile.country,
        country_by_ip: t.profile.country,
        client_type: c.client_type,
        user_agent_type: c.user_agent_type,
        device_category: c.device_category,
        os_family: c.os_family,
        os_version: version,
        os_version_major: c.os_version_major,
        os_version_minor: c.os_version_minor,
        os_version_bugfix: c.os_version_bugfix,
      }),
    });
  }

  // ---------------------------------------------------------------------------------------------
  // User skills

  /** Gives every skill level of these Tolokers (all when omitted) its id, the first time it is seen. */
  private assignSkillIds(userIds?: string[]): void {
    const { all, byId } = this.store.tolokers();
    const people = userIds ? userIds.map((id) => byId.get(id)).filter((t) => t !== undefined) : all;
    const nowMs = this.now().getTime();
    this.tx(() => {
      for (const t of people) for (const skillId of Object.keys(t.skills)) this.stmts.insertSkillId.run(t.id, skillId, nowMs, nowMs);
    });
  }

  private skillView(r: SkillRow): unknown | null {
    const value = this.store.tolokers().byId.get(r.user_id)?.skills[r.skill_id];
    if (value === undefined) return null;
    return {
      id: String(r.id),
      skill_id: r.skill_id,
      user_id: r.user_id,
      value: Math.floor(value),
      exact_value: value,
      created: date(r.created_ms),
      modified: date(r.modified_ms),
    };
  }

  listUserSkills(query: URLSearchParams) {
    const q = readListQuery(query, {
      filters: { user_id: { column: "user_id", kind: "text" }, skill_id: { column: "skill_id", kind: "int" } },
      idKind: "int",
      maxLimit: 1000,
    });
    const userId = query.get("user_id");
    this.assignSkillIds(userId ? [userId] : undefined);
    // Rows of levels removed behind the table's back (a reset Toloker) are skipped, not shown with no value.
    const page = this.select<SkillRow>("user_skills", q);
    return { items: page.items.map((r) => this.skillView(r)).filter((v) => v !== null), has_more: page.has_more };
  }

  getUserSkill(id: string): unknown {
    const row = /^\d{1,15}$/.test(id) ? (this.stmts.skillRow.get(Number(id)) as SkillRow | undefined) : undefined;
    const view = row ? this.skillView(row) : null;
    if (!view) throw notFound("User skill", id);
    return view;
  }

  setUserSkill(raw: unknown): unknown {
    const form = parseBody(userSkillForm, raw);
    return this.tx(() => {
      this.requireToloker(form.user_id);
      if (!this.store.hasSkill(form.skill_id)) {
        throw validationError({ skill_id: { code: "DOES_NOT_EXIST", message: `Skill ${form.skill_id} does not exist` } });
      }
      const nowMs = this.now().getTime();
      this.store.setTolokerSkill(form.user_id, form.skill_id, form.value);
      this.stmts.insertSkillId.run(form.user_id, form.skill_id, nowMs, nowMs);
      const row = this.stmts.skillRowOf.get(form.user_id, form.skill_id) as SkillRow;
      this.stmts.touchSkill.run(nowMs, row.id);
      return this.skillView({ ...row, modified_ms: nowMs });
    });
  }

  deleteUserSkill(id: string): void {
    this.tx(() => {
      const row = /^\d{1,15}$/.test(id) ? (this.stmts.skillRow.get(Number(id)) as SkillRow | undefined) : undefined;
      if (!row || !this.skillView(row)) throw notFound("User skill", id);
      this.store.setTolokerSkill(row.user_id, row.skill_id, null);
      this.stmts.deleteSkill.run(row.id);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Restrictions. One that has expired is gone: it is neither listed nor found.

  private restrictionView(r: RestrictionRow) {
    return compact({
      id: String(r.id),
      scope: r.scope,
      user_id: r.user_id,
      project_id: r.project_id ?? undefined,
      pool_id: r.pool_id ?? undefined,
      private_comment: r.private_comment ?? undefined,
      will_expire: date(r.will_expire_ms),
      created: date(r.created_ms),
    });
  }

  listRestrictions(query: URLSearchParams) {
    const q = readListQuery(query, {
      filters: {
        user_id: { column: "user_id", kind: "text" },
        scope: { column: "scope", kind: "text" },
        project_id: { column: "project_id", kind: "int" },
        pool_id: { column: "pool_id", kind: "int" },
      },
      idKind: "int",
      maxLimit: 1000,
    });
    const page = this.select<RestrictionRow>("restrictions", { ...q, params: [...q.params, this.now().getTime()] }, [
      "(will_expire_ms IS NULL OR will_expire_ms > ?)",
    ]);
    return { items: page.items.map((r) => this.restrictionView(r)), has_more: page.has_more };
  }

  private liveRestriction(id: string): RestrictionRow {
    const row = /^\d{1,15}$/.test(id) ? (this.stmts.restriction.get(Number(id)) as RestrictionRow | undefined) : undefined;
    if (!row || (row.will_expire_ms !== null && row.will_expire_ms <= this.now().getTime())) throw notFound("User restriction", id);
    return row;
  }

  getRestriction(id: string): unknown {
    return this.restrictionView(this.liveRestriction(id));
  }

  /** PUT /user-restrictions: the same Toloker and scope (and project or pool) again updates the one in force. */
  setRestriction(raw: unknown): unknown {
    const form = parseBody(restrictionForm, raw);
    if (form.scope === "SYSTEM") throw new EmulatorApiError(403, "ACCESS_DENIED", "Only Toloka sets SYSTEM restrictions");
    let expireMs: number | null = null;
    if (form.will_expire !== undefined) {
      const us = parseQueryDate(form.will_expire);
      if (us === null)
        throw validationError({ will_expire: { code: "DATE_TIME_EXPECTED", message: "will_expire must be a UTC date-time YYYY-MM-DDThh:mm:ss[.sss]" } });
      expireMs = Math.floor(us / 1000);
      if (expireMs <= this.now().getTime())
        throw validationError({ will_expire: { code: "VALUE_LESS_THAN_MIN", message: "will_expire must be in the future" } });
    }
    return this.tx(() => {
      this.requireToloker(form.user_id);
      const nowMs = this.now().getTime();
      const project = form.scope === "PROJECT" ? (form.project_id ?? null) : null;
      const pool = form.scope === "POOL" ? (form.pool_id ?? null) : null;
      const existing = this.stmts.sameRestriction.get(form.user_id, form.scope, project ?? "", pool ?? "", nowMs) as { id: number } | undefined;
      let id: number;
      if (existing) {
        this.stmts.updateRestriction.run(form.private_comment ?? null, expireMs, existing.id);
        id = existing.id;
      } else {
        id = Number(this.stmts.insertRestriction.run(form.user_id, form.scope, project, pool, form.private_comment ?? null, expireMs, nowMs).lastInsertRowid);
      }
      return this.restrictionView(this.stmts.restriction.get(id) as RestrictionRow);
    });
  }

  deleteRestriction(id: string): void {
    this.tx(() => {
      const row = this.liveRestriction(id);
      if (row.scope === "SYSTEM") throw new EmulatorApiError(403, "ACCESS_DENIED", "Only Toloka lifts SYSTEM restrictions");
      this.stmts.deleteRestriction.run(row.id);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Bonuses

  private bonusView(r: BonusRow) {
    return compact({
      id: String(r.id),
      user_id: r.user_id,
      amount: dollars(r.mills),
      public_title: r.public_title ? (JSON.parse(r.public_title) as LocalizedText) : undefined,
      public_message: r.public_message ? (JSON.parse(r.public_message) as LocalizedText) : undefined,
      without_message: r.without_message === 1,
      private_comment: r.private_comment ?? undefined,
      assignment_id: r.assignment_id ?? undefined,
      created: date(r.created_ms),
    });
  }

  listBonuses(query: URLSearchParams) {
    const q = readListQuery(query, {
      filters: { user_id: { column: "user_id", kind: "text" }, assignment_id: { column: "assignment_id", kind: "text" } },
      idKind: "int",
      maxLimit: 300,
    });
    const page = this.select<BonusRow>("bonuses", q);
    return { items: page.items.map((r) => this.bonusView(r)), has_more: page.has_more };
  }

  getBonus(id: string): unknown {
    const row = /^\d{1,15}$/.test(id) ? (this.stmts.bonus.get(Number(id)) as BonusRow | undefined) : undefined;
    if (!row) throw notFound("User bonus", id);
    return this.bonusView(row);
  }

  /**
   * POST /user-bonuses: one bonus (an object) or up to 100 (an array), paid from the balance, once per
   * `operation_id`. An array with invalid items fails whole unless `skip_invalid_items`. Answers 201 with the
   * bonus, the page of bonuses, or (async_mode=true) the finished operation.
   */
  createBonuses(raw: unknown, query: URLSearchParams, perDay: number): { status: number; body: unknown } {
    const operationId = query.get("operation_id") ?? undefined;
    const asyncMode = query.get("async_mode") === "true";
    const skipInvalid = query.get("skip_invalid_items") === "true";
    const single = !Array.isArray(raw);
    const inputs = single ? [raw] : (raw as unknown[]);
    if (inputs.length === 0) throw validationError({ body: { code: "VALUE_REQUIRED", message: "At least one bonus is required" } });
    if (!asyncMode && inputs.length > BONUSES_PER_REQUEST) {
      throw validationError({ body: { code: "TOO_MANY_ITEMS", message: `At most ${BONUSES_PER_REQUEST} bonuses in a synchronous request` } });
    }
    return this.tx(() => {
      if (operationId !== undefined && this.stmts.operation.get(operationId)) {
        throw new EmulatorApiError(409, "OPERATION_ALREADY_EXISTS", `Operation ${operationId} already exists`);
      }
      const nowMs = this.now().getTime();
      const day = new Date(nowMs).toISOString().slice(0, 10);
      const used = (this.stmts.quota.get(day, "bonus") as number | undefined) ?? 0;
      if (used + 1 > perDay) {
        throw new EmulatorApiError(429, "TOO_MANY_REQUESTS", `Too many requests: at most ${perDay} bonus requests a day`, { interval: "DAY", limit: perDay });
      }
      const valid: { index: number; form: BonusForm }[] = [];
      const errors: Record<string, unknown> = {};
      inputs.forEach((input, index) => {
        try {
          const form = parseBody(bonusForm, input, single ? [] : [String(index)]);
          this.requireToloker(form.user_id, single ? "user_id" : `${index}.user_id`);
          if (form.assignment_id !== undefined) {
            const a = this.stmts.assignment.get(form.assignment_id) as AssignmentRow | undefined;
            if (!a || a.user_id !== form.user_id) {
              throw validationError({
                [single ? "assignment_id" : `${index}.assignment_id`]: {
                  code: "DOES_NOT_EXIST",
                  message: `The Toloker has no assignment ${form.assignment_id}`,
                },
              });
            }
          }
          valid.push({ index, form });
        } catch (e) {
          if (!(e instanceof EmulatorApiError) || single || !skipInvalid) throw e;
          errors[String(index)] = e.payload ?? {};
        }
      });
      const total = valid.reduce((s, v) => s + Math.round(v.form.amount * 1000), 0);
      const balance = this.balanceMills();
      if (total > balance) {
        throw new EmulatorApiError(409, "NOT_ENOUGH_BALANCE", `The balance (${dollars(balance)}) cannot pay ${dollars(total)}`, { balance: dollars(balance) });
      }
      const made = valid.map(({ index, form }) => {
        const id = Number(
          this.stmts.insertBonus.run(
            form.user_id,
            Math.round(form.amount * 1000),
            form.public_title ? JSON.stringify(form.public_title) : null,
            form.public_message ? JSON.stringify(form.public_message) : null,
            form.without_message ? 1 : 0,
            form.private_comment ?? null,
            form.assignment_id ?? null,
            operationId ?? null,
            nowMs,
          ).lastInsertRowid,
        );
        return { index, view: this.bonusView(this.stmts.bonus.get(id) as BonusRow) };
      });
      this.setBalanceMills(balance - total);
      this.stmts.addQuota.run(day, "bonus", 1);
      const opId = operationId ?? crypto.randomUUID();
      this.stmts.insertOperation.run(opId, nowMs);
      if (asyncMode) {
        const at = tolokaDate(new Date(nowMs));
        return {
          status: 201,
          body: {
            id: opId,
            type: "USER_BONUS.BATCH_CREATE",
            status: "SUCCESS",
            submitted: at,
            started: at,
            finished: at,
            progress: 100,
            parameters: { skip_invalid_items: skipInvalid },
            details: {
              total_count: inputs.length,
              valid_count: valid.length,
              not_valid_count: inputs.length - valid.length,
              success_count: made.length,
              failed_count: 0,
            },
          },
        };
      }
      if (single) return { status: 201, body: made[0].view };
      return { status: 201, body: { items: Object.fromEntries(made.map((m) => [String(m.index), m.view])), validation_errors: errors } };
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Assignments

  private assignmentView(r: AssignmentRow) {
    const tasks = (JSON.parse(r.tasks) as { id: string; input_values: Record<string, string> }[]).map((t) => ({
      ...t,
      pool_id: r.pool_id,
      overlap: 3,
      infinite_overlap: false,
      created: date(r.created_ms - 3_600_000),
    }));
    return compact({
      id: r.id,
      task_suite_id: `${r.id.slice(0, 12)}${r.id.slice(12).split("").reverse().join("")}`,
      pool_id: r.pool_id,
      user_id: r.user_id,
      status: r.status,
      reward: dollars(r.reward_mills),
      tasks,
      solutions: JSON.parse(r.solutions) as unknown,
      mixed: false,
      automerged: false,
      created: date(r.created_ms),
      submitted: date(r.submitted_ms),
      accepted: date(r.accepted_ms),
      rejected: date(r.rejected_ms),
      public_comment: r.public_comment ?? undefined,
      owner: { id: this.store.requesterId, myself: true },
    });
  }

  listAssignments(query: URLSearchParams) {
    const q = readListQuery(query, {
      filters: { user_id: { column: "user_id", kind: "text" }, pool_id: { column: "pool_id", kind: "int" } },
      idKind: "text",
      maxLimit: 100_000,
    });
    const status = query.get("status");
    if (status !== null) {
      const wanted = status.split(",");
      const unknown = wanted.filter((s) => !(ASSIGNMENT_STATUSES as readonly string[]).includes(s));
      if (unknown.length > 0) {
        throw validationError({
          status: { code: "UNKNOWN_ENUM_VALUE", message: `Unknown status "${unknown[0]}"; expected ${ASSIGNMENT_STATUSES.join(", ")}` },
        });
      }
      q.where.push(`status IN (${wanted.map(() => "?").join(", ")})`);
      q.params.push(...wanted);
    }
    const page = this.select<AssignmentRow>("assignments", q);
    return { items: page.items.map((r) => this.assignmentView(r)), has_more: page.has_more };
  }

  getAssignment(id: string): unknown {
    const row = this.stmts.assignment.get(id) as AssignmentRow | undefined;
    if (!row) throw notFound("Assignment", id);
    return this.assignmentView(row);
  }

  /** PATCH /assignments/{id}: SUBMITTED → ACCEPTED or REJECTED, REJECTED → ACCEPTED; anything else is a conflict. */
  patchAssignment(id: string, raw: unknown): unknown {
    const patch = parseBody(assignmentPatch, raw);
    return this.tx(() => {
      const row = this.stmts.assignment.get(id) as AssignmentRow | undefined;
      if (!row) throw notFound("Assignment", id);
      const allowed =
        (row.status === "SUBMITTED" && (patch.status === "ACCEPTED" || patch.status === "REJECTED")) ||
        (row.status === "REJECTED" && patch.status === "ACCEPTED");
      if (!allowed) throw new EmulatorApiError(409, "CONFLICT_STATE", `The assignment is ${row.status}; it cannot become ${patch.status}`);
      const nowMs = this.now().getTime();
      this.stmts.patchAssignment.run(
        patch.status,
        patch.status === "ACCEPTED" ? nowMs : row.accepted_ms,
        patch.status === "REJECTED" ? nowMs : row.rejected_ms,
        patch.public_comment ?? row.public_comment,
        id,
      );
      return this.assignmentView(this.stmts.assignment.get(id) as AssignmentRow);
    });
  }

  /**
   * The assignment a Toloker's appeal names, REJECTED `rejectedDaysAgo` days before now (made when missing, so
   * an appeal that liveness or the control API writes has an assignment to decide).
   */
  appealAssignment(input: { tolokerId: string; meta: ThreadMeta; rejectedDaysAgo?: number }): unknown {
    const id = input.meta.assignment_id;
    const pool = input.meta.pool_id;
    if (!id || !pool || !/^\d+$/.test(pool)) return null;
    const existing = this.stmts.assignment.get(id) as AssignmentRow | undefined;
    if (existing) return this.assignmentView(existing);
    const nowMs = this.now().getTime();
    const rejectedMs = nowMs - (input.rejectedDaysAgo ?? 0.5) * DAY;
    this.putAssignment({
      id,
      poolId: pool,
      userId: input.tolokerId,
      status: "REJECTED",
      rewardMills: 30,
      createdMs: rejectedMs - 5 * 3_600_000,
      submittedMs: rejectedMs - 4 * 3_600_000,
      rejectedMs,
      publicComment: "Wrong answers on control tasks",
      tasks: [{ id: `${id.slice(0, 12)}${crypto.randomBytes(12).toString("hex")}`, input_values: { query: "how to fix a leaking tap" } }],
      solutions: [{ output_values: { relevance: "RELEVANT" } }],
    });
    return this.assignmentView(this.stmts.assignment.get(id) as AssignmentRow);
  }

  // ---------------------------------------------------------------------------------------------
  // Requester

  private balanceMills(): number {
    const v = this.db.prepare("SELECT value FROM meta WHERE key = 'balance_mills'").pluck().get() as string | undefined;
    return v === undefined ? DEFAULT_BALANCE_MILLS : Number(v);
  }

  private setBalanceMills(mills: number): void {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('balance_mills', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(mills));
  }

  /** Sets the balance in dollars (control API). */
  setBalance(dollarsValue: number): void {
    this.setBalanceMills(Math.round(dollarsValue * 1000));
  }

  requester(): unknown {
    return {
      id: this.store.requesterId,
      balance: dollars(this.balanceMills()),
      public_name: { EN: "Demo Requester", RU: "Демо-заказчик" },
      company: { id: "eaf25678e128e14dea651d8c32471f21", superintendent_id: this.store.requesterId },
    };
  }
}
