import { apiRoute } from "@/lib/api/route";
import { connectionSettings, saveConnectionSettings } from "@/lib/services/connection-settings";
import { connectionSaveResultSchema, connectionSchema, connectionUpdateSchema } from "@/lib/schemas/connection";

export const dynamic = "force-dynamic";

/** The Toloka connection: environment, address, and the key only masked. */
export const GET = apiRoute({ role: "admin", response: connectionSchema }, async () => connectionSettings());

/** Changes the connection (the key encrypted at rest) and restarts the sync on it. */
export const PUT = apiRoute(
  { role: "admin", body: connectionUpdateSchema, response: connectionSaveResultSchema, activity: { action: "settings.connection", recordedBy: "handler" } },
  async ({ user, body }) => saveConnectionSettings(user, body),
);
