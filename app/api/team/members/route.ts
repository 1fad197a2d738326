import { apiRoute } from "@/lib/api/route";
import { services } from "@/lib/services";
import { teamMembersSchema } from "@/lib/schemas/workflow";

export const dynamic = "force-dynamic";

/** Everyone on the team by name and role, for assigning a thread and @mentions (no emails' secrets, no invitations). */
export const GET = apiRoute({ role: "viewer", response: teamMembersSchema }, async () => ({ items: services().workflow.members() }));
