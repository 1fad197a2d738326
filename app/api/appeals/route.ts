import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { appealListSchema } from "@/lib/schemas/tolokers";

export const dynamic = "force-dynamic";

/** Open appeals, the closest deadline first (Toloka asks for an answer within 9 days of the rejection). */
export const GET = apiRoute(
  { role: "viewer", query: z.object({ refresh: z.enum(["0", "1"]).default("0") }), response: appealListSchema },
  async ({ query }) => {
    const { tolokers } = services();
    // Looks for new appeal threads and reads due assignments; "refresh" waits for it.
    const pass = tolokers.refreshAppeals();
    if (query.refresh === "1") await pass;
    return tolokers.appeals();
  },
);
