import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Failed sign-ins, counted per account (whoever tries it) and per address (whatever account it tries). Past
 * either limit, sign-in is refused until the window passes, even with the right password, and the answer says
 * how long to wait. A success clears the account's count. Counts live in this process's memory (one app
 * server; a restart forgets them).
 */
export const SIGN_IN_LIMITS = {
  perAccount: { failures: 5, windowSeconds: 15 * 60 },
  perAddress: { failures: 20, windowSeconds: 15 * 60 },
} as const;

export type SignInVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; by: "account" | "address" };

export class SignInLimiter {
  private readonly byAccount: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(private readonly limits: { perAccount: { failures: number; windowSeconds: number }; perAddress: { failures: number; windowSeconds: number } } = SIGN_IN_LIMITS) {
    this.byAccount = new RateLimiterMemory({ keyPrefix: "sign-in-account", points: limits.perAccount.failures, duration: limits.perAccount.windowSeconds });
    this.byAddress = new RateLimiterMemory({ keyPrefix: "sign-in-address", points: limits.perAddress.failures, duration: limits.perAddress.windowSeconds });
  }

  private static async blockedFor(limiter: RateLimiterMemory, key: string, max: number): Promise<number> {
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

const globalForLimiter = globalThis as unknown as { __tolokaSignInLimiter?: SignInLimiter };

/** The process-wide limiter. */
export function getSignInLimiter(): SignInLimiter {
  globalForLimiter.__tolokaSignInLimiter ??= new SignInLimiter();
  return globalForLimiter.__tolokaSignInLimiter;
}
