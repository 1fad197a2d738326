import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { getMailbox } from "@/lib/mailbox";
import { replyBodySchema, threadDetailSchema, threadIdSchema } from "@/lib/schemas/threads";

export const dynamic = "force-dynamic";

/** Replies in a thread; answers with the thread as Toloka has it after the reply. */
export const POST = apiRoute(
  { role: "sender", params: z.object({ id: threadIdSchema }), body: replyBodySchema, response: threadDetailSchema },
  async ({ params, body }) => getMailbox().reply(params.id, body.text),
);
