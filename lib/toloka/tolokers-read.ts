import { bool, isObject, kindOf, localized, normalizeTolokaDate, optional, str, Unreadable } from "./read";
import type { WireAssignment, WireBonus, WireListReading, WireRequester, WireRestriction, WireUserMetadata, WireUserSkill } from "./wire";

/*
 * Lenient readers of Toloka's Toloker endpoints (toloka-api.md §7 applies to them as to threads): dates in any
 * documented precision, null read as absent, ids and numbers given as strings or numbers, unknown fields and enum
 * values kept or ignored, and one item that cannot be read set aside instead of failing its page. Only what the
 * app cannot do without refuses an item: an id, and for a bonus its amount.
 */

/** A value the reader refused, with why; the caller turns it into an unexpected response. */
export type Reading<T> = { ok: true; value: T } | { ok: false; reason: string };

function attempt<T>(read: () => T): Reading<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, reason: error.message };
    throw error;
  }
}

/** A number, or one written as a string ("0.50"); anything else is no number. */
function decimal(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
  if (typeof n === "number" && Number.isFinite(n)) return n;
  throw new Unreadable(`${what} is ${kindOf(v)}, not a number`);
}

/** Dollars as whole thousandths, so sums are exact. */
export function toMills(dollars: number): number {
  return Math.round(dollars * 1000);
}

/** Thousandths of a dollar as dollars with two decimals, or three when the third is not zero ("0.50", "0.005"). */
export function formatMills(mills: number): string {
  const sign = mills < 0 ? "-" : "";
  const abs = Math.abs(mills);
  const whole = Math.floor(abs / 1000);
  const frac = String(abs % 1000).padStart(3, "0");
  return `${sign}${whole}.${frac.endsWith("0") ? frac.slice(0, 2) : frac}`;
}

const date = (v: unknown, what: string) => {
  try {
    return normalizeTolokaDate(v);
  } catch (e) {
    throw new Unreadable(`${what}: ${(e as Error).message}`);
  }
};

/** Leaves out the keys whose value is undefined. */
function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function requireId(v: unknown, what: string): string {
  const id = str(v, `${what}.id`);
  if (!id) throw new Unreadable(`the ${what} has no id`);
  return id;
}

/** GET /user-metadata/{id}. Everything but the id is optional: a Toloker may have told Toloka little. */
export function readUserMetadata(input: unknown): Reading<WireUserMetadata> {
  return attempt(() => {
    if (!isObject(input)) throw new Unreadable(`the metadata is ${kindOf(input)}`);
    const id = requireId(input.id, "metadata");
    const langs = Array.isArray(input.languages) ? input.languages.filter((l): l is string => typeof l === "string") : [];
    const attrs = isObject(input.attributes) ? input.attributes : {};
    const keys = ["country_by_phone", "country_by_ip", "client_type", "user_agent_type", "device_category", "os_family"] as const;
    const attributes: WireUserMetadata["attributes"] = {};
    for (const k of keys) {
      const v = optional(() => str(attrs[k], k));
      if (v) attributes[k] = v;
    }
    // os_version is a number (14.4); some answers give only its parts.
    const parts = [attrs.os_version_major, attrs.os_version_minor].every((p) => typeof p === "number");
    const version = optional(() => str(attrs.os_version, "os_version")) ?? (parts ? `${attrs.os_version_major}.${attrs.os_version_minor}` : undefined);
    if (version) attributes.os_version = version;
    return defined({
      id,
      country: optional(() => str(input.country, "country")),
      languages: langs,
      adult_allowed: optional(() => bool(input.adult_allowed, "adult_allowed")),
      attributes,
    });
  });
}

export function readUserSkill(input: unknown): Reading<WireUserSkill> {
  return attempt(() => {
    if (!isObject(input)) throw new Unreadable(`the skill is ${kindOf(input)}`);
    const id = requireId(input.id, "skill");
    const skillId = str(input.skill_id, "skill_id");
    if (!skillId) throw new Unreadable("the skill has no skill_id");
    const value = optional(() => decimal(input.exact_value, "exact_value")) ?? decimal(input.value, "value");
    if (value === undefined) throw new Unreadable("the skill has no value");
    return defined({
      id,
      skill_id: skillId,
      user_id: optional(() => str(input.user_id, "user_id")),
      value,
      created: optional(() => date(input.created, "created")),
      modified: optional(() => date(input.modified, "modified")),
    });
  });
}

export function readRestriction(input: unknown): Reading<WireRestriction> {
  return attempt(() => {
    if (!isObject(input)) throw new Unreadable(`the restriction is ${kindOf(input)}`);
    const id = requireId(input.id, "restriction");
    return defined({
      id,
      // An unknown scope is kept as sent; a missing one is shown as such rather than guessed.
      scope: optional(() => str(input.scope, "scope")) ?? "UNKNOWN",
      user_id: optional(() => str(input.user_id, "user_id")),
      project_id: optional(() => str(input.project_id, "project_id")),
      pool_id: optional(() => str(input.pool_id, "pool_id")),
      private_comment: optional(() => str(input.private_comment, "private_comment")),
      will_expire: optional(() => date(input.will_expire, "will_expire")),
      created: optional(() => date(input.created, "created")),
    });
  });
}

export function readBonus(input: unknown): Reading<WireBonus> {
  return attempt(() => {
    if (!isObject(input)) throw new Unreadable(`the bonus is ${kindOf(input)}`);
    const id = requireId(input.id, "bonus");
    // A bonus without an amount would make the sum a guess: it is set aside instead.
    const amount = decimal(input.amount, "amount");
    if (amount === undefined) throw new Unreadable("the bonus has no amount");
    return defined({
      id,
      user_id: optional(() => str(input.user_id, "user_id")),
      mills: toMills(amount),
      public_title: optional(() => localized(input.public_title, "public_title")),
      public_message: optional(() => localized(input.public_message, "public_message")),
      private_comment: optional(() => str(input.private_comment, "private_comment")),
      assignment_id: optional(() => str(input.assignment_id, "assignment_id")),
      created: optional(() => date(input.created, "created")),
    });
  });
}

/** A task's input or output values as strings: text as it is, anything else as its JSON. */
function fieldsOf(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || x === null) continue;
    out[k] = typeof x === "string" ? x : JSON.stringify(x).slice(0, 2_000);
  }
  return out;
}

export function readAssignment(input: unknown): Reading<WireAssignment> {
  return attempt(() => {
    if (!isObject(input)) throw new Unreadable(`the assignment is ${kindOf(input)}`);
    const id = requireId(input.id, "assignment");
    const tasks = Array.isArray(input.tasks) ? input.tasks : [];
    const solutions = Array.isArray(input.solutions) ? input.solutions : [];
    const answers =
      tasks.length || solutions.length
        ? Array.from({ length: Math.max(tasks.length, solutions.length) }, (_, i) => ({
            input: fieldsOf(isObject(tasks[i]) ? tasks[i].input_values : undefined),
            output: fieldsOf(isObject(solutions[i]) ? solutions[i].output_values : undefined),
          }))
        : undefined;
    const reward = optional(() => decimal(input.reward, "reward"));
    return defined({
      id,
      pool_id: optional(() => str(input.pool_id, "pool_id")),
      user_id: optional(() => str(input.user_id, "user_id")),
      // A status Toloka added since is kept; none at all cannot be judged, so it is UNKNOWN, never REJECTED.
      status: optional(() => str(input.status, "status"))?.toUpperCase() ?? "UNKNOWN",
      reward_mills: reward === undefined ? undefined : toMills(reward),
      created: optional(() => date(input.created, "created")),
      submitted: optional(() => date(input.submitted, "submitted")),
      accepted: optional(() => date(input.accepted, "accepted")),
      rejected: optional(() => date(input.rejected, "rejected")),
      public_comment: optional(() => str(input.public_comment, "public_comment")),
      answers,
    });
  });
}

export function readRequester(input: unknown): Reading<WireRequester> {
  return attempt(() => {
    if (!isObject(input)) throw new Unreadable(`the requester is ${kindOf(input)}`);
    const balance = optional(() => decimal(input.balance, "balance"));
    return defined({
      id: optional(() => str(input.id, "id")),
      balance_mills: balance === undefined ? undefined : toMills(balance),
      public_name: optional(() => localized(input.public_name, "public_name")),
    });
  });
}

/**
 * A page of one of the lists, read item by item. Only a body that is no page at all is refused. Without
 * `has_more`, a full page is taken to mean there may be more.
 */
export function readListPage<T>(input: unknown, limit: number, item: (x: unknown) => Reading<T>): Reading<WireListReading<T>> {
  if (!isObject(input)) return { ok: false, reason: `the page is ${kindOf(input)}` };
  const rawItems = input.items ?? [];
  if (!Array.isArray(rawItems)) return { ok: false, reason: `items is ${kindOf(rawItems)}, not a list` };
  const items: T[] = [];
  const unreadable: Array<{ reason: string }> = [];
  for (const x of rawItems) {
    const r = item(x);
    if (r.ok) items.push(r.value);
    else unreadable.push({ reason: r.reason });
  }
  const hasMore = typeof input.has_more === "boolean" ? input.has_more : rawItems.length >= limit;
  return { ok: true, value: { items, has_more: hasMore, unreadable } };
}
