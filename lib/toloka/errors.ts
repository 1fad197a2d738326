import "server-only";

/**
 * Every failure of a Toloka call, as one typed error. `status` is 0 for network failures and timeouts.
 * `outcome` says whether the request may have taken effect: a write that timed out is "unknown",
 * which callers must settle (see the compose settlement in lib/mailbox) instead of retrying blindly.
 */
export class TolokaError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: {
      fields?: Record<string, string>;
      requestId?: string;
      retryAfterSeconds?: number;
      /** A 429's quota, as its payload names it (`SECOND`, `MIN`, `HOUR`, `DAY`, or one Toloka added). */
      quotaInterval?: string;
      outcome: "not-applied" | "unknown";
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = "TolokaError";
  }

  get fields() {
    return this.options.fields;
  }
  get requestId() {
    return this.options.requestId;
  }
  get retryAfterSeconds() {
    return this.options.retryAfterSeconds;
  }
  get outcome() {
    return this.options.outcome;
  }
  get quotaInterval() {
    return this.options.quotaInterval;
  }
  /**
   * A quota that does not clear in a moment: an hour's or a day's. Retrying would only spend calls (and, for a
   * send, could not succeed before it resets), so nothing retries it; the person is told which one and when.
   */
  get isLongQuota() {
    return this.status === 429 && (this.options.quotaInterval === "HOUR" || this.options.quotaInterval === "DAY");
  }
  /**
   * Toloka answered 2xx but the body could not be read: the write was done. Callers re-read what it changed
   * rather than report a failure (or, worse, try it again).
   */
  get answeredOk() {
    return this.status >= 200 && this.status < 300;
  }
  get isNetwork() {
    return this.status === 0;
  }
}

/**
 * When a quota Toloka named resets, as far as the evidence goes: the next full hour, or the next midnight UTC
 * (Toloka counts its days in UTC, as the SDK's dates are). Undefined for a quota that clears in a moment.
 */
export function quotaResetsAt(interval: string | undefined, now = Date.now()): Date | undefined {
  if (interval === "HOUR") return new Date(Math.floor(now / 3_600_000) * 3_600_000 + 3_600_000);
  if (interval === "DAY") return new Date(Math.floor(now / 86_400_000) * 86_400_000 + 86_400_000);
  return undefined;
}

/** "Toloka's daily quota is used up; it resets at 00:00 UTC": a long quota in words, for a person. */
export function longQuotaMessage(error: TolokaError, now = Date.now()): string {
  const at = quotaResetsAt(error.quotaInterval, now);
  const which = error.quotaInterval === "DAY" ? "daily" : "hourly";
  const when = at ? ` It resets at ${at.toISOString().slice(11, 16)} UTC${error.quotaInterval === "DAY" ? " (midnight)" : ""}.` : "";
  return `Toloka's ${which} quota for this is used up (${error.message}).${when}`;
}
