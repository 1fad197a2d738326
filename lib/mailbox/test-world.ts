import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSqliteStore, type Store } from "@/lib/db";
import { startEmulatorServer, type EmulatorServer } from "@/lib/emulator/node-server";
import type { EmulatorOptions } from "@/lib/emulator/emulator";
import { TolokaClient } from "@/lib/toloka/client";
import { Mailbox, type MailboxOptions } from "./service";

export const TEST_TOKEN = "test-token-mailbox-0123456789";

export interface World {
  server: EmulatorServer;
  client: TolokaClient;
  store: Store;
  mailbox: Mailbox;
  /** The app store's file (the mirror is beside it). */
  appFile: string;
  close(): Promise<void>;
}

/**
 * For tests (not a test file): the demo emulator on a random port over real HTTP, a client with a short
 * timeout, and a mailbox over a fresh store. Faults are set on `server.emulator.faults`.
 */
export async function startWorld(
  opts: { mailbox?: MailboxOptions; timeoutMs?: number; seed?: boolean; varietyRates?: EmulatorOptions["varietyRates"] } = {},
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
  const mailbox = new Mailbox(store, client, opts.mailbox);
  return {
    server,
    client,
    store,
    mailbox,
    appFile,
    async close() {
      await mailbox.stop();
      store.close();
      await server.close();
    },
  };
}
