import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { hasRole, type Role } from "@/lib/schemas/roles";
import { getRequestUser } from "./request-user";
import type { TeamUser } from "./users";

/**
 * The signed-in team member for a page, checked exactly as the API checks it (session version, lifetime,
 * the account re-read), so a page never shows what its API would refuse. Read once per request (the layout, the
 * page and the language all ask).
 */
export const getCurrentUser = cache(async (): Promise<TeamUser | null> => {
  const h = await headers();
  return getRequestUser(new Request("http://localhost/", { headers: { cookie: h.get("cookie") ?? "" } }));
});

/**
 * For a page that needs a role: the member, or "forbidden" when their role is too weak (the page then says
 * so instead of showing controls that could only fail). No session at all redirects to the sign-in page.
 */
export async function requirePageRole(role: Role): Promise<TeamUser | "forbidden"> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return hasRole(user.role, role) ? user : "forbidden";
}
