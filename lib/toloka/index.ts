import "server-only";
import { TolokaClient } from "./client";
import { getConnection } from "./connection";
import { processSlot } from "@/lib/process-slot";

export { TolokaClient } from "./client";

const clientSlot = processSlot<TolokaClient>("tolokaClient");

/** The process-wide client for the Toloka in force (see lib/toloka/connection.ts), made on first use. */
export function getTolokaClient(): TolokaClient {
  const held = clientSlot.get();
  if (held) return held;
  const c = getConnection();
  return clientSlot.set(
    new TolokaClient({
      baseUrl: c.baseUrl,
      token: c.token,
      authScheme: c.authScheme,
      timeoutMs: c.timeoutMs,
      maxRequestsPerSecond: c.maxRequestsPerSecond,
      actUnderAccountId: c.actUnderAccountId,
    }),
  );
}

/** Drops the client so the next {@link getTolokaClient} makes one for the connection now in force. */
export function resetTolokaClient(): void {
  clientSlot.clear();
}
