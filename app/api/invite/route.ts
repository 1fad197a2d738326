import { z } from "zod";
import { publicRoute } from "@/lib/api/route";
import { acceptInvite } from "@/lib/auth/team";
import { acceptInviteBodySchema } from "@/lib/schemas/team";

export const dynamic = "force-dynamic";

/** Sets the password of the member a one-time link was made for; the link is spent. */
export const POST = publicRoute({ body: acceptInviteBodySchema, response: z.object({ email: z.string() }) }, async ({ body }) =>
  acceptInvite(body.token, body.password),
);
