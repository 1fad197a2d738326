import { describe, expect, it } from "vitest";
import { TolokaError } from "@/lib/toloka/errors";
import { refusal } from "./service";

const refused = (status: number, code: string, message: string, extra: { quotaInterval?: string; fields?: Record<string, string> } = {}) =>
  new TolokaError(status, code, message, { outcome: "not-applied", ...extra });

describe("refusal", () => {
  it("says in words that no Toloker matches a filter, keeps Toloka's code apart, and offers no retry", () => {
    const r = refusal(refused(400, "INCORRECT_RECIPIENTS", "No Toloker matches recipients_filter"), "FILTER");
    expect(r).toEqual({ error: expect.stringMatching(/^No Toloker matches this filter/), code: "400 INCORRECT_RECIPIENTS", retryable: false });
    expect(r.error).not.toMatch(/INCORRECT_RECIPIENTS|400/);
  });

  it("names unknown ids of a send by id, and a send to all that reaches no one", () => {
    const ids = refusal(refused(400, "INCORRECT_RECIPIENTS", "Unknown Toloker ids", { fields: { recipients_ids: "abc" } }), "DIRECT");
    expect(ids).toMatchObject({
      retryable: false,
      error: expect.stringMatching(/does not know some of these Toloker ids \(Unknown Toloker ids\) \(recipients_ids: abc\)/),
    });
    expect(refusal(refused(400, "INCORRECT_RECIPIENTS", "none"), "ALL").error).toMatch(/No Toloker has done your tasks yet/);
  });

  it("a daily or hourly quota cannot be retried; a per-second 429 and a rejected key can", () => {
    const day = refusal(refused(429, "TOO_MANY_REQUESTS", "at most 1 a day", { quotaInterval: "DAY" }), "ALL");
    expect(day).toMatchObject({ retryable: false, code: "429 TOO_MANY_REQUESTS", error: expect.stringMatching(/daily quota .*used up.*00:00 UTC/) });
    expect(refusal(refused(429, "TOO_MANY_REQUESTS", "x", { quotaInterval: "HOUR" }), "DIRECT")).toMatchObject({ retryable: false });
    expect(refusal(refused(429, "TOO_MANY_REQUESTS", "x"), "DIRECT")).toMatchObject({ retryable: true });
    expect(refusal(refused(401, "AUTHENTICATION_ERROR", "x"), "DIRECT")).toMatchObject({ retryable: true });
    expect(refusal(refused(400, "VALIDATION_ERROR", "topic too long"), "DIRECT")).toMatchObject({
      retryable: false,
      error: "Toloka refused the message: topic too long",
    });
  });
});
