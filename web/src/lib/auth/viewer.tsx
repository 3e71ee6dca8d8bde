"use client";
/**
 * The signed-in user (`me`) and what they may do. The UI hides what the user's permissions do not allow; the
 * API enforces the same permissions again on every operation.
 */
import { createContext, useContext, type ReactNode } from "react";
import type { MeQuery as MeQueryData, Permission } from "@/gql/graphql";

/** The signed-in user as `me` returns it. */
export type Viewer = MeQueryData["me"];

const ViewerContext = createContext<Viewer | null>(null);

/** Provides the loaded `me` to the screens. */
export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

/** The signed-in user. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (viewer === null) {
    throw new Error("useViewer outside ViewerProvider");
  }
  return viewer;
}

/** Whether the signed-in user has `permission`. */
export function useCan(permission: Permission): boolean {
  return useViewer().permissions.includes(permission);
}
