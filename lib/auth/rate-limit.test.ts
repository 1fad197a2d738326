import { describe, expect, it } from "vitest";
import { SignInLimiter } from "./rate-limit";

describe("sign-in limiter", () => {
  const limits = { perAccount: { failures: 3, windowSeconds: 60 }, perAddress: { failures: 5, windowSeconds: 60 } };

  it("refuses an account after its failures, from any address, with how long to wait", async () => {
    const l = new SignInLimiter(limits);
    for (let i = 0; i < 3; i++) {
      expect(await l.check("a@x", `10.0.0.${i}`)).toEqual({ allowed: true });
      await l.failed("a@x", `10.0.0.${i}`);
    }
    const verdict = await l.check("a@x", "10.9.9.9");
    expect(verdict).toMatchObject({ allowed: false, by: "account" });
    expect(verdict.allowed === false && verdict.retryAfterSeconds).toBeGreaterThan(50);
    expect(await l.check("b@x", "10.9.9.9")).toEqual({ allowed: true });
  });

  it("refuses an address after failures across accounts", async () => {
    const l = new SignInLimiter(limits);
    for (let i = 0; i < 5; i++) await l.failed(`user${i}@x`, "10.1.1.1");
    expect(await l.check("new@x", "10.1.1.1")).toMatchObject({ allowed: false, by: "address" });
    expect(await l.check("new@x", "10.1.1.2")).toEqual({ allowed: true });
    expect(await l.check("new@x", null)).toEqual({ allowed: true });
  });

  it("forgets an account's failures once it signs in", async () => {
    const l = new SignInLimiter(limits);
    await l.failed("a@x", null);
    await l.failed("a@x", null);
    await l.succeeded("a@x");
    await l.failed("a@x", null);
    await l.failed("a@x", null);
    expect(await l.check("a@x", null)).toEqual({ allowed: true });
    // Many failures past the limit are counted without throwing.
    for (let i = 0; i < 10; i++) await l.failed("a@x", null);
    expect((await l.check("a@x", null)).allowed).toBe(false);
  });
});
