import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/schemas/roles";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The person's session version when they signed in: a raised version ends the session. */
    sv?: number;
    /** When they signed in (seconds): a session ends SESSION_MAX_AGE_HOURS later, however active. */
    at?: number;
    /** This session's own id, made at sign-in: signing out revokes it, so a copy of the cookie stops counting. */
    sid?: string;
    /** How they signed in. */
    via?: "password" | "sso";
  }
}
