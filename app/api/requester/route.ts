import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { requesterSchema } from "@/lib/schemas/tolokers";

export const dynamic = "force-dynamic";

/** The account's balance, for whoever may pay bonuses (the bonus dialog shows it). */
export const GET = apiRoute(
  { role: "sender", permission: "bonus", query: z.object({ refresh: z.enum(["0", "1"]).default("0") }), response: requesterSchema },
  async ({ query }) => services().tolokers.requester(query.refresh === "1"),
);
