import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { savedRepliesQuerySchema, savedRepliesSchema, savedReplyBodySchema, savedReplySchema } from "@/lib/schemas/workflow";

export const dynamic = "force-dynamic";

/** The team's saved replies, by title; `q` searches titles and texts, `lang` keeps one language. */
export const GET = apiRoute({ role: "viewer", query: savedRepliesQuerySchema, response: savedRepliesSchema }, async ({ query }) => ({
  items: services().workflow.savedReplies(query),
}));

/** Saves a reply for the whole team. */
export const POST = apiRoute(
  {
    role: "sender",
    body: savedReplyBodySchema,
    response: savedReplySchema,
    status: 201,
    activity: { action: "saved-reply.create", subject: (_, r) => ({ target: r.id, details: { title: r.title, lang: r.lang } }) },
  },
  async ({ body, user }) => services().workflow.createReply(body, user),
);
