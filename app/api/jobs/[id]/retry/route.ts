import { z } from "zod";
import { actorOf, recordActivity } from "@/lib/api/activity";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { jobSchema } from "@/lib/schemas/jobs";

export const dynamic = "force-dynamic";

/**
 * Runs a job's failed items again ("retry the failed ones"), for its author or an admin; a send looks for each
 * in OUTBOX first. Logged by the handler: only it knows how many items went back in the queue (the job it
 * answers with is already running).
 */
export const POST = apiRoute(
  {
    role: "sender",
    params: z.object({ id: z.uuid("must be a job id") }),
    response: jobSchema,
    status: 202,
    activity: { action: "job.retry", recordedBy: "handler" },
  },
  async ({ params, user }) => {
    const { jobs } = services();
    const retried = jobs.retry(params.id, user);
    const job = jobs.describe(params.id)!;
    recordActivity("job.retry", actorOf(user), { jobId: params.id, details: { kind: job.kind, retried } });
    return job;
  },
);
