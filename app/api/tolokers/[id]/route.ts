import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { panelQuerySchema, tolokerPanelSchema, tolokerParamsSchema } from "@/lib/schemas/tolokers";

export const dynamic = "force-dynamic";

/**
 * The Toloker panel: profile, skills, restrictions, bonuses, their assignments in the pools asked for, and every
 * thread with them. Each part is read from Toloka on its own and cached; one that fails says so beside the others.
 */
export const GET = apiRoute({ role: "viewer", params: tolokerParamsSchema, query: panelQuerySchema, response: tolokerPanelSchema }, async ({ params, query }) =>
  services().tolokers.panel(params.id, { pools: query.pools?.split(","), refresh: query.refresh === "1" }),
);
