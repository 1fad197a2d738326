import "server-only";
import { getConfig } from "@/lib/config";
import { TolokaClient } from "./client";

export { TolokaClient } from "./client";
export { TolokaError } from "./errors";

const globalForToloka = globalThis as unknown as { __tolokaClient?: TolokaClient };

/** The process-wide client for the configured Toloka (or the embedded emulator). */
export function getTolokaClient(): TolokaClient {
  if (!globalForToloka.__tolokaClient) {
    const { toloka } = getConfig();
    globalForToloka.__tolokaClient = new TolokaClient({
      baseUrl: toloka.baseUrl,
      token: toloka.token,
      authScheme: toloka.authScheme,
      timeoutMs: toloka.timeoutMs,
      maxRequestsPerSecond: toloka.maxRequestsPerSecond,
      actUnderAccountId: toloka.actUnderAccountId,
    });
  }
  return globalForToloka.__tolokaClient;
}
