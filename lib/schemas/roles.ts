import { z } from "zod";
import { ROLES, type Role } from "./plain";

export { hasRole, ROLES, type Role } from "./plain";
export const roleSchema = z.enum(ROLES) satisfies z.ZodType<Role>;
