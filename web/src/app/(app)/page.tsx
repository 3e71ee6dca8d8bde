/** `/`: the dashboard. */
import { Dashboard } from "@/features/dashboard/Dashboard";

/** The first screen after sign-in. */
export default function DashboardPage() {
  return <Dashboard />;
}
