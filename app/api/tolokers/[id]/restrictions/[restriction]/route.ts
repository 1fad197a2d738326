import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { okSchema } from "@/lib/schemas/team";
import { restrictionParamsSchema } from "@/lib/schemas/tolokers";

export const dynamic = "force-dynamic";

/** Lifts a restriction. */
export const DELETE = apiRoute(
  {
    role: "sender",
    permission: "restrict",
    params: restrictionParamsSchema,
    response: okSchema,
    activity: { action: "toloker.unrestrict", subject: ({ params }) => ({ target: params.id, details: { restrictionId: params.restriction } }) },
  },
  async ({ params }) => {
    await services().tolokers.lift(params.id, params.restriction);
    return { ok: true as const };
  },
);
