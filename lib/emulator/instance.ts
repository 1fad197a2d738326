import "server-only";
import { getConfig } from "../config";
import { createEmulator, type Emulator } from "./emulator";

// Next bundles each route separately, so a module-level variable would give every route its own emulator
// (and its own SQLite connection and liveness timers); the process-wide singleton lives on globalThis.
const globalForEmulator = globalThis as unknown as { __tolokaMessagesEmulator?: Emulator | null };

/**
 * The process-wide emulator, created on first use from the configuration; null when Toloka credentials
 * are configured (the emulator is then disabled and its routes answer 404).
 */
export function getEmulator(): Emulator | null {
  if (globalForEmulator.__tolokaMessagesEmulator !== undefined) return globalForEmulator.__tolokaMessagesEmulator;
  const { emulator: config } = getConfig();
  globalForEmulator.__tolokaMessagesEmulator = config.enabled
    ? createEmulator({ dbPath: config.dbPath, token: config.token, liveness: config.liveness, seed: config.seed })
    : null;
  return globalForEmulator.__tolokaMessagesEmulator;
}

/** The 404 the emulator's routes give when it is disabled, in Toloka's error shape. */
export function emulatorDisabledResponse(): Response {
  return Response.json(
    {
      request_id: crypto.randomUUID(),
      code: "DOES_NOT_EXIST",
      message: "The emulator is disabled because Toloka credentials are configured",
    },
    { status: 404 },
  );
}
