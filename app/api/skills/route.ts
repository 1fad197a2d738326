import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { getMailbox } from "@/lib/mailbox";

export const dynamic = "force-dynamic";

const skillsResponseSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), global: z.boolean() })),
});

/** The account's skills, for the filter builder's picker (cached on the server). */
export const GET = apiRoute({ role: "viewer", response: skillsResponseSchema }, async () => ({
  items: (await getMailbox().skills()).map((s) => ({ id: s.id, name: s.name, global: s.global ?? false })),
}));
