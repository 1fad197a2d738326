import "server-only";
import { TolokaClient } from "./client";
import { getConnection } from "./connection";

export { TolokaClient } from "./client";

const globalForToloka = globalThis as unknown as { __tolokaClient?: TolokaClient };

/** The process-wide client for the Toloka in force (see lib/toloka/connection.ts), made on first use. */
export function getTolokaClient(): TolokaClient {
  if (!globalForToloka.__tolokaClient) {
    const c = getConnection();
    globalForToloka.__tolokaClient = new TolokaClient({
      baseUrl: c.baseUrl,
      token: c.token,
      authScheme: c.authScheme,
      timeoutMs: c.timeoutMs,
      maxRequestsPerSecond: c.maxRequestsPerSecond,
      actUnderAccountId: c.actUnderAccountId,
    });
  }
  return globalForToloka.__tolokaClient;
}

/** Drops the client so the next {@link getTolokaClient} makes one for the connection now in force. */
export function resetTolokaClient(): void {
  delete globalForToloka.__tolokaClient;
}
