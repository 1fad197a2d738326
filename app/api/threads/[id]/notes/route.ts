import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { threadIdSchema } from "@/lib/schemas/threads";
import { noteBodySchema } from "@/lib/schemas/workflow";

export const dynamic = "force-dynamic";

/** Adds an internal note to the thread: the team's only, never sent to Toloka; `@Name` tells a teammate. */
export const POST = apiRoute(
  {
    role: "sender",
    params: z.object({ id: threadIdSchema }),
    body: noteBodySchema,
    response: z.object({ id: z.string() }).loose(),
    status: 201,
    // The note's text stays out of the log, like a message's.
    activity: {
      action: "thread.note",
      subject: ({ params }, note) => ({ threadId: params.id, details: { mentions: (note as { mentions?: unknown[] }).mentions?.length ?? 0 } }),
    },
  },
  async ({ params, body, user }) => services().workflow.addNote(params.id, body.text, user),
);
