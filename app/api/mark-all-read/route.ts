import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { jobSchema } from "@/lib/schemas/jobs";
import { markAllReadBodySchema } from "@/lib/schemas/threads";

export const dynamic = "force-dynamic";

/** Starts a job marking every unread thread of a tab (or all) read; answers with the job to follow. */
export const POST = apiRoute(
  {
    role: "sender",
    body: markAllReadBodySchema,
    response: jobSchema,
    status: 202,
    activity: { action: "mark-all-read", subject: ({ body }, job) => ({ jobId: job.id, details: { scope: body.scope, threads: job.total } }) },
  },
  async ({ body, user }) => {
    const { mailbox } = services();
    await mailbox.ensureReady();
    return mailbox.markAllRead(body.scope, user.id);
  },
);
