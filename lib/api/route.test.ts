import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { sessionCookie } from "@/test/session";
import { TolokaError } from "@/lib/toloka/errors";
import { ApiError } from "./errors";
import { apiRoute } from "./route";

beforeAll(() => {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "tm-route-"));
});

async function cookieFor(userId: string): Promise<string> {
  return sessionCookie(userId, getConfig().auth.secret);
}

function request(url: string, init: RequestInit & { cookie?: string } = {}): Request {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  return new Request(`http://localhost${url}`, { ...init, headers });
}

const echo = apiRoute(
  {
    role: "sender",
    query: z.object({ limit: z.coerce.number().int().max(10) }),
    body: z.object({ text: z.string().min(1) }),
    response: z.object({ text: z.string(), limit: z.number(), by: z.string() }),
  },
  async ({ query, body, user }) => ({ text: body.text, limit: query.limit, by: user.email }),
);

const post = (init: { cookie?: string; body?: string; contentType?: string; url?: string }) =>
  echo(
    request(init.url ?? "/api/echo?limit=3", {
      method: "POST",
      cookie: init.cookie,
      body: init.body ?? JSON.stringify({ text: "hi" }),
      headers: { "content-type": init.contentType ?? "application/json" },
    }),
  );

describe("apiRoute", () => {
  it("answers 401 in the envelope without a session", async () => {
    const res = await post({});
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "Sign in to continue." } });
  });

  it("answers 401 for a forged or foreign cookie", async () => {
    const forged = await sessionCookie("demo-admin", "another-secret-entirely-0123456789");
    const res = await post({ cookie: forged });
    expect(res.status).toBe(401);
  });

  it("answers 401 for a session of an account that no longer exists", async () => {
    const res = await post({ cookie: await cookieFor("someone-removed") });
    expect(res.status).toBe(401);
  });

  it("answers 403 when the role is too weak, naming both roles", async () => {
    const res = await post({ cookie: await cookieFor("demo-viewer") });
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe("FORBIDDEN");
    expect(body.error.message).toContain("sender");
    expect(body.error.message).toContain("viewer");
  });

  it("lets a stronger role through and validates the response", async () => {
    for (const user of ["demo-sender", "demo-admin"]) {
      const res = await post({ cookie: await cookieFor(user) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ text: "hi", limit: 3, by: `${user.replace("demo-", "")}@demo.local` });
    }
  });

  it("answers 400 naming the query field", async () => {
    const res = await post({ cookie: await cookieFor("demo-admin"), url: "/api/echo?limit=99" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(Object.keys(body.error.fields)).toEqual(["limit"]);
    expect(body.error.message).toMatch(/^Invalid limit: /);
  });

  it("answers 400 naming the body field", async () => {
    const res = await post({ cookie: await cookieFor("demo-admin"), body: JSON.stringify({ text: "" }) });
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.fields)).toEqual(["text"]);
  });

  it("answers 400 for a body that is not JSON, or not declared as JSON", async () => {
    const cookie = await cookieFor("demo-admin");
    const broken = await post({ cookie, body: "{not json" });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.fields).toEqual({ body: "is not valid JSON" });
    const wrongType = await post({ cookie, contentType: "text/plain" });
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).error.fields.body).toMatch(/JSON/);
  });

  it("keeps internals out of a 500 when the handler breaks its own response schema", async () => {
    const broken = apiRoute({ role: "viewer", response: z.object({ n: z.number() }) }, async () => ({ n: "secret-detail" }) as never);
    const res = await broken(request("/api/x", { cookie: await cookieFor("demo-viewer") }));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret-detail");
    expect(JSON.parse(text).error.code).toBe("INTERNAL");
  });

  it("passes ApiError through with its status, and Retry-After on 429", async () => {
    const limited = apiRoute({ role: "viewer", response: z.object({}) }, async () => {
      throw new ApiError("RATE_LIMITED", "Slow down.", undefined, 7);
    });
    const res = await limited(request("/api/x", { cookie: await cookieFor("demo-viewer") }));
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("7");
  });

  it("maps Toloka's rejection of the key to 503 saying so, never forwarding Toloka's body", async () => {
    const upstream = apiRoute({ role: "viewer", response: z.object({}) }, async () => {
      throw new TolokaError(401, "AUTHENTICATION_ERROR", "raw upstream text", { outcome: "not-applied" });
    });
    const res = await upstream(request("/api/x", { cookie: await cookieFor("demo-viewer") }));
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.error.code).toBe("NOT_CONFIGURED");
    expect(body.error.message).toMatch(/rejected the app's API key/);
    expect(JSON.stringify(body)).not.toContain("raw upstream text");
  });

  it("maps Toloka's 5xx and network failures to 502", async () => {
    for (const err of [new TolokaError(500, "INTERNAL_ERROR", "x", { outcome: "unknown" }), new TolokaError(0, "TIMEOUT", "x", { outcome: "unknown" })]) {
      const r = apiRoute({ role: "viewer", response: z.object({}) }, async () => {
        throw err;
      });
      const res = await r(request("/api/x", { cookie: await cookieFor("demo-viewer") }));
      expect(res.status).toBe(502);
      expect((await res.json()).error.code).toBe("UPSTREAM_FAILED");
    }
  });

  it("parses route params", async () => {
    const withParams = apiRoute(
      { role: "viewer", params: z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) }), response: z.object({ id: z.string() }) },
      async ({ params }) => ({ id: params.id }),
    );
    const cookie = await cookieFor("demo-viewer");
    const ok = await withParams(request("/api/t", { cookie }), { params: Promise.resolve({ id: "a".repeat(24) }) });
    expect(await ok.json()).toEqual({ id: "a".repeat(24) });
    const bad = await withParams(request("/api/t", { cookie }), { params: Promise.resolve({ id: "nope" }) });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(["id"]);
  });
});
