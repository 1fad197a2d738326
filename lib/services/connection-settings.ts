import "server-only";
import { actorOf, recordActivity } from "@/lib/api/activity";
import { AppError, invalid } from "@/lib/errors";
import { isDemoMode, syncDemoAccounts, type TeamUser } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";
import { closeEmulatorUnlessInForce } from "@/lib/emulator/instance";
import type { ConnectionDto, ConnectionSaveResult, ConnectionTestResult, ConnectionUpdate } from "@/lib/schemas/connection";
import { candidateOf, describeConnection, getConnection, storeConnection, testConnection } from "@/lib/toloka/connection";
import { reconfigureServices } from "./index";

/** The connection as the settings page shows it. */
export function connectionSettings(): ConnectionDto {
  return describeConnection({ demoMode: isDemoMode() });
}

/** "Test connection": what Toloka says to the proposed connection, or to the one in force when none is given. */
export async function testConnectionSettings(update: ConnectionUpdate | undefined): Promise<ConnectionTestResult> {
  if (!update || getConfig().mode === "toloka") {
    const c = getConnection();
    return testConnection({ baseUrl: c.baseUrl, token: c.token, authScheme: c.authScheme });
  }
  const candidate = candidateOf(update);
  if ("problem" in candidate) throw invalid({ [candidate.problem.field]: candidate.problem.message });
  return testConnection(candidate);
}

/**
 * Saves the connection an admin chose, then starts over on it: a new client, a new mailbox (the mirror is
 * emptied when the account may have changed) and a full sync at once. Connecting to a real Toloka ends demo
 * mode, so it needs an admin account of the team's own; going back to the emulator brings the demo back only
 * while the team has no admin of its own.
 */
export async function saveConnectionSettings(actor: TeamUser, update: ConnectionUpdate): Promise<ConnectionSaveResult> {
  if (getConfig().mode === "toloka") {
    throw new AppError("CONFLICT", "TOLOKA_API_KEY is set in the server's environment and wins over this page. Change it there.");
  }
  if (update.environment !== "emulator" && actor.demo) {
    throw new AppError(
      "CONFLICT",
      "A demo account cannot connect the app to a real Toloka: create an admin account of your own first (the setup page or `npm run admin -- create-admin`), sign in with it, and come back.",
    );
  }
  if (update.environment !== "emulator" && update.token !== undefined && getConfig().auth.secretSource === "generated") {
    // The key would be sealed with a secret kept in DATA_DIR beside it: a copy of that folder would reveal it.
    throw new AppError(
      "CONFLICT",
      "Set NEXTAUTH_SECRET in the server's environment (openssl rand -base64 32) and restart before storing a real Toloka key: without it the key is encrypted with a secret kept in the data directory, right beside the key.",
    );
  }
  const candidate = candidateOf(update);
  if ("problem" in candidate) throw invalid({ [candidate.problem.field]: candidate.problem.message });
  const before = getConnection();
  const demoBefore = isDemoMode();
  storeConnection(update, candidate, actor.email);
  const after = getConnection();
  const notes: string[] = [];
  if (before.fingerprint !== after.fingerprint) {
    await reconfigureServices();
    notes.push(
      before.baseUrl === after.baseUrl
        ? "The key changed: the local copy of the threads is being synced again."
        : `Connected to ${after.baseUrl}: the local copy of the threads is being filled from it.`,
    );
  }
  // Off the emulator, stop it and its simulated Tolokers now rather than at its next request.
  closeEmulatorUnlessInForce();
  await syncDemoAccounts();
  if (demoBefore && !isDemoMode()) notes.push("Demo mode ended: the demo accounts (and accounts they made) were removed.");
  if (!demoBefore && isDemoMode()) notes.push("Demo mode: the demo accounts can sign in while the app is on the emulator.");
  recordActivity("settings.connection", actorOf(actor), {
    // Where, never the key: only whether it was changed.
    details: {
      environment: update.environment,
      baseUrl: after.baseUrl,
      authScheme: update.authScheme,
      keyChanged: update.token !== undefined && update.environment !== "emulator",
    },
  });
  return { connection: connectionSettings(), notes };
}
