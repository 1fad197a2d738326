import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackUrl } from "./callback-url";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackUrl", () => {
  // Every form we know browsers follow off-site, or that is no path of ours at all.
  const refused = [
    "//evil.example",
    "//evil.example/messages/inbox",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/.//evil.example",
    "/%2e//evil.example",
    "///evil.example",
    "https://evil.example/messages/inbox",
    "http://evil.example",
    "https:evil.example",
    "http:/\\evil.example",
    "http://localhost:3000@evil.example/",
    "http://user:pass@localhost:3000/messages/inbox",
    "https://localhost:3000/messages/inbox",
    "http://localhost:3001/messages/inbox",
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "mailto:someone@evil.example",
    "",
    "x".repeat(2001),
  ];
  it.each(refused.map((v) => [JSON.stringify(v), v]))("refuses %s", (_, value) => {
    const out = safeCallbackUrl(value, ORIGIN);
    expect(out).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("refuses what is no string, and takes the first of several", () => {
    expect(safeCallbackUrl(undefined, ORIGIN)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackUrl(42, ORIGIN)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackUrl(["//evil.example", "/messages/sent"], ORIGIN)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackUrl(["/messages/sent", "//evil.example"], ORIGIN)).toBe("/messages/sent");
  });

  it("keeps a path of the app's own, with its query and hash", () => {
    expect(safeCallbackUrl("/messages/sent", ORIGIN)).toBe("/messages/sent");
    expect(safeCallbackUrl("/messages/inbox?q=bonus&thread=abc#m2", ORIGIN)).toBe("/messages/inbox?q=bonus&thread=abc#m2");
    expect(safeCallbackUrl("/settings", ORIGIN)).toBe("/settings");
    // An absolute URL to the app itself (next-auth hands its callback URLs over this way) becomes its path.
    expect(safeCallbackUrl("http://localhost:3000/activity", ORIGIN)).toBe("/activity");
    // A relative path resolves against the app's root.
    expect(safeCallbackUrl("messages/users", ORIGIN)).toBe("/messages/users");
  });

  it("whatever it answers, a browser resolves it to the app's own origin", () => {
    for (const value of [...refused, "/messages/sent", "/a//b", "/%5cevil.example", "/%2F%2Fevil.example"]) {
      const out = safeCallbackUrl(value, ORIGIN);
      expect(new URL(out, ORIGIN).origin, JSON.stringify(value)).toBe(ORIGIN);
      expect(out.startsWith("/") && !out.startsWith("//") && !out.startsWith("/\\"), JSON.stringify(value)).toBe(true);
    }
  });
});
