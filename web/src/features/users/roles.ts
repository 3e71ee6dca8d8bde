/** The roles in the order the UI lists them. */
import type { Role } from "@/gql/schema-enums";

/** Every role, most powerful first. */
export const ROLES: readonly Role[] = ["ADMIN", "MANAGER", "WAREHOUSE_STAFF", "DISPATCHER", "VIEWER"];
