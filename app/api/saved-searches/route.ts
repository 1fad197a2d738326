import { apiRoute } from "@/lib/api/route";
import { savedSearchBodySchema, savedSearchListSchema, savedSearchSchema } from "@/lib/schemas/saved-searches";
import { services } from "@/lib/services";

export const dynamic = "force-dynamic";

/** The signed-in member's saved searches, in the order they were saved. */
export const GET = apiRoute({ role: "viewer", response: savedSearchListSchema }, async ({ user }) => ({
  items: services().mailbox.savedSearches(user.id),
}));

/** Saves a search for the signed-in member; one the box would refuse is refused here too. */
export const POST = apiRoute({ role: "viewer", body: savedSearchBodySchema, response: savedSearchSchema, status: 201 }, async ({ user, body }) =>
  services().mailbox.saveSearch(user.id, body),
);
