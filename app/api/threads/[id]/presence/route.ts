import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { threadIdSchema } from "@/lib/schemas/threads";
import { presenceBodySchema, presenceSchema } from "@/lib/schemas/workflow";

export const dynamic = "force-dynamic";

/**
 * The thread view's heartbeat (once a second): the member has it open, typing or not. Answers who else has it
 * open and how many messages it holds. Polling, not a stream: see docs/architecture.md, "Who else is here".
 */
export const POST = apiRoute(
  { role: "viewer", params: z.object({ id: threadIdSchema }), body: presenceBodySchema, response: presenceSchema },
  async ({ params, body, user }) => services().workflow.presence(params.id, user, body),
);
