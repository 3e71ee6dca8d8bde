/** The layout of every signed-in screen: the app shell (navigation, session guard) around the page. */
import type { ReactNode } from "react";
import { AppShell } from "@/features/shell/AppShell";

/** Wraps the signed-in pages. */
export default function SignedInLayout({ children }: { children: ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
