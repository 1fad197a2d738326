import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App, type Handler } from "./harness";

/*
 * "Test connection" (POST /api/settings/connection/test) against what may really sit at an address an admin
 * types: Toloka (the test emulator) refusing the key, and a tiny web server of the test's own that answers
 * HTML error pages, a page with status 200, and a JSON error whose message is huge and quotes keys. The page
 * shows Toloka's code and a short, redacted sentence: never the body, never a key.
 */

let app: App;
let admin: string;
let route: { POST: Handler };
let web: http.Server;
let webUrl: string;
let closedUrl: string;

const KEY = "proposed-key-7f3a9c2e5b8d1f4a6c0e";
const OTHER_KEY = "AQAAAAAb3dF9kLmNoPqRsTuVwXyZ012345";
const MARKER = "PAGE-BODY-MARKER";
const PAGE = `<!DOCTYPE html><html><head><title>Error</title></head><body><h1>${MARKER}</h1>${"<p>Something went wrong.</p>".repeat(200)}</body></html>`;

beforeAll(async () => {
  app = await startApp();
  admin = await app.member("admin");
  route = (await import("@/app/api/settings/connection/test/route")) as { POST: Handler };
  web = http.createServer((req, res) => {
    const kind = (req.url ?? "").split("/")[1];
    if (kind === "html404" || kind === "html500" || kind === "html200") {
      res.writeHead(Number(kind.slice(4)), { "content-type": "text/html; charset=utf-8" });
      res.end(PAGE);
    } else if (kind === "text200") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(MARKER);
    } else {
      res.writeHead(403, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          request_id: "r",
          code: "ACCESS_DENIED",
          message: `Key ${KEY} may not do this; nor may ${OTHER_KEY}. ${"More details follow. ".repeat(500)}`,
        }),
      );
    }
  });
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  // A port nothing listens on: one a server had a moment ago.
  const gone = http.createServer();
  await new Promise<void>((resolve) => gone.listen(0, "127.0.0.1", resolve));
  closedUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/api/v1`;
  await new Promise((resolve) => gone.close(resolve));
});

afterAll(async () => {
  web?.close();
  await app?.close();
});

async function testConnection(customUrl: string, token = KEY) {
  const res = await route.POST(
    await app.request(admin, "/api/settings/connection/test", { method: "POST", body: { environment: "custom", customUrl, token } }),
  );
  expect(res.status).toBe(200);
  const result = await res.json();
  expect(result.ok).toBe(false);
  expect(result.message.length).toBeLessThanOrEqual(200);
  expect(result.message).not.toContain(token);
  return result as { status: number; code?: string; message: string };
}

describe("POST /api/settings/connection/test, when the connection fails", () => {
  it("a key Toloka rejects: 401 with Toloka's code and message", async () => {
    const result = await testConnection(app.server.url, "wrong-key-0123456789");
    expect(result).toMatchObject({ status: 401, code: "AUTHENTICATION_ERROR" });
    expect(result.message).toMatch(/^Toloka answered 401 AUTHENTICATION_ERROR: Missing or unknown credential/);
  });

  it("a refusal whose message is huge and quotes keys: its code, a sentence of it, the keys redacted", async () => {
    const result = await testConnection(`${webUrl}/forbidden/api/v1`);
    expect(result).toMatchObject({ status: 403, code: "ACCESS_DENIED" });
    expect(result.message).toMatch(/^Toloka answered 403 ACCESS_DENIED: Key \[redacted\] may not do this; nor may \[redacted\]\. More details follow\./);
    expect(result.message).not.toContain(OTHER_KEY);
    expect(result.message).toMatch(/…$/);
  });

  for (const status of [404, 500]) {
    it(`an address that answers an HTML ${status} page: the status, and that it is a page, not the page`, async () => {
      const result = await testConnection(`${webUrl}/html${status}/api/v1`);
      expect(result).toMatchObject({ status, code: `HTTP_${status}` });
      expect(result.message).toBe(
        `Toloka answered ${status} HTTP_${status}: The answer is an HTML page, not Toloka's JSON. Check the address: Toloka's API ends in /api/v1.`,
      );
    });
  }

  it("an address that answers 200 with something not JSON: answered, not unreachable, and nothing of the body", async () => {
    const page = await testConnection(`${webUrl}/html200/api/v1`);
    expect(page).toMatchObject({ status: 200, code: "UNEXPECTED_RESPONSE" });
    expect(page.message).toBe(
      "Toloka answered 200 UNEXPECTED_RESPONSE: The answer is an HTML page, not Toloka's JSON. Check the address: Toloka's API ends in /api/v1.",
    );
    const text = await testConnection(`${webUrl}/text200/api/v1`);
    expect(text).toMatchObject({ status: 200, code: "UNEXPECTED_RESPONSE" });
    expect(text.message).toMatch(/The answer is a text\/plain body, not Toloka's JSON/);
    expect(text.message).not.toContain(MARKER);
  });

  it("an address nothing answers at: status 0 and why", async () => {
    const result = await testConnection(closedUrl);
    expect(result).toMatchObject({ status: 0, code: "NETWORK_ERROR" });
    expect(result.message).toMatch(/^Toloka could not be reached: .*ECONNREFUSED/);
  });
});
