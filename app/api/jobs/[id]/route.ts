import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { jobSchema } from "@/lib/schemas/jobs";

export const dynamic = "force-dynamic";

/** A job's progress: done, failed, total, and the first failures with their reasons. */
export const GET = apiRoute({ role: "viewer", params: z.object({ id: z.uuid("must be a job id") }), response: jobSchema }, async ({ params }) => {
  const job = services().jobs.describe(params.id);
  if (!job) throw new ApiError("NOT_FOUND", "There is no such job.");
  return job;
});
