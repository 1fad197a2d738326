import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { threadIdSchema } from "@/lib/schemas/threads";
import { appealDecisionBodySchema, appealDecisionResultSchema, threadAppealSchema } from "@/lib/schemas/tolokers";

export const dynamic = "force-dynamic";

const params = z.object({ id: threadIdSchema });

/** The thread's appeal, if it names an assignment: the assignment as Toloka holds it and the days left. */
export const GET = apiRoute(
  { role: "viewer", params, query: z.object({ refresh: z.enum(["0", "1"]).default("0") }), response: threadAppealSchema },
  async ({ params, query }) => services().tolokers.threadAppeal(params.id, query.refresh === "1"),
);

/** Accepts the response (REJECTED → ACCEPTED) or keeps the rejection, and sends the reply in the same step. */
export const POST = apiRoute(
  {
    role: "sender",
    params,
    body: appealDecisionBodySchema,
    response: appealDecisionResultSchema,
    activity: {
      action: "appeal.decide",
      subject: ({ params, body }, r) => ({ threadId: params.id, target: r.appeal.assignmentId, details: { decision: body.decision, replied: r.reply.sent } }),
    },
  },
  async ({ params, body, user }) => services().tolokers.decideAppeal(params.id, body, user),
);
