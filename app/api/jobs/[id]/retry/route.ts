import { z } from "zod";
import { recordActivity } from "@/lib/api/activity";
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { getMailbox } from "@/lib/mailbox";
import { jobSchema } from "@/lib/schemas/jobs";

export const dynamic = "force-dynamic";

/**
 * Runs a job's failed items again ("retry the failed ones"); a send looks for each in OUTBOX first. Logged by
 * the handler: only it knows how many items went back in the queue (the job it answers with is already running).
 */
export const POST = apiRoute(
  {
    role: "sender",
    params: z.object({ id: z.uuid("must be a job id") }),
    response: jobSchema,
    status: 202,
    audit: { action: "job.retry", recordedBy: "handler" },
  },
  async ({ params, user }) => {
    const mailbox = getMailbox();
    const job = mailbox.jobDto(params.id);
    if (!job) throw new ApiError("NOT_FOUND", "There is no such job.");
    let retried: number;
    if (job.kind === "send") retried = mailbox.compose.retryFailed(params.id);
    else if (job.failed === 0) throw new ApiError("CONFLICT", "No item of this job failed.");
    else retried = mailbox.jobs.retryFailed(params.id);
    recordActivity("job.retry", { id: user.id, email: user.email, name: user.name }, { jobId: params.id, details: { kind: job.kind, retried } });
    return mailbox.jobDto(params.id)!;
  },
);
