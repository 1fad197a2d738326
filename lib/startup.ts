import "server-only";
import { ConfigError, getConfig } from "./config";

/**
 * Validates the configuration as the server starts: a wrong one stops the start here, with a message
 * that names the variable, instead of failing on the first request.
 */
export function onServerStart(): void {
  try {
    const config = getConfig();
    console.log(
      config.mode === "emulator"
        ? `[toloka-messages] Emulator mode: no TOLOKA_API_KEY set; data in ${config.dataDir}`
        : `[toloka-messages] Toloka mode: ${config.toloka.baseUrl}`,
    );
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n[toloka-messages] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
