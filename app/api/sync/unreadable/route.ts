import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { unreadableThreadsSchema } from "@/lib/schemas/sync";

export const dynamic = "force-dynamic";

/** The threads Toloka sent that could not be read, with why and as they came: for an admin to look into. */
export const GET = apiRoute({ role: "admin", response: unreadableThreadsSchema }, async () => services().sync.unreadable());
