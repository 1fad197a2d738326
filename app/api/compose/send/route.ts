import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { sendBodySchema } from "@/lib/schemas/compose";
import { jobSchema } from "@/lib/schemas/jobs";

export const dynamic = "force-dynamic";

/**
 * Starts a send as a job of batches (at most 100 ids each) and answers 202 with the job to follow. Every
 * warning of the pre-send checks must be in `acknowledge`, else 409 naming them. Each thread the send makes
 * records the member as its author; the activity log gets the job (its threads come later, batch by batch).
 */
export const POST = apiRoute(
  {
    role: "sender",
    body: sendBodySchema,
    response: jobSchema,
    status: 202,
    activity: {
      action: "thread.compose",
      subject: ({ body }, job) => ({
        jobId: job.id,
        details: {
          selectType: body.recipients.type,
          // Known only for a send by id (duplicates removed); a filter's or all's recipients are Toloka's to count.
          ...(job.send?.recipients !== undefined ? { recipients: job.send.recipients } : {}),
          batches: job.total,
        },
      }),
    },
  },
  async ({ body, user }) => {
    const { mailbox, compose, jobs } = services();
    await mailbox.ensureReady();
    const job = compose.send(body, user);
    return jobs.describe(job.id)!;
  },
);
