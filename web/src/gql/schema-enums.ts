/** Whether the recorded action succeeded. */
export type AuditOutcome =
  /** It was refused or failed; `errorCode` says why. */
  | 'FAILURE'
  /** It took effect. */
  | 'SUCCESS';

/** Where a cycle count stands. */
export type CountStatus =
  /** Variances are posted; the count is closed. */
  | 'COMPLETED'
  /** Lines are being recorded. */
  | 'OPEN';

/** Stable, typed error codes; part of the schema so that clients can match on them. */
export type ErrorCode =
  /** The request is not a GraphQL request this schema accepts: malformed body, parse or validation failure. */
  | 'BAD_REQUEST'
  /** The input is invalid; `extensions.fields` lists the offending paths. */
  | 'BAD_USER_INPUT'
  /** The change conflicts with the current state (duplicate, stale, illegal transition). */
  | 'CONFLICT'
  /** A subscription asked to resume after an event that is no longer kept: reload, then subscribe afresh. */
  | 'EVENT_NOT_RETAINED'
  /** Signed in, but without the permission the operation needs. */
  | 'FORBIDDEN'
  /** Not enough available stock for the requested quantity. */
  | 'INSUFFICIENT_STOCK'
  /** Something failed on our side; the request id in the logs tells us what. */
  | 'INTERNAL'
  /** The thing asked for does not exist (or is not visible to the caller). */
  | 'NOT_FOUND'
  /** The request body is larger than `GRAPHQL_MAX_BODY_BYTES` (files go to S3 by presigned URL instead). */
  | 'PAYLOAD_TOO_LARGE'
  /** The persisted document's hash is unknown here; send the full document (when allowed) or regenerate. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** This service runs only persisted documents (trusted documents); send the hash of a known one. */
  | 'PERSISTED_QUERY_REQUIRED'
  /** Too many attempts; `extensions.retryAfterSeconds` says when to try again. */
  | 'RATE_LIMITED'
  /** A subscription fell too far behind its events and was ended: subscribe again with `after`. */
  | 'SUBSCRIBER_TOO_SLOW'
  /** The operation ran longer than the configured limit and was stopped (nothing it started was committed). */
  | 'TIMEOUT'
  /** No valid access token (missing, expired, revoked): sign in or refresh. */
  | 'UNAUTHENTICATED';

/** The kinds of entries in the movement ledger. */
export type MovementType =
  /** A correction with a reason (damage, loss, found); up or down. */
  | 'ADJUST'
  /** The difference a cycle count found, posted when the count completes. */
  | 'COUNT_VARIANCE'
  /** Goods left (sold, used): on hand goes down; needs available stock. */
  | 'ISSUE'
  /** Goods arrived: on hand goes up. */
  | 'RECEIVE'
  /** A promise withdrawn: reserved goes down. */
  | 'RELEASE'
  /** Stock promised to an order: reserved goes up; needs available stock. */
  | 'RESERVE'
  /** Goods arrived from another warehouse. */
  | 'TRANSFER_IN'
  /** Goods left for another warehouse (in transit). */
  | 'TRANSFER_OUT';

/** A named capability checked before a guarded operation runs. */
export type Permission =
  /** Read the usage history. */
  | 'AUDIT_READ'
  /** Create and change products and categories. */
  | 'PRODUCT_WRITE'
  /** Generate and schedule reports. */
  | 'REPORT_GENERATE'
  /** Dispatch shipments. */
  | 'SHIPMENT_DISPATCH'
  /** Create and edit delivery orders. */
  | 'SHIPMENT_MANAGE'
  /** Adjust stock and post cycle counts. */
  | 'STOCK_ADJUST'
  /** Receive, issue, transfer and reserve stock. */
  | 'STOCK_MOVE'
  /** Create, assign and close tasks. */
  | 'TASK_MANAGE'
  /** Create, update and deactivate users; assign roles; revoke others' sessions. */
  | 'USER_MANAGE'
  /** See the user list and other users' details. */
  | 'USER_READ'
  /** Register webhook subscribers. */
  | 'WEBHOOK_MANAGE';

/** How a product list is ordered. */
export type ProductSort =
  /** By Thai name, in Thai dictionary order. */
  | 'NAME'
  /** Newest first (the default). */
  | 'NEWEST'
  /** Cheapest first. */
  | 'PRICE_ASC'
  /** Most expensive first. */
  | 'PRICE_DESC'
  /** By SKU. */
  | 'SKU';

/** The seeded roles. Their codes match the `roles` table. */
export type Role =
  /** Everything. */
  | 'ADMIN'
  /** Manages and dispatches shipments and works tasks. */
  | 'DISPATCHER'
  /** Runs the operation: everything but user administration and webhooks. */
  | 'MANAGER'
  /** Reads what every signed-in user may read. */
  | 'VIEWER'
  /** Moves stock and works tasks. */
  | 'WAREHOUSE_STAFF';

/** Where a transfer stands. */
export type TransferStatus =
  /** Sent, nothing received yet. */
  | 'IN_TRANSIT'
  /** Some lines (or part of a line) received. */
  | 'PARTIALLY_RECEIVED'
  /** Everything sent has arrived. */
  | 'RECEIVED';

/** Where a delivery stands. */
export type WebhookDeliveryStatus =
  /** The subscriber answered 2xx. */
  | 'DELIVERED'
  /** Every attempt failed; `replayWebhookDelivery` sends it again. */
  | 'FAILED'
  /** Waiting for its next attempt. */
  | 'PENDING';
