import { describe, expect, it } from "vitest";
import { maskToken, openToken, sealToken } from "./token-crypto";

const secret = "a-secret-of-the-app-0123456789";
const token = "AbCdEfGhIjKlMnOpQrStUvW.xyz.0123456789";

describe("token encryption", () => {
  it("seals with a fresh IV each time and opens with the same secret", () => {
    const a = sealToken(token, secret);
    const b = sealToken(token, secret);
    expect(a).not.toBe(b);
    expect(a).not.toContain(token);
    expect(Buffer.from(a.split(".")[3], "base64url").toString("utf8")).not.toContain("AbCd");
    expect(openToken(a, secret)).toBe(token);
  });

  it("refuses another secret, altered text and foreign formats", () => {
    const sealed = sealToken(token, secret);
    expect(openToken(sealed, "another-secret-0123456789")).toBeNull();
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3], "base64url");
    flipped[0] ^= 1;
    expect(openToken([...parts.slice(0, 3), flipped.toString("base64url")].join("."), secret)).toBeNull();
    expect(openToken("v2.a.b.c", secret)).toBeNull();
    expect(openToken("garbage", secret)).toBeNull();
  });

  it("masks to the last four characters, or nothing of a short token", () => {
    expect(maskToken(token)).toBe("••••6789");
    expect(maskToken("short-token")).toBe("••••");
  });
});
