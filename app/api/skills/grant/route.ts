import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { jobSchema } from "@/lib/schemas/jobs";
import { skillGrantBodySchema } from "@/lib/schemas/tolokers";

export const dynamic = "force-dynamic";

/**
 * "Give everyone who did this a skill": the Tolokers of a selection of threads, a list of ids, or everyone with an
 * assignment in a pool get the skill, as a job of one item per Toloker. Then a message to those with the skill
 * reaches exactly them.
 */
export const POST = apiRoute(
  {
    role: "sender",
    body: skillGrantBodySchema,
    response: jobSchema,
    status: 202,
    activity: {
      action: "toloker.skill-grant",
      subject: ({ body }, job) => ({
        jobId: job.id,
        details: { skillId: body.skillId, value: body.value, tolokers: job.total, ...(body.poolId ? { poolId: body.poolId } : {}) },
      }),
    },
  },
  async ({ body, user }) => {
    const { tolokers, jobs } = services();
    const job = await tolokers.grantSkill(body, user);
    return jobs.describe(job.id)!;
  },
);
