import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./security-headers";

describe("the pages' Content-Security-Policy", () => {
  it("allows only our nonce'd scripts, no eval in production, and no framing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", dev: false, https: false });
    const d = Object.fromEntries(csp.split("; ").map((x) => [x.split(" ")[0], x.split(" ").slice(1)]));
    expect(d["script-src"]).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(csp).not.toContain("unsafe-eval");
    expect(d["script-src"]).not.toContain("'unsafe-inline'");
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["upgrade-insecure-requests"]).toBeUndefined();
    expect(contentSecurityPolicy({ nonce: "abc", dev: true, https: true })).toMatch(/'unsafe-eval'.*upgrade-insecure-requests$/);
  });

  it("makes a new nonce each time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});
