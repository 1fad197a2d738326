import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RouteInputSchemas } from "@/lib/api/route";
import type { EmulatorServer } from "@/lib/emulator/node-server";
import type { Role } from "@/lib/schemas/roles";
import { expect } from "vitest";
import { apiErrorBodySchema } from "@/lib/schemas/error";
import { sessionCookie } from "./session";

/**
 * For route tests (not a test file): the app in emulator mode over a fresh DATA_DIR, its emulator address
 * pointed at a test emulator served over HTTP, and helpers that make team members and signed-in requests.
 * Import the app's modules only after `startApp()`: they read the configuration on first use.
 */

export const TEST_TOKEN = "harness-test-token-0123456789";
/** One hash for every made-up member: hashing is deliberately slow. The password is TEST_PASSWORD. */
export const TEST_PASSWORD = "a harness passphrase";

export type Handler = ((req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  spec?: { role: Role | "public"; permission?: string; activity?: string; input?: RouteInputSchemas };
};

const API_DIR = path.resolve(__dirname, "../app/api");
const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route file under app/api, its path turned into `/api/...` with `[param]` segments. */
export function discoverRoutes(): { route: string; file: string }[] {
  const out: { route: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") out.push({ route: `/api/${path.relative(API_DIR, dir).split(path.sep).join("/")}`, file: full });
    }
  };
  walk(API_DIR);
  return out.sort((a, b) => a.route.localeCompare(b.route));
}

/** Every handler of every route, keyed "METHOD /api/...". Call after `startApp()`. */
export async function loadHandlers(): Promise<Map<string, Handler>> {
  const handlers = new Map<string, Handler>();
  for (const { route, file } of discoverRoutes()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of ROUTE_METHODS) if (typeof mod[method] === "function") handlers.set(`${method} ${route}`, mod[method] as Handler);
  }
  return handlers;
}

export interface App {
  server: EmulatorServer;
  dataDir: string;
  secret: string;
  /** A thread a Toloker started, which the requester may answer. */
  question: { id: string };
  /** Makes a team member (demo ones by default, as a demo admin would) and returns their id. */
  member(role: Role, opts?: { demo?: boolean; email?: string; name?: string }): Promise<string>;
  /** A request signed in as the member (with their current session version), or anonymous with null. */
  request(userId: string | null, url: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Request>;
  close(): Promise<void>;
}

let hash: Promise<string> | undefined;
let seq = 0;

export async function startApp(): Promise<App> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tm-app-"));
  const { startEmulatorServer } = await import("@/lib/emulator/node-server");
  const server = await startEmulatorServer({ dbPath: path.join(dir, "emulator.sqlite"), token: TEST_TOKEN, seed: true });
  const tolokerId = server.emulator.store.listTolokers(1, 0).items[0].id;
  const question = server.emulator.store.tolokerWritesFirst({ tolokerId, topic: { EN: "Payment missing" }, text: { EN: "Where is my payment?" } });
  process.env.DATA_DIR = path.join(dir, "app");
  process.env.PORT = new URL(server.url).port;
  process.env.EMULATOR_TOKEN = TEST_TOKEN;
  process.env.EMULATOR_LIVENESS = "off";
  const { getConfig } = await import("@/lib/config");
  const { getStore } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/auth/password");
  const secret = getConfig().auth.secret;
  return {
    server,
    dataDir: process.env.DATA_DIR,
    secret,
    question,
    async member(role, opts = {}) {
      const n = ++seq;
      const id = `t-${role}-${n}`;
      hash ??= hashPassword(TEST_PASSWORD);
      getStore().users.create({
        id,
        email: opts.email ?? `${role}${n}@team.example`,
        name: opts.name ?? `${role[0].toUpperCase()}${role.slice(1)} ${n}`,
        role,
        passwordHash: await hash,
        demo: opts.demo ?? true,
      });
      return id;
    },
    async request(userId, url, init = {}) {
      const headers = new Headers(init.headers);
      if (userId) {
        const u = getStore().users.get(userId);
        headers.set("cookie", await sessionCookie(userId, secret, { sv: u?.sessionVersion ?? 1 }));
      }
      if (init.body !== undefined) headers.set("content-type", "application/json");
      return new Request(`http://localhost${url}`, {
        method: init.method ?? "GET",
        headers,
        body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      });
    },
    async close() {
      const { services } = await import("@/lib/services");
      await services().stop();
      await server.close();
    },
  };
}

export const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

/** The answer is an error of this status in the envelope, naming `field` when given; returns its body. */
export async function expectError(res: Response, status: number, field?: string) {
  expect(res.status).toBe(status);
  const body = apiErrorBodySchema.parse(await res.json());
  if (field) expect(Object.keys(body.error.fields ?? {})).toContain(field);
  return body;
}
