import { z } from "zod";

/**
 * Team roles, weakest first. A viewer reads; a sender also replies, flags and sends;
 * an admin also changes settings and the team.
 */
export const ROLES = ["viewer", "sender", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** True when `actual` grants at least what `required` does. */
export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}
