import { apiRoute } from "@/lib/api/route";
import { inviteMember, listTeam } from "@/lib/auth/team";
import { getConfig } from "@/lib/config";
import { accessGrantSchema, inviteBodySchema, teamSchema } from "@/lib/schemas/team";

export const dynamic = "force-dynamic";

/** The team, and whether single sign-on is on. */
export const GET = apiRoute({ role: "admin", response: teamSchema }, async () => {
  const oidc = getConfig().auth.oidc;
  return { members: listTeam(), sso: { enabled: !!oidc, name: oidc?.name, defaultRole: oidc?.defaultRole } };
});

/** Adds someone; answers with the one-time link or temporary password to hand over (shown once). */
export const POST = apiRoute(
  { role: "admin", body: inviteBodySchema, response: accessGrantSchema, status: 201, activity: { action: "team.invite", recordedBy: "handler" } },
  async ({ user, body }) => inviteMember(user, body),
);
