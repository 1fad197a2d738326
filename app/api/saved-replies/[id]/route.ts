import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { savedReplyBodySchema, savedReplyIdSchema, savedReplySchema } from "@/lib/schemas/workflow";

export const dynamic = "force-dynamic";

/** Changes a saved reply (any sender may: they are the team's). */
export const PUT = apiRoute(
  {
    role: "sender",
    params: savedReplyIdSchema,
    body: savedReplyBodySchema,
    response: savedReplySchema,
    activity: { action: "saved-reply.update", subject: ({ params }, r) => ({ target: params.id, details: { title: r.title, lang: r.lang } }) },
  },
  async ({ params, body, user }) => services().workflow.updateReply(params.id, body, user),
);

export const DELETE = apiRoute(
  {
    role: "sender",
    params: savedReplyIdSchema,
    response: z.object({ deleted: z.literal(true) }),
    activity: { action: "saved-reply.delete", subject: ({ params }) => ({ target: params.id }) },
  },
  async ({ params }) => {
    services().workflow.deleteReply(params.id);
    return { deleted: true as const };
  },
);
