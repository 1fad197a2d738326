import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";

export const dynamic = "force-dynamic";

const skillsResponseSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), global: z.boolean(), hidden: z.boolean(), deprecated: z.boolean() })),
});

/** The account's skills, for the filter builder's picker (cached on the server), with what Toloka marks them. */
export const GET = apiRoute({ role: "viewer", response: skillsResponseSchema }, async () => ({
  items: (await services().mailbox.skills()).map((s) => ({
    id: s.id,
    name: s.name,
    global: s.global ?? false,
    hidden: s.hidden ?? false,
    deprecated: s.deprecated ?? false,
  })),
}));
