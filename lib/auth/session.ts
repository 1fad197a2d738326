import "server-only";
import { getServerSession } from "next-auth";
import { getAuthOptions } from "./options";
import { findUser, type TeamUser } from "./users";

/**
 * The signed-in team member, read again from the user directory so that a removed account
 * or a changed role takes effect at once rather than when the session cookie expires.
 */
export async function getCurrentUser(): Promise<TeamUser | null> {
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return findUser(id);
}
