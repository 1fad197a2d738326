import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { restrictionBodySchema, tolokerParamsSchema } from "@/lib/schemas/tolokers";

export const dynamic = "force-dynamic";

const restrictionSchema = z.object({
  id: z.string(),
  scope: z.string(),
  projectId: z.string().optional(),
  poolId: z.string().optional(),
  until: z.string().optional(),
  comment: z.string().optional(),
  created: z.string().optional(),
});

/** Restricts the Toloker in all projects, a project or a pool, until a time or until lifted. */
export const POST = apiRoute(
  {
    role: "sender",
    permission: "restrict",
    params: tolokerParamsSchema,
    body: restrictionBodySchema,
    response: restrictionSchema,
    activity: {
      action: "toloker.restrict",
      subject: ({ params, body }, r) => ({
        target: params.id,
        details: { scope: body.scope, restrictionId: r.id, ...(body.until ? { until: body.until } : {}) },
      }),
    },
  },
  async ({ params, body }) => services().tolokers.restrict(params.id, body),
);
