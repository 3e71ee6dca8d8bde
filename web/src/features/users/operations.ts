/** User administration: list, create, roles, deactivate. */
import { graphql } from "@/gql";

/** One page of users, oldest first. */
export const UsersQuery = graphql(`
  query Users($filter: UserFilter, $first: Int, $after: String) {
    users(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        email
        displayName
        isActive
        roles
        createdAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Creates a user. */
export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      email
      displayName
      isActive
      roles
      createdAt
    }
  }
`);

/** Replaces a user's roles. */
export const AssignRolesMutation = graphql(`
  mutation AssignRoles($input: AssignRolesInput!) {
    assignRoles(input: $input) {
      id
      roles
      permissions
    }
  }
`);

/** Deactivates a user (their sessions end at once). */
export const DeactivateUserMutation = graphql(`
  mutation DeactivateUser($input: DeactivateUserInput!) {
    deactivateUser(input: $input) {
      id
      isActive
    }
  }
`);
