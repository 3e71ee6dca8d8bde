/** `/users`. */
import { UsersAdmin } from "@/features/users/UsersAdmin";

/** Users and roles. */
export default function UsersPage() {
  return <UsersAdmin />;
}
