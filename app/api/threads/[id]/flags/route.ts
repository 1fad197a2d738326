import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { getMailbox } from "@/lib/mailbox";
import { flagsBodySchema, threadDetailSchema, threadIdSchema } from "@/lib/schemas/threads";

export const dynamic = "force-dynamic";

/** Marks a thread read or unread, important or not. */
export const POST = apiRoute(
  {
    role: "sender",
    params: z.object({ id: threadIdSchema }),
    body: flagsBodySchema,
    response: threadDetailSchema,
    audit: { action: "thread.flags", subject: ({ params, body }) => ({ threadId: params.id, details: body }) },
  },
  async ({ params, body }) => getMailbox().setFlags(params.id, body),
);
