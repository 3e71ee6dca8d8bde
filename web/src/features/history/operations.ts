/** The usage history. */
import { graphql } from "@/gql";

/** One page of records, newest first. */
export const AuditLogQuery = graphql(`
  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        occurredAt
        action
        entityType
        entityId
        before
        after
        outcome
        errorCode
        ip
        requestId
        actor {
          id
          displayName
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
