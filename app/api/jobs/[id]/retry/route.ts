import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { getMailbox } from "@/lib/mailbox";
import { jobSchema } from "@/lib/schemas/jobs";

export const dynamic = "force-dynamic";

/** Runs a job's failed items again ("retry the failed ones"); a send looks for each in OUTBOX first. */
export const POST = apiRoute(
  { role: "sender", params: z.object({ id: z.uuid("must be a job id") }), response: jobSchema, status: 202 },
  async ({ params }) => {
    const mailbox = getMailbox();
    const job = mailbox.jobDto(params.id);
    if (!job) throw new ApiError("NOT_FOUND", "There is no such job.");
    if (job.kind === "send") mailbox.compose.retryFailed(params.id);
    else if (job.failed === 0) throw new ApiError("CONFLICT", "No item of this job failed.");
    else mailbox.jobs.retryFailed(params.id);
    return mailbox.jobDto(params.id)!;
  },
);
