import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { threadDetailSchema, threadIdSchema } from "@/lib/schemas/threads";

export const dynamic = "force-dynamic";

/** One thread with every message, bodies sanitised. */
export const GET = apiRoute({ role: "viewer", params: z.object({ id: threadIdSchema }), response: threadDetailSchema }, async ({ params }) =>
  services().mailbox.thread(params.id),
);
