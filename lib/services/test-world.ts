import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSqliteStore } from "@/lib/db";
import { startEmulatorServer, type EmulatorServer } from "@/lib/emulator/node-server";
import type { EmulatorOptions } from "@/lib/emulator/emulator";
import { TolokaClient } from "@/lib/toloka/client";
import { buildServices, type ServiceOptions, type Services } from "./index";

export const TEST_TOKEN = "test-token-mailbox-0123456789";

export interface World extends Services {
  server: EmulatorServer;
  /** The app store's file (the mirror is beside it). */
  appFile: string;
  close(): Promise<void>;
}

/**
 * For tests (not a test file): the demo emulator on a random port over real HTTP, a client with a short
 * timeout, and the services over a fresh store (not started). Faults are set on `server.emulator.faults`.
 */
export async function startWorld(
  opts: { services?: ServiceOptions; timeoutMs?: number; seed?: boolean; varietyRates?: EmulatorOptions["varietyRates"] } = {},
): Promise<World> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tm-world-"));
  const server = await startEmulatorServer({
    dbPath: path.join(dir, "emulator.sqlite"),
    token: TEST_TOKEN,
    seed: opts.seed ?? true,
    ...(opts.varietyRates ? { varietyRates: opts.varietyRates } : {}),
  });
  const client = new TolokaClient({
    baseUrl: server.url,
    token: TEST_TOKEN,
    authScheme: "OAuth",
    timeoutMs: opts.timeoutMs ?? 2_000,
    retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 200 },
  });
  const appFile = path.join(dir, "app.sqlite");
  const store = createSqliteStore(appFile);
  // Not started: no timer syncs behind a test's back; a test resumes jobs itself (`jobs.resumeAll()`) when it means to.
  const app = buildServices(store, client, opts.services);
  return {
    ...app,
    server,
    appFile,
    async close() {
      await app.stop();
      store.close();
      await server.close();
    },
  };
}
