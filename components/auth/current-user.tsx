"use client";

import { createContext, useContext, type ReactNode } from "react";
import { hasPermission, hasRole, type Permission, type Role } from "@/lib/schemas/plain";

/** The signed-in team member as client components see them (from the server, per page load). */
export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** Granted beyond the role (paying bonuses, restricting); see `useMay`. */
  permissions: Permission[];
}

const CurrentUserContext = createContext<CurrentUser | null>(null);

/** Given by app/(inbox)/layout.tsx from the session the server checked. */
export function CurrentUserProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}

/** The signed-in member. Only inside the (inbox) pages. */
export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser needs CurrentUserProvider (app/(inbox)/layout.tsx)");
  return user;
}

/**
 * Whether the member may do what needs `role`: show a control only when this is true, so that no button can
 * only fail. viewer reads; sender also replies, flags, marks read and sends; admin also manages settings.
 */
export function useCan(role: Role): boolean {
  return hasRole(useCurrentUser().role, role);
}

/** Whether the member may do what needs `permission` (an admin may; a sender when an admin granted it). */
export function useMay(permission: Permission): boolean {
  const user = useCurrentUser();
  return hasPermission(user.role, user.permissions, permission);
}
