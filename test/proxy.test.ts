import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";

/* proxy.ts: the pages' security headers, and the early redirect without a session cookie. */

let proxy: (req: NextRequest) => Response;

beforeAll(async () => {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "tm-proxy-"));
  proxy = (await import("@/proxy")).proxy;
});

const csp = (res: Response) => res.headers.get("content-security-policy") ?? "";

describe("proxy", () => {
  it("gives each page a CSP with its own nonce and no framing, and no HSTS over plain HTTP", () => {
    const a = proxy(new NextRequest("http://localhost/sign-in"));
    const b = proxy(new NextRequest("http://localhost/sign-in"));
    expect(csp(a)).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp(a)).toContain("frame-ancestors 'none'");
    expect(csp(a)).not.toBe(csp(b));
    expect(a.headers.get("strict-transport-security")).toBeNull();
    // Next reads the nonce from the request's CSP header to put it on its own scripts.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp(a));
  });

  it("adds HSTS when NEXTAUTH_URL is https://, and never because a client says X-Forwarded-Proto: https", async () => {
    const { resetConfigForTests } = await import("@/lib/config");
    // Over plain HTTP a client claiming HTTPS gets no HSTS (it would pin a host that cannot serve it).
    const claimed = proxy(new NextRequest("http://localhost/sign-in", { headers: { "x-forwarded-proto": "https" } }));
    expect(claimed.headers.get("strict-transport-security")).toBeNull();
    expect(csp(claimed)).not.toContain("upgrade-insecure-requests");
    process.env.NEXTAUTH_URL = "https://messages.intranet.example";
    resetConfigForTests();
    try {
      // Behind HTTPS every page has it, whatever the proxy or client says.
      for (const headers of [{}, { "x-forwarded-proto": "http" }] as Record<string, string>[]) {
        const res = proxy(new NextRequest("http://localhost/sign-in", { headers }));
        expect(res.headers.get("strict-transport-security") ?? "").toMatch(/^max-age=\d{8}; includeSubDomains$/);
        expect(csp(res)).toContain("upgrade-insecure-requests");
      }
    } finally {
      delete process.env.NEXTAUTH_URL;
      resetConfigForTests();
    }
  });

  it("sends a visitor without a session cookie to the sign-in page, keeping where they were going", () => {
    const res = proxy(new NextRequest("http://localhost/settings/team?x=1"));
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://localhost/sign-in?callbackUrl=%2Fsettings%2Fteam%3Fx%3D1");
    expect(csp(res)).toContain("frame-ancestors 'none'");
    const signedIn = proxy(new NextRequest("http://localhost/activity", { headers: { cookie: "next-auth.session-token=abc" } }));
    expect(signedIn.headers.get("location")).toBeNull();
    expect(proxy(new NextRequest("http://localhost/setup")).headers.get("location")).toBeNull();
  });

  it("lets a visitor without a session fetch the favicon, the icons and the manifest (the sign-in page links them)", async () => {
    const { config } = await import("@/proxy");
    // The matcher keeps the proxy off /favicon.ico altogether; the rest pass through it without a redirect.
    expect(config.matcher.some((m) => new RegExp(`^${m}$`).test("/favicon.ico"))).toBe(false);
    const files = fs.readdirSync(path.resolve(__dirname, "..", "public"));
    expect(files).toEqual(expect.arrayContaining(["favicon.ico", "manifest.webmanifest", "icon.svg", "icon-192.png", "icon-512.png", "apple-touch-icon.png"]));
    for (const file of files) {
      const res = proxy(new NextRequest(`http://localhost/${file}`));
      expect(res.status, file).toBe(200);
      expect(res.headers.get("location"), file).toBeNull();
    }
  });
});
