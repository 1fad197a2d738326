import { describe, expect, it } from "vitest";
import { generateLinkToken, generatePassword, hashLinkToken, hashPassword, needsRehash, passwordProblem, SCRYPT_PARAMS, verifyPassword } from "./password";

describe("passwords", () => {
  it("hashes with scrypt, its parameters and a per-password salt, and verifies", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$${SCRYPT_PARAMS.r}\\$${SCRYPT_PARAMS.p}\\$[\\w-]{22}\\$[\\w-]{86}$`));
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it("refuses without a hash, a malformed hash, or absurd parameters, doing the work anyway", async () => {
    expect(await verifyPassword("x", null)).toBe(false);
    expect(await verifyPassword("x", "plain")).toBe(false);
    expect(await verifyPassword("x", `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAAAAAAAAAAAA$${"A".repeat(86)}`)).toBe(false);
    const started = Date.now();
    await verifyPassword("x", null);
    expect(Date.now() - started).toBeGreaterThan(20);
  });

  it("asks for a rehash of weaker hashes", () => {
    expect(needsRehash(`scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$${"A".repeat(86)}`)).toBe(true);
    expect(needsRehash("nonsense")).toBe(true);
  });

  it("explains what is wrong with a weak password", () => {
    expect(passwordProblem("short")).toMatch(/at least 12/);
    expect(passwordProblem("aaaaaaaaaaaaaaaa")).toMatch(/repeat/);
    expect(passwordProblem("margaret-1234567", { email: "margaret@example.com" })).toMatch(/email/);
    expect(passwordProblem("a good long passphrase")).toBeNull();
  });

  it("makes temporary passwords and link tokens that are not reused", () => {
    const p = generatePassword();
    expect(p).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
    expect(passwordProblem(p)).toBeNull();
    expect(generatePassword()).not.toBe(p);
    const { token, hash } = generateLinkToken();
    expect(token).toHaveLength(43);
    expect(hashLinkToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
  });
});
