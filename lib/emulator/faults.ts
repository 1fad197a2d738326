import "server-only";
import { z } from "zod";

/**
 * Fault injection for the emulated Toloka API, so the client's handling of slow answers, 5xx, 429,
 * timeouts and dropped connections is tested against a real HTTP server instead of mocked in the code
 * under test (architecture.md §4).
 */

/** The API endpoints a rule can target; `*` is all of them. */
const FAULT_ENDPOINTS = [
  "list",
  "compose",
  "reply",
  "add-to-folders",
  "remove-from-folders",
  "skills",
  // The Toloker endpoints (issue 15).
  "metadata",
  "user-skills-list",
  "user-skill-get",
  "user-skill-set",
  "user-skill-delete",
  "restrictions-list",
  "restriction-get",
  "restriction-set",
  "restriction-delete",
  "bonuses-list",
  "bonus-get",
  "bonus-create",
  "assignments-list",
  "assignment-get",
  "assignment-patch",
  "requester",
  "*",
] as const;
type FaultEndpoint = (typeof FAULT_ENDPOINTS)[number];
export type ApiEndpoint = Exclude<FaultEndpoint, "*">;

export const faultRuleSchema = z
  .object({
    endpoint: z.enum(FAULT_ENDPOINTS),
    /** `401` answers AUTHENTICATION_ERROR, as Toloka does once a key is revoked; `403` ACCESS_DENIED, as for a resource the account may not touch. */
    kind: z.enum(["latency", "401", "403", "500", "503", "429", "timeout", "drop", "sparse", "unreadable"]),
    /** Probability that the rule fires on a matching request. */
    rate: z.number().min(0).max(1).default(1),
    /** Fire at most this many times; then the rule is spent. Unlimited when omitted. */
    count: z.number().int().min(0).optional(),
    /** latency: added delay. */
    latency_ms: z.number().int().min(0).max(600_000).optional(),
    /** 429 only: send `Retry-After: <seconds>`; no header when omitted (toloka-kit 1.2.3 crashes on it). */
    retry_after: z.number().int().min(0).optional(),
    /** 429 only: the quota its payload names (`interval`), as Toloka's do; SECOND when omitted. */
    interval: z.enum(["SECOND", "MIN", "HOUR", "DAY"]).optional(),
    /**
     * Shapes the spec allows, or a body that cannot be read; both perform the request and answer its status.
     * `sparse`: every thread in the answer without its inlined messages and interlocutors (`*_inlined: false`)
     * and without `compose_details`. `unreadable`: the answer's body is JSON that is no thread or page at all.
     */
    /** 401/500/503/drop/timeout: perform the request first, then fail, so the write happened though the client saw an error. */
    after_write: z.boolean().optional(),
    /** timeout: how long the answer is held. */
    hang_ms: z.number().int().min(0).max(600_000).optional(),
  })
  .refine((r) => r.kind !== "latency" || r.latency_ms !== undefined, {
    message: "latency_ms is required for a latency rule",
    path: ["latency_ms"],
  });
export type FaultRule = z.infer<typeof faultRuleSchema>;

/** A rule as GET /faults shows it: `remaining` counts down from `count`. */
export type ActiveFaultRule = FaultRule & { remaining?: number; fired: number };

/** What the faults decided for one request. */
export interface FaultPlan {
  /** Sum of the latency rules that fired. */
  latencyMs: number;
  /** The first error rule that fired, if any. */
  error?: FaultRule;
}

export const DEFAULT_HANG_MS = 30_000;

/** The current fault rules, with their spending counters. */
export class FaultEngine {
  private rules: ActiveFaultRule[] = [];

  constructor(private readonly random: () => number) {}

  /** Replaces every rule (validated, defaults applied: a rule without `rate` always fires). */
  set(rules: z.input<typeof faultRuleSchema>[]): void {
    this.rules = rules.map((r) => faultRuleSchema.parse(r)).map((r) => ({ ...r, remaining: r.count, fired: 0 }));
  }

  /** Appends rules after the existing ones. */
  add(rules: z.input<typeof faultRuleSchema>[]): void {
    this.rules.push(...rules.map((r) => faultRuleSchema.parse(r)).map((r) => ({ ...r, remaining: r.count, fired: 0 })));
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  private fires(rule: ActiveFaultRule): boolean {
    if (rule.remaining !== undefined && rule.remaining <= 0) return false;
    if (rule.rate < 1 && this.random() >= rule.rate) return false;
    if (rule.remaining !== undefined) rule.remaining -= 1;
    rule.fired += 1;
    return true;
  }

  /** Decides the faults for one request: latency rules add up, then the first error rule that fires wins. */
  plan(endpoint: ApiEndpoint): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0 };
    if (this.rules.length === 0) return plan;
    for (const rule of this.rules) {
      if (rule.endpoint !== "*" && rule.endpoint !== endpoint) continue;
      if (rule.kind === "latency") {
        if (this.fires(rule)) plan.latencyMs += rule.latency_ms ?? 0;
      } else if (!plan.error && this.fires(rule)) {
        plan.error = rule;
      }
    }
    return plan;
  }
}
