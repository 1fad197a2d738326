import { publicRoute } from "@/lib/api/route";
import { setupFirstAdmin } from "@/lib/auth/team";
import { memberSchema, setupBodySchema } from "@/lib/schemas/team";

export const dynamic = "force-dynamic";

/** The first admin (only while the team has none), for whoever holds the code in DATA_DIR/setup-code. */
export const POST = publicRoute({ body: setupBodySchema, response: memberSchema, status: 201 }, async ({ body }) => setupFirstAdmin(body));
