import { apiRoute } from "@/lib/api/route";
import { testConnectionSettings } from "@/lib/services/connection-settings";
import { connectionTestResultSchema, connectionUpdateSchema } from "@/lib/schemas/connection";

export const dynamic = "force-dynamic";

/** "Test connection": one call to Toloka with the proposed connection (or, with no body, the one in force), and what it said. */
export const POST = apiRoute({ role: "admin", body: connectionUpdateSchema.optional(), response: connectionTestResultSchema }, async ({ body }) =>
  testConnectionSettings(body),
);
