import { apiRoute } from "@/lib/api/route";
import { jobSchema } from "@/lib/schemas/jobs";
import { bulkFlagsBodySchema } from "@/lib/schemas/threads";
import { services } from "@/lib/services";

export const dynamic = "force-dynamic";

/**
 * Marks a selection of threads read or unread, important or not, as one job; answers 202 with the job to follow.
 * Threads already so are skipped (the job's params say how many).
 */
export const POST = apiRoute(
  {
    role: "sender",
    body: bulkFlagsBodySchema,
    response: jobSchema,
    status: 202,
    activity: {
      action: "thread.bulk-flags",
      subject: ({ body }, job) => ({ jobId: job.id, details: { ...body.change, selected: body.ids.length, threads: job.total } }),
    },
  },
  async ({ body, user }) => {
    const { mailbox } = services();
    await mailbox.ensureReady();
    return mailbox.bulkFlags(body.ids, body.change, user.id);
  },
);
