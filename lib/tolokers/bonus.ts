import "server-only";
import type { JobRecord, Store } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { JobDto } from "@/lib/schemas/jobs";
import type { ItemOutcome, JobKind } from "@/lib/jobs/runner";
import type { TolokaClient } from "@/lib/toloka/client";
import { longQuotaMessage, TolokaError } from "@/lib/toloka/errors";
import { formatMills, toMills } from "@/lib/toloka/tolokers-read";
import type { WireBonus, WireBonusForm } from "@/lib/toloka/wire";
import { toTolokaDate } from "./dto";

/**
 * Paying a bonus exactly once (issue 15). A bonus is a job of one item, so a payment interrupted by a restart is
 * settled before anything else, and two guards stand between a lost answer and a second payment:
 *
 * 1. The request carries the item's own `operation_id` (as toloka-kit sends it). Toloka refuses a second request
 *    with the same id (`OPERATION_ALREADY_EXISTS`), so sending again under it cannot pay twice.
 * 2. Before any second request, the Toloker's bonuses since the payment began are listed and searched for this one:
 *    its private comment carries the payment's reference (`tm-<operation id>`), which only this payment writes.
 *
 * A bonus in the list that matches everything but the reference (Toloka left the comment out) is not proof either
 * way: the payment is then **unconfirmed**, shown to the requester and never sent again on a guess.
 */

export interface BonusItem {
  operationId: string;
  form: WireBonusForm;
  /** When the first request was about to go (ms); the list is searched from a little before it. */
  startedMs: number;
}

/** What a paid bonus keeps in its item's result, for the page. */
interface BonusResult {
  bonusId?: string;
  amount: string;
  /** Requests to POST /user-bonuses in the last run (0: found in the list without one). */
  calls: number;
  /** Found in Toloka's list after the answer was lost, not returned by the request. */
  recovered?: boolean;
  /** The answer was lost and the list cannot tell: a bonus there may be this one. */
  unconfirmed?: boolean;
  candidates?: string[];
}

/** The reference a payment writes into its private comment. */
export function bonusRef(operationId: string): string {
  return `tm-${operationId}`;
}

const MAX_CALLS = 3;
const LOOKUP_SKEW_MS = 10 * 60_000;
const LOOKUP_PAGES = 10;

type Lookup = { kind: "found"; bonus: WireBonus } | { kind: "absent" } | { kind: "unknown"; candidates: string[] };

const sameText = (a: Record<string, string> | undefined, b: Record<string, string>) =>
  a !== undefined && JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export class BonusJob implements JobKind<BonusItem> {
  readonly concurrency = 4;
  readonly noun = "bonus";

  constructor(
    private readonly store: Store,
    private readonly client: TolokaClient,
    /** Puts the job's failed items, less `except`, back in the queue (the runner's retryFailed). */
    private readonly requeue: (jobId: string, except: number[]) => number,
    private readonly opts: { lookupDelayMs: number } = { lookupDelayMs: 1000 },
  ) {}

  async run(item: BonusItem, job: { id: string }, attempt: { seq: number; attempts: number }): Promise<ItemOutcome> {
    const amount = formatMills(toMills(item.form.amount));
    // Tried before (a retry, or a run cut short): look first.
    if (attempt.attempts > 1) {
      const before = await this.safeLookup(item, job.id, attempt.seq);
      if (before.kind === "found") return this.done(before.bonus, amount, 0, true);
      if (before.kind === "unknown") return this.unconfirmed(amount, before.candidates, 0);
    }
    let calls = 0;
    while (calls < MAX_CALLS) {
      calls++;
      try {
        const bonus = await this.client.createBonus(item.form, item.operationId);
        this.store.tolokers.claimBonus(bonus.id, job.id, attempt.seq);
        return this.done(bonus, amount, calls, false);
      } catch (error) {
        if (!(error instanceof TolokaError)) throw error;
        if (error.code === "OPERATION_ALREADY_EXISTS") {
          // Toloka has this payment already: it must be in the list; if the list does not show it, say so.
          const found = await this.safeLookup(item, job.id, attempt.seq);
          if (found.kind === "found") return this.done(found.bonus, amount, calls, true);
          return this.unconfirmed(
            amount,
            found.kind === "unknown" ? found.candidates : [],
            calls,
            "Toloka says this payment was made, but the Toloker's bonuses do not show it yet.",
          );
        }
        if (error.status === 429 && !error.isLongQuota) {
          await sleep(Math.max(1000, (error.retryAfterSeconds ?? 1) * 1000));
          calls--;
          continue;
        }
        if (error.outcome === "not-applied") {
          const message = error.isLongQuota
            ? longQuotaMessage(error)
            : error.code === "NOT_ENOUGH_BALANCE"
              ? "The account's balance is too low for this bonus."
              : error.message;
          return { status: "failed", error: `Toloka refused the bonus: ${message}`, result: { amount, calls, code: `${error.status} ${error.code}` } };
        }
        // The outcome is unknown: look before anything else.
        await sleep(this.opts.lookupDelayMs);
        const found = await this.safeLookup(item, job.id, attempt.seq);
        if (found.kind === "found") return this.done(found.bonus, amount, calls, true);
        if (found.kind === "unknown") return this.unconfirmed(amount, found.candidates, calls);
        // Not in the list: sending again under the same operation id cannot pay twice.
      }
    }
    return {
      status: "failed",
      error: `Toloka did not answer ${MAX_CALLS} times, and the Toloker's bonuses show no such payment: it was not paid. Retrying looks again first.`,
      result: { amount, calls },
    };
  }

  async settle(item: BonusItem, attempt: { seq: number }, job: { id: string }): Promise<ItemOutcome | "pending"> {
    const amount = formatMills(toMills(item.form.amount));
    const found = await this.safeLookup(item, job.id, attempt.seq);
    if (found.kind === "found") return this.done(found.bonus, amount, 0, true);
    if (found.kind === "unknown") return this.unconfirmed(amount, found.candidates, 0);
    // Not paid: run it again (under the same operation id).
    return "pending";
  }

  /** An unconfirmed payment is never retried on a guess; a failed one looks in the list first, so it may be. */
  retry(job: JobRecord): number {
    const failed = this.store.jobs.items(job.id, { status: "failed" });
    const unconfirmed = failed.filter((i) => (i.result as BonusResult | undefined)?.unconfirmed).map((i) => i.seq);
    if (failed.length === 0) throw new AppError("CONFLICT", "This bonus was not refused: there is nothing to retry.");
    if (unconfirmed.length === failed.length) {
      throw new AppError("CONFLICT", "Whether this bonus was paid is unknown. Check the Toloker's bonuses in Toloka; paying again could pay twice.");
    }
    return this.requeue(job.id, unconfirmed);
  }

  /** The payment's state for the page. */
  describe(job: JobRecord): Partial<JobDto> {
    const [item] = this.store.jobs.items(job.id, { limit: 1 });
    if (!item) return {};
    const payload = item.payload as BonusItem;
    const result = item.result as (BonusResult & { code?: string }) | undefined;
    const state = item.status === "done" ? "paid" : item.status === "failed" ? (result?.unconfirmed ? "unconfirmed" : "failed") : "pending";
    return {
      bonus: {
        tolokerId: payload.form.user_id,
        amount: formatMills(toMills(payload.form.amount)),
        state,
        ...(result?.bonusId ? { bonusId: result.bonusId } : {}),
        ...(result?.recovered ? { recovered: true } : {}),
        ...(item.error && item.status === "failed" ? { error: item.error } : {}),
      },
    };
  }

  private done(bonus: WireBonus, amount: string, calls: number, recovered: boolean): ItemOutcome {
    const result: BonusResult = { bonusId: bonus.id, amount, calls, ...(recovered ? { recovered } : {}) };
    return { status: "done", result };
  }

  private unconfirmed(amount: string, candidates: string[], calls: number, why?: string): ItemOutcome {
    const result: BonusResult = { amount, calls, unconfirmed: true, candidates };
    return {
      status: "failed",
      error: `${why ?? "Toloka's answer was lost, and its list of the Toloker's bonuses cannot tell whether this one was paid."} Check the Toloker's bonuses in Toloka before paying again.`,
      result,
    };
  }

  /** The lookup, with a list that cannot be read at all counted as "cannot tell". */
  private async safeLookup(item: BonusItem, jobId: string, seq: number): Promise<Lookup> {
    try {
      return await this.lookup(item, jobId, seq);
    } catch {
      return { kind: "unknown", candidates: [] };
    }
  }

  /** Searches the Toloker's bonuses since the payment began for this one. */
  private async lookup(item: BonusItem, jobId: string, seq: number): Promise<Lookup> {
    const ref = bonusRef(item.operationId);
    const candidates: string[] = [];
    let unreadable = 0;
    let idGt: string | undefined;
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const r = await this.client.listBonuses({
        user_id: item.form.user_id,
        created_gte: toTolokaDate(item.startedMs - LOOKUP_SKEW_MS),
        sort: "id",
        limit: 100,
        id_gt: idGt,
      });
      unreadable += r.unreadable.length;
      for (const b of r.items) {
        if (this.store.tolokers.bonusClaimedElsewhere(b.id, jobId, seq)) continue;
        if (b.private_comment?.includes(ref)) {
          this.store.tolokers.claimBonus(b.id, jobId, seq);
          return { kind: "found", bonus: b };
        }
        const looksLikeIt =
          b.private_comment === undefined &&
          b.mills === toMills(item.form.amount) &&
          (b.public_title === undefined || sameText(b.public_title, item.form.public_title)) &&
          (b.public_message === undefined || sameText(b.public_message, item.form.public_message));
        if (looksLikeIt) candidates.push(b.id);
      }
      if (!r.has_more || r.items.length === 0) break;
      idGt = r.items[r.items.length - 1].id;
    }
    if (candidates.length || unreadable) return { kind: "unknown", candidates };
    return { kind: "absent" };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
