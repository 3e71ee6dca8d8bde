/** Webhook administration: subscribers, their signing secrets and their delivery log (needs `webhook:manage`). */
import { graphql } from "@/gql";

/** Every subscriber. */
export const WebhooksQuery = graphql(`
  query Webhooks {
    webhooks {
      id
      name
      url
      eventTypes
      isActive
      createdAt
      updatedAt
    }
  }
`);

/** Registers a subscriber; the answer carries its signing secret, shown only this once. */
export const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
        name
        url
        eventTypes
        isActive
        createdAt
        updatedAt
      }
    }
  }
`);

/** Renames, moves, changes the event types of, or (de)activates a subscriber. */
export const UpdateWebhookMutation = graphql(`
  mutation UpdateWebhook($input: UpdateWebhookInput!) {
    updateWebhook(input: $input) {
      id
      name
      url
      eventTypes
      isActive
      updatedAt
    }
  }
`);

/** A new signing secret (shown only in this answer); the old one stops at once. */
export const RotateWebhookSecretMutation = graphql(`
  mutation RotateWebhookSecret($id: UUID!) {
    rotateWebhookSecret(id: $id) {
      secret
      webhook {
        id
        updatedAt
      }
    }
  }
`);

/** One page of a subscriber's deliveries, newest first. */
export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($filter: WebhookDeliveryFilter, $first: Int, $after: String) {
    webhookDeliveries(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        webhookId
        eventId
        eventType
        status
        attempts
        nextAttemptAt
        lastStatusCode
        lastError
        createdAt
        deliveredAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Sends a delivery again now, with a fresh set of attempts. */
export const ReplayWebhookDeliveryMutation = graphql(`
  mutation ReplayWebhookDelivery($id: UUID!) {
    replayWebhookDelivery(id: $id) {
      id
      status
      attempts
      nextAttemptAt
      lastStatusCode
      lastError
      deliveredAt
    }
  }
`);
