import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";

export const dynamic = "force-dynamic";

/** How many appeals are open, for the sidebar (from the copy held; the appeals pass keeps it current). */
export const GET = apiRoute({ role: "viewer", response: z.object({ open: z.number().int() }) }, async () => ({ open: services().tolokers.openAppealCount() }));
