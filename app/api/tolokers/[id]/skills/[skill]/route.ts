import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { okSchema } from "@/lib/schemas/team";
import { userSkillParamsSchema } from "@/lib/schemas/tolokers";

export const dynamic = "force-dynamic";

/** Removes a skill from the Toloker; `skill` is the id of the Toloker's skill (the panel gives it). */
export const DELETE = apiRoute(
  {
    role: "sender",
    params: userSkillParamsSchema,
    response: okSchema,
    activity: { action: "toloker.skill-removed", subject: ({ params }) => ({ target: params.id, details: { userSkillId: params.skill } }) },
  },
  async ({ params }) => {
    await services().tolokers.removeSkill(params.id, params.skill);
    return { ok: true as const };
  },
);
