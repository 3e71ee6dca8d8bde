/** The signed-in user's own account: password and sessions. */
import { graphql } from "@/gql";

/** The caller's active sessions, newest first. */
export const MySessionsQuery = graphql(`
  query MySessions {
    mySessions {
      id
      createdAt
      lastUsedAt
      expiresAt
      ip
      userAgent
      current
    }
  }
`);

/** Changes the password; other sessions end. */
export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      id
    }
  }
`);

/** Ends one of the caller's sessions. */
export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($input: RevokeSessionInput!) {
    revokeSession(input: $input) {
      sessionsEnded
    }
  }
`);
