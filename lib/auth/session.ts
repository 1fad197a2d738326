import "server-only";
import { headers } from "next/headers";
import { getRequestUser } from "./request-user";
import type { TeamUser } from "./users";

/**
 * The signed-in team member for a page, checked exactly as the API checks it (session version, lifetime,
 * the account re-read), so a page never shows what its API would refuse.
 */
export async function getCurrentUser(): Promise<TeamUser | null> {
  const h = await headers();
  return getRequestUser(new Request("http://localhost/", { headers: { cookie: h.get("cookie") ?? "" } }));
}
