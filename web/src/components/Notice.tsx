/** A message box: errors are announced at once (`role="alert"`), the rest politely (`role="status"`). */
import type { ReactNode } from "react";

/** Shows `children` as an error, success or information notice. */
export function Notice({ kind, children }: { kind: "error" | "success" | "info"; children: ReactNode }) {
  return (
    <div className={`notice ${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
