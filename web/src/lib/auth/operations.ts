/** The GraphQL operations of signing in and keeping a socket's identity current. */
import { graphql } from "@/gql";

/** Signs in; the API also sets the httpOnly refresh cookie. The refresh token is deliberately not selected. */
export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      accessToken
      accessTokenExpiresAt
    }
  }
`);

/** The signed-in user with what they may do: the navigation and every write action read it. */
export const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      displayName
      roles
      permissions
    }
  }
`);

/** Moves an open WebSocket onto a fresh access token of the same session (`docs/api/auth.md` §10). */
export const RenewSocketAuthMutation = graphql(`
  mutation RenewSocketAuth($input: RenewSocketAuthInput!) {
    renewSocketAuth(input: $input) {
      expiresAt
    }
  }
`);
