import "server-only";
import { installPeerAddressHeader } from "./api/peer-address";
import { needsSetup, ensureSetupCode } from "./auth/setup";
import { isDemoMode, syncDemoAccounts } from "./auth/users";
import { ConfigError, getConfig } from "./config";
import { getLogger } from "./log";
import { getConnection } from "./toloka/connection";

/**
 * Validates the configuration as the server starts: a wrong one stops the start here, with a message
 * that names the variable, instead of failing on the first request. Then puts the demo accounts in the store
 * (or removes them), and when the team has no admin yet, says how to create the first one.
 */
export function onServerStart(): void {
  let config: ReturnType<typeof getConfig>;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n[toloka-messages] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  installPeerAddressHeader();
  const log = getLogger();
  const connection = getConnection();
  log.info(
    { mode: connection.mode, source: connection.source, baseUrl: connection.baseUrl, dataDir: config.dataDir, sso: !!config.auth.oidc },
    connection.mode === "emulator" ? "starting on the embedded Toloka emulator" : "starting on Toloka",
  );
  // On the emulator (the demo, a trial on one machine) plain http is expected; on a real Toloka it is worth a word.
  if (!config.auth.https && connection.mode === "toloka") {
    log.warn("NEXTAUTH_URL is not an https:// address: session cookies are sent without Secure and HSTS is off. Serve the app over HTTPS on an intranet.");
  }
  if (config.auth.urlSource === "default" && connection.mode === "toloka") {
    log.warn(
      { url: config.auth.url },
      "NEXTAUTH_URL is not set: invite links and sign-in redirects point at this machine's localhost. Set NEXTAUTH_URL to the address the team opens.",
    );
  }
  if (config.auth.secretSource === "generated" && connection.mode === "toloka") {
    log.warn(
      "NEXTAUTH_SECRET is not set: the generated one in DATA_DIR protects the stored Toloka key. Set NEXTAUTH_SECRET so a copy of DATA_DIR alone does not reveal it.",
    );
  }
  void syncDemoAccounts()
    .then(() => {
      if (!needsSetup()) return;
      const file = ensureSetupCode();
      // In the demo the demo accounts sign in: the way to an admin of the team's own is news, not a warning.
      if (isDemoMode()) {
        log.info(
          { setupCodeFile: file },
          "Demo mode: the demo accounts can sign in. When the team wants an admin of its own, open /setup with the code from the setup-code file.",
        );
        return;
      }
      log.warn(
        { setupCodeFile: file },
        "The team has no admin account yet: open /setup and enter the code from the setup-code file, or run `npm run admin -- create-admin --email you@example.com`.",
      );
    })
    .catch((error) => log.error({ err: error }, "could not prepare the team's accounts"));
}
