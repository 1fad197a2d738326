import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSqliteStore, type Store } from "@/lib/db";
import { SignInLimiter } from "./rate-limit";

const limits = { perAccount: { failures: 3, windowSeconds: 60 }, perAddress: { failures: 5, windowSeconds: 60 } };
const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});
function store(file = ":memory:"): Store {
  const s = createSqliteStore(file);
  opened.push(s);
  return s;
}

describe.each([
  ["in memory", () => new SignInLimiter(limits)],
  ["in app.sqlite", () => new SignInLimiter(limits, store().connection)],
])("sign-in limiter, %s", (_, limiter) => {
  it("refuses an account after its failures, from any address, with how long to wait", async () => {
    const l = limiter();
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
    const l = limiter();
    for (let i = 0; i < 5; i++) await l.failed(`user${i}@x`, "10.1.1.1");
    expect(await l.check("new@x", "10.1.1.1")).toMatchObject({ allowed: false, by: "address" });
    expect(await l.check("new@x", "10.1.1.2")).toEqual({ allowed: true });
    expect(await l.check("new@x", null)).toEqual({ allowed: true });
  });

  it("forgets an account's failures once it signs in", async () => {
    const l = limiter();
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

describe("sign-in limiter in app.sqlite", () => {
  it("still refuses an account after the server restarts", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "limits-")), "app.sqlite");
    const before = new SignInLimiter(limits, store(file).connection);
    for (let i = 0; i < 3; i++) await before.failed("a@x", "10.0.0.1");
    expect(await before.check("a@x", "10.0.0.2")).toMatchObject({ allowed: false, by: "account" });
    for (const s of opened.splice(0)) s.close();

    const after = new SignInLimiter(limits, store(file).connection);
    const verdict = await after.check("a@x", "10.0.0.3");
    expect(verdict).toMatchObject({ allowed: false, by: "account" });
    expect(verdict.allowed === false && verdict.retryAfterSeconds).toBeGreaterThan(50);
    expect(await after.check("b@x", "10.0.0.3")).toEqual({ allowed: true });
    await after.succeeded("a@x");
    expect(await after.check("a@x", "10.0.0.3")).toEqual({ allowed: true });
  });
});
