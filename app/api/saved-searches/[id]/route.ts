import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { savedSearchIdParamsSchema } from "@/lib/schemas/saved-searches";
import { services } from "@/lib/services";

export const dynamic = "force-dynamic";

/** Removes one of the member's own saved searches (another member's answers 404). */
export const DELETE = apiRoute(
  { role: "viewer", params: savedSearchIdParamsSchema, response: z.object({ deleted: z.literal(true) }) },
  async ({ user, params }) => {
    services().mailbox.deleteSavedSearch(user.id, params.id);
    return { deleted: true as const };
  },
);
