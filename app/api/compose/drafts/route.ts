import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { draftBodySchema, draftListSchema, draftSchema } from "@/lib/schemas/compose";

export const dynamic = "force-dynamic";

/** The signed-in member's drafts, most recently changed first. */
export const GET = apiRoute({ role: "sender", response: draftListSchema }, async ({ user }) => ({
  items: services().compose.listDrafts(user.id),
}));

/** Starts a draft (the form's first autosave). */
export const POST = apiRoute({ role: "sender", body: draftBodySchema, response: draftSchema, status: 201 }, async ({ user, body }) =>
  services().compose.createDraft(user.id, body.content),
);
