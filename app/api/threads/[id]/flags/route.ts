import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { flagsBodySchema, threadDetailSchema, threadIdSchema } from "@/lib/schemas/threads";

export const dynamic = "force-dynamic";

/** Marks a thread read or unread, important or not. */
export const POST = apiRoute(
  {
    role: "sender",
    params: z.object({ id: threadIdSchema }),
    body: flagsBodySchema,
    response: threadDetailSchema,
    activity: { action: "thread.flags", subject: ({ params, body }) => ({ threadId: params.id, details: body }) },
  },
  async ({ params, body }) => services().mailbox.setFlags(params.id, body),
);
