import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { skillBodySchema, tolokerParamsSchema } from "@/lib/schemas/tolokers";

export const dynamic = "force-dynamic";

const userSkillSchema = z.object({ id: z.string(), skillId: z.string(), skillName: z.string().optional(), value: z.number(), modified: z.string().optional() });

/** Sets one of the account's skills on the Toloker (Toloka's PUT /user-skills: the same value twice is one skill). */
export const PUT = apiRoute(
  {
    role: "sender",
    params: tolokerParamsSchema,
    body: skillBodySchema,
    response: userSkillSchema,
    activity: { action: "toloker.skill", subject: ({ params, body }) => ({ target: params.id, details: { skillId: body.skillId, value: body.value } }) },
  },
  async ({ params, body }) => services().tolokers.setSkill(params.id, body),
);
