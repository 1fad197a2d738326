import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { jobSchema } from "@/lib/schemas/jobs";
import { bonusBodySchema, tolokerParamsSchema } from "@/lib/schemas/tolokers";

export const dynamic = "force-dynamic";

/** Pays a Toloker a bonus, exactly once (a job of one payment; the page follows GET /api/jobs/:id). */
export const POST = apiRoute(
  {
    role: "sender",
    permission: "bonus",
    params: tolokerParamsSchema,
    body: bonusBodySchema,
    response: jobSchema,
    status: 202,
    activity: {
      action: "toloker.bonus",
      subject: ({ params, body }, job) => ({ threadId: body.threadId, jobId: job.id, target: params.id, details: { amount: body.amount } }),
    },
  },
  async ({ params, body, user }) => {
    const { tolokers, jobs } = services();
    const job = await tolokers.payBonus(params.id, body, user);
    return jobs.describe(job.id)!;
  },
);
