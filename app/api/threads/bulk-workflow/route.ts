import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { bulkWorkflowBodySchema, bulkWorkflowResultSchema } from "@/lib/schemas/workflow";

export const dynamic = "force-dynamic";

/** Assigns, or sets the status of, a selection of threads at once (the team's store only: no Toloka request). */
export const POST = apiRoute(
  {
    role: "sender",
    body: bulkWorkflowBodySchema,
    response: bulkWorkflowResultSchema,
    activity: {
      action: "thread.bulk-workflow",
      subject: ({ body }, r) => ({ details: { selected: body.ids.length, changed: r.changed, ownerId: body.change.ownerId, status: body.change.status } }),
    },
  },
  async ({ body, user }) => services().workflow.bulk(body.ids, body.change, user),
);
