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
  get isNetwork() {
    return this.status === 0;
  }
}
