import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { replyBodySchema, threadDetailSchema, threadIdSchema } from "@/lib/schemas/threads";

export const dynamic = "force-dynamic";

/** Replies in a thread; answers with the thread as Toloka has it after the reply. */
export const POST = apiRoute(
  {
    role: "sender",
    params: z.object({ id: threadIdSchema }),
    body: replyBodySchema,
    response: threadDetailSchema,
    activity: { action: "thread.reply", subject: ({ params, body }) => ({ threadId: params.id, details: { languages: Object.keys(body.text) } }) },
  },
  async ({ params, body, user }) => services().mailbox.reply(params.id, body.text, user, { seenMessages: body.seenMessages, confirmed: body.confirmed }),
);
