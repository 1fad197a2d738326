import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorServer } from "@/lib/emulator/node-server";
import { sessionCookie } from "./session";

/*
 * TOLOKA_API_KEY given by the environment wins over the settings page, and the page says so. With a real
 * Toloka there is no demo: the demo accounts do not exist and the team needs its first admin.
 */

const KEY = "env-given-key-for-this-test-0123456789";
let server: EmulatorServer;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tm-env-"));
  const { startEmulatorServer } = await import("@/lib/emulator/node-server");
  server = await startEmulatorServer({ dbPath: path.join(dir, "emulator.sqlite"), token: KEY, seed: false });
  Object.assign(process.env, {
    DATA_DIR: path.join(dir, "app"),
    TOLOKA_API_KEY: KEY,
    TOLOKA_API_URL: server.url,
    NEXTAUTH_SECRET: "an-env-secret-0123456789abcdef",
  });
});

afterAll(async () => {
  for (const k of ["TOLOKA_API_KEY", "TOLOKA_API_URL", "NEXTAUTH_SECRET"]) delete process.env[k];
  await server?.close();
});

describe("a key from the environment", () => {
  it("wins over the page, which shows it masked and refuses changes; there is no demo", async () => {
    const { getStore } = await import("@/lib/db");
    const { syncDemoAccounts, isDemoMode, demoAccountsForDisplay } = await import("@/lib/auth/users");
    const { needsSetup } = await import("@/lib/auth/setup");
    await syncDemoAccounts();
    expect(isDemoMode()).toBe(false);
    expect(demoAccountsForDisplay()).toEqual([]);
    expect(getStore().users.get("demo-admin")).toBeNull();
    expect(needsSetup()).toBe(true);

    getStore().users.create({ id: "boss", email: "boss@team.example", name: "Boss", role: "admin" });
    const cookie = await sessionCookie("boss", "an-env-secret-0123456789abcdef");
    const route = await import("@/app/api/settings/connection/route");
    const got = await route.GET(new Request("http://localhost/api/settings/connection", { headers: { cookie } }));
    const body = await got.json();
    expect(body).toMatchObject({
      source: "environment",
      lockedByEnvironment: true,
      environment: "custom",
      baseUrl: server.url,
      secretGenerated: false,
      demoMode: false,
    });
    expect(body.token.masked).toBe(`••••${KEY.slice(-4)}`);
    expect(JSON.stringify(body)).not.toContain(KEY);

    const put = await route.PUT(
      new Request("http://localhost/api/settings/connection", {
        method: "PUT",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ environment: "emulator" }),
      }),
    );
    expect(put.status).toBe(409);
    expect((await put.json()).error.message).toMatch(/TOLOKA_API_KEY is set in the server's environment/);

    const test = await import("@/app/api/settings/connection/test/route");
    const res = await test.POST(new Request("http://localhost/api/settings/connection/test", { method: "POST", headers: { cookie } }));
    expect(await res.json()).toMatchObject({ ok: true, status: 200, baseUrl: server.url });

    const { getEmulator } = await import("@/lib/emulator/instance");
    expect(getEmulator()).toBeNull();
  });
});
