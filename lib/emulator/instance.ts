import "server-only";
import { getConfig } from "../config";
import { getConnection } from "../toloka/connection";
import { createEmulator, type Emulator } from "./emulator";
import { processSlot } from "../process-slot";

// One emulator for the process (one SQLite connection, one set of liveness timers), whatever bundle asks.
const emulatorSlot = processSlot<Emulator>("emulator");

/**
 * The process-wide emulator, created on first use; null when the app is connected to a real Toloka (by
 * TOLOKA_API_KEY or on the settings page): the emulator is then closed and its routes answer 404.
 */
export function getEmulator(): Emulator | null {
  if (getConnection().mode !== "emulator") {
    emulatorSlot.get()?.close();
    emulatorSlot.clear();
    return null;
  }
  const held = emulatorSlot.get();
  if (held) return held;
  const { emulator: config } = getConfig();
  return emulatorSlot.set(
    createEmulator({
      dbPath: config.dbPath,
      token: config.token,
      liveness: config.liveness,
      seed: config.seed,
      // EMULATOR_VARIETY; the seed comes from EMULATOR_VARIETY_SEED when set, else a logged random one.
      variety: config.variety,
    }),
  );
}

/** Closes the emulator when the app is no longer on it (after the connection changed); opens nothing. */
export function closeEmulatorUnlessInForce(): void {
  if (getConnection().mode !== "emulator") getEmulator();
}

/** The 404 the emulator's routes give when it is disabled, in Toloka's error shape. */
export function emulatorDisabledResponse(): Response {
  return Response.json(
    {
      request_id: crypto.randomUUID(),
      code: "DOES_NOT_EXIST",
      message: "The emulator is disabled because the app is connected to a real Toloka",
    },
    { status: 404 },
  );
}
