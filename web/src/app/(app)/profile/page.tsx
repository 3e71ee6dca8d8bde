/** `/profile`. */
import { Profile } from "@/features/profile/Profile";

/** My profile. */
export default function ProfilePage() {
  return <Profile />;
}
