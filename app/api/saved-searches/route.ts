import { apiRoute } from "@/lib/api/route";
import { AppError, invalid } from "@/lib/errors";
import { SAVED_SEARCHES_MAX, savedSearchBodySchema, savedSearchListSchema, savedSearchSchema } from "@/lib/schemas/saved-searches";
import { parseSearch } from "@/lib/search/query";
import { services } from "@/lib/services";

export const dynamic = "force-dynamic";

/** The signed-in member's saved searches, in the order they were saved. */
export const GET = apiRoute({ role: "viewer", response: savedSearchListSchema }, async ({ user }) => ({
  items: services().store.savedSearches.list(user.id),
}));

/** Saves a search for the signed-in member; one the box would refuse is refused here too. */
export const POST = apiRoute({ role: "viewer", body: savedSearchBodySchema, response: savedSearchSchema, status: 201 }, async ({ user, body }) => {
  const parsed = parseSearch(body.q);
  if (!parsed.ok) throw invalid({ q: parsed.error });
  const saved = services().store.savedSearches.create({ userId: user.id, ...body }, SAVED_SEARCHES_MAX);
  if (!saved) throw new AppError("CONFLICT", `You can save at most ${SAVED_SEARCHES_MAX} searches. Remove one first.`);
  return saved;
});
