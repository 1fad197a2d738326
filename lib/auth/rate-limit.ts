import "server-only";
import { RateLimiterMemory, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getStore, type Db } from "@/lib/db";
import { processSlot } from "@/lib/process-slot";

type Limit = { readonly failures: number; readonly windowSeconds: number };

/**
 * Failed sign-ins, counted per account (whoever tries it) and per address (whatever account it tries). Past
 * either limit, sign-in is refused until the window passes, even with the right password, and the answer says
 * how long to wait. A success clears the account's count. Counts are kept in app.sqlite, so a restart does
 * not hand an attacker a fresh set of tries; should that table fail, counting goes on in memory.
 */
export const SIGN_IN_LIMITS: { perAccount: Limit; perAddress: Limit } = {
  perAccount: { failures: 5, windowSeconds: 15 * 60 },
  perAddress: { failures: 20, windowSeconds: 15 * 60 },
};
/** The table (migration 6) rate-limiter-flexible's SQLite store keeps the counts in. */
const TABLE = "sign_in_limits";

export type SignInVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; by: "account" | "address" };

export class SignInLimiter {
  private readonly byAccount: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  /** With `db` (an app store's connection) the counts persist there; without, they live in memory. */
  constructor(
    private readonly limits: typeof SIGN_IN_LIMITS = SIGN_IN_LIMITS,
    db?: Db,
  ) {
    const limiter = (keyPrefix: string, limit: Limit): RateLimiterAbstract => {
      const opts = { keyPrefix, points: limit.failures, duration: limit.windowSeconds };
      if (!db) return new RateLimiterMemory(opts);
      return new RateLimiterSQLite({
        ...opts,
        storeClient: db,
        storeType: "better-sqlite3",
        tableName: TABLE,
        tableCreated: true,
        clearExpiredByTimeout: true,
        insuranceLimiter: new RateLimiterMemory(opts),
      });
    };
    this.byAccount = limiter("sign-in-account", limits.perAccount);
    this.byAddress = limiter("sign-in-address", limits.perAddress);
  }

  private static async blockedFor(limiter: RateLimiterAbstract, key: string, max: number): Promise<number> {
    const res = await limiter.get(key);
    if (!res || res.consumedPoints < max) return 0;
    return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  }

  /** Whether an attempt at `account` from `address` may go ahead now. */
  async check(account: string, address: string | null): Promise<SignInVerdict> {
    const acc = await SignInLimiter.blockedFor(this.byAccount, account, this.limits.perAccount.failures);
    if (acc > 0) return { allowed: false, retryAfterSeconds: acc, by: "account" };
    if (address) {
      const addr = await SignInLimiter.blockedFor(this.byAddress, address, this.limits.perAddress.failures);
      if (addr > 0) return { allowed: false, retryAfterSeconds: addr, by: "address" };
    }
    return { allowed: true };
  }

  /** Counts a failed attempt. */
  async failed(account: string, address: string | null): Promise<void> {
    const swallow = (e: unknown) => {
      // Past the limit consume() rejects with the limiter's state: the count is what matters, not the verdict.
      if (!(e instanceof RateLimiterRes)) throw e;
    };
    await this.byAccount.consume(account).catch(swallow);
    if (address) await this.byAddress.consume(address).catch(swallow);
  }

  /** Clears the account's failures after it signed in. */
  async succeeded(account: string): Promise<void> {
    await this.byAccount.delete(account);
  }
}

const limiterSlot = processSlot<SignInLimiter>("signInLimiter");

/** The process-wide limiter. */
export function getSignInLimiter(): SignInLimiter {
  return limiterSlot.get() ?? limiterSlot.set(new SignInLimiter(SIGN_IN_LIMITS, getStore().connection));
}
