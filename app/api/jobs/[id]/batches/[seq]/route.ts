import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { jobSchema } from "@/lib/schemas/jobs";

export const dynamic = "force-dynamic";

const decisionSchema = z.discriminatedUnion("arrived", [
  z
    .object({
      arrived: z.literal(true),
      threadId: z
        .string()
        .regex(/^[0-9a-zA-Z]{1,64}$/, "must be a thread id")
        .optional(),
    })
    .strict(),
  z.object({ arrived: z.literal(false) }).strict(),
]);

/**
 * The requester's word on a send's unconfirmed batch, whose outcome Toloka's listing could not prove: it arrived
 * (optionally as one of its candidate threads), or send it again. For the member who sent it or an admin.
 */
export const POST = apiRoute(
  {
    role: "sender",
    params: z.object({
      id: z.uuid("must be a job id"),
      seq: z.coerce.number("must be a batch number").int("must be a batch number").min(0, "must be a batch number"),
    }),
    body: decisionSchema,
    response: jobSchema,
    activity: {
      action: "job.decide",
      subject: ({ params, body }) => ({
        jobId: params.id,
        details: { batch: params.seq, arrived: body.arrived, ...(body.arrived && body.threadId ? { threadId: body.threadId } : {}) },
      }),
    },
  },
  async ({ params, body, user }) => {
    const { compose, jobs } = services();
    compose.decide(params.id, params.seq, body, user);
    return jobs.describe(params.id)!;
  },
);
