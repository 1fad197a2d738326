import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { threadIdSchema } from "@/lib/schemas/threads";
import { threadTeamSchema, workflowPatchSchema, workflowSchema } from "@/lib/schemas/workflow";

export const dynamic = "force-dynamic";

const params = z.object({ id: threadIdSchema });

/** The thread's owner, status and internal timeline (notes, assignments, status changes). */
export const GET = apiRoute({ role: "viewer", params, response: threadTeamSchema }, async ({ params }) => services().workflow.team(params.id));

/** Assigns the thread (or unassigns it: `ownerId: null`), or sets it open, done or snoozed until a time. */
export const PATCH = apiRoute(
  {
    role: "sender",
    params,
    body: workflowPatchSchema,
    response: workflowSchema,
    activity: {
      action: "thread.workflow",
      subject: ({ params, body }) => ({
        threadId: params.id,
        details: {
          ...(body.ownerId !== undefined ? { ownerId: body.ownerId } : {}),
          ...(body.status ? { status: body.status } : {}),
          ...(body.snoozeUntil ? { snoozeUntil: body.snoozeUntil } : {}),
        },
      }),
    },
  },
  async ({ params, body, user }) => services().workflow.update(params.id, body, user),
);
