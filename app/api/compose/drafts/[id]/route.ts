import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { draftBodySchema, draftIdParamsSchema, draftSchema } from "@/lib/schemas/compose";

export const dynamic = "force-dynamic";

/** One of the member's own drafts (another member's answers 404). */
export const GET = apiRoute({ role: "sender", params: draftIdParamsSchema, response: draftSchema }, async ({ user, params }) =>
  services().compose.getDraft(user.id, params.id),
);

/** Saves the form as it is now (autosave). */
export const PUT = apiRoute({ role: "sender", params: draftIdParamsSchema, body: draftBodySchema, response: draftSchema }, async ({ user, params, body }) =>
  services().compose.updateDraft(user.id, params.id, body.content),
);

/** Discards a draft. */
export const DELETE = apiRoute({ role: "sender", params: draftIdParamsSchema, response: z.object({ deleted: z.literal(true) }) }, async ({ user, params }) => {
  services().compose.deleteDraft(user.id, params.id);
  return { deleted: true as const };
});
