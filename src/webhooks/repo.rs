//! Webhook SQL. Every function takes the caller's connection, so the service or worker owns the transaction.

use async_graphql::types::Json;
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{DeliveryStatus, Webhook, WebhookDelivery};
use crate::graphql::pagination::PageRequest;

/// The channel the delivery workers listen on.
pub const DELIVERIES_CHANNEL: &str = "klang_webhook_deliveries";

/// Which deliveries to list.
#[derive(Debug, Clone, Default)]
pub struct DeliverySearch {
    /// Only this subscription's.
    pub webhook_id: Option<Uuid>,
    /// Only in this state.
    pub status: Option<DeliveryStatus>,
}

/// A delivery claimed for one attempt, with what is needed to send it.
#[derive(Debug, Clone)]
pub struct ClaimedDelivery {
    /// The delivery.
    pub id: Uuid,
    /// The subscription.
    pub webhook_id: Uuid,
    /// The event.
    pub event_id: Uuid,
    /// The event type.
    pub event_type: String,
    /// The envelope to POST.
    pub payload: Value,
    /// Attempts including this one.
    pub attempts: i32,
    /// Where to POST.
    pub url: String,
    /// The signing key.
    pub secret: String,
}

/// What one fan-out batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FanOutBatch {
    /// Outbox events read.
    pub events: i64,
    /// Deliveries created.
    pub deliveries: i64,
    /// The position of the last event read, if any.
    pub last_position: Option<i64>,
}

/// How an attempt ended, as stored.
#[derive(Debug, Clone)]
pub struct AttemptResult<'a> {
    /// The new state.
    pub status: DeliveryStatus,
    /// The HTTP status of the answer, if one came.
    pub status_code: Option<i32>,
    /// Why it failed.
    pub error: Option<&'a str>,
    /// Seconds until the next attempt (pending only).
    pub retry_in_seconds: f64,
}

/// Stores a new subscription with its secret.
pub async fn insert_webhook(
    connection: &mut PgConnection,
    draft: &Webhook,
    secret: &str,
) -> Result<Webhook, sqlx::Error> {
    sqlx::query_as!(
        Webhook,
        "INSERT INTO webhook_subscriptions (id, name, url, event_types, secret, is_active)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, name, url, event_types, is_active, created_at, updated_at",
        draft.id,
        draft.name,
        draft.url,
        &draft.event_types,
        secret,
        draft.is_active,
    )
    .fetch_one(connection)
    .await
}

/// A subscription, locked for a change.
pub async fn webhook_for_update(
    connection: &mut PgConnection,
    id: Uuid,
) -> Result<Option<Webhook>, sqlx::Error> {
    sqlx::query_as!(
        Webhook,
        "SELECT id, name, url, event_types, is_active, created_at, updated_at
         FROM webhook_subscriptions WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(connection)
    .await
}

/// Saves a subscription's name, URL, types and state; a `secret` replaces the signing key.
pub async fn update_webhook(
    connection: &mut PgConnection,
    webhook: &Webhook,
    secret: Option<&str>,
) -> Result<Webhook, sqlx::Error> {
    sqlx::query_as!(
        Webhook,
        "UPDATE webhook_subscriptions
         SET name = $2, url = $3, event_types = $4, is_active = $5, secret = coalesce($6, secret),
             updated_at = now()
         WHERE id = $1
         RETURNING id, name, url, event_types, is_active, created_at, updated_at",
        webhook.id,
        webhook.name,
        webhook.url,
        &webhook.event_types,
        webhook.is_active,
        secret,
    )
    .fetch_one(connection)
    .await
}

/// Every subscription, oldest first.
pub async fn all_webhooks(connection: &mut PgConnection) -> Result<Vec<Webhook>, sqlx::Error> {
    sqlx::query_as!(
        Webhook,
        "SELECT id, name, url, event_types, is_active, created_at, updated_at
         FROM webhook_subscriptions ORDER BY created_at, id"
    )
    .fetch_all(connection)
    .await
}

/// A delivery row as stored.
struct DeliveryRow {
    id: Uuid,
    subscription_id: Uuid,
    event_id: Uuid,
    event_type: String,
    payload: Value,
    status: String,
    attempts: i32,
    next_attempt_at: DateTime<Utc>,
    last_status_code: Option<i32>,
    last_error: Option<String>,
    created_at: DateTime<Utc>,
    delivered_at: Option<DateTime<Utc>>,
}

impl From<DeliveryRow> for WebhookDelivery {
    fn from(row: DeliveryRow) -> Self {
        Self {
            id: row.id,
            webhook_id: row.subscription_id,
            event_id: row.event_id,
            event_type: row.event_type,
            payload: Json(row.payload),
            status: DeliveryStatus::from_stored(&row.status),
            attempts: row.attempts,
            next_attempt_at: row.next_attempt_at,
            last_status_code: row.last_status_code,
            last_error: row.last_error,
            created_at: row.created_at,
            delivered_at: row.delivered_at,
        }
    }
}

/// One page of deliveries, newest first.
pub async fn search_deliveries(
    connection: &mut PgConnection,
    search: &DeliverySearch,
    page: &PageRequest,
) -> Result<Vec<WebhookDelivery>, sqlx::Error> {
    let rows = sqlx::query_as!(
        DeliveryRow,
        "SELECT id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at,
                last_status_code, last_error, created_at, delivered_at
         FROM webhook_deliveries
         WHERE ($1::uuid IS NULL OR subscription_id = $1)
           AND ($2::text IS NULL OR status = $2)
           AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
         ORDER BY created_at DESC, id DESC
         LIMIT $5",
        search.webhook_id,
        search.status.map(DeliveryStatus::as_str),
        page.after.map(|cursor| cursor.time),
        page.after.map(|cursor| cursor.id),
        page.fetch_limit()
    )
    .fetch_all(connection)
    .await?;
    Ok(rows.into_iter().map(WebhookDelivery::from).collect())
}

/// A delivery, locked for a change.
pub async fn delivery_for_update(
    connection: &mut PgConnection,
    id: Uuid,
) -> Result<Option<WebhookDelivery>, sqlx::Error> {
    let row = sqlx::query_as!(
        DeliveryRow,
        "SELECT id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at,
                last_status_code, last_error, created_at, delivered_at
         FROM webhook_deliveries WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(connection)
    .await?;
    Ok(row.map(WebhookDelivery::from))
}

/// Makes a delivery due now with a fresh set of attempts, and wakes the delivery workers on commit.
pub async fn reschedule_delivery(
    connection: &mut PgConnection,
    id: Uuid,
) -> Result<WebhookDelivery, sqlx::Error> {
    let row = sqlx::query_as!(
        DeliveryRow,
        "UPDATE webhook_deliveries
         SET status = 'PENDING', attempts = 0, next_attempt_at = now(), delivered_at = NULL
         WHERE id = $1
         RETURNING id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at,
                   last_status_code, last_error, created_at, delivered_at",
        id
    )
    .fetch_one(&mut *connection)
    .await?;
    notify_deliveries(connection).await?;
    Ok(row.into())
}

/// Wakes the delivery workers of every instance when the transaction commits.
pub async fn notify_deliveries(connection: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query!("SELECT pg_notify($1, '')", DELIVERIES_CHANNEL)
        .execute(connection)
        .await?;
    Ok(())
}

/// The fan-out cursor, locked for this transaction; `None` while another instance holds it.
pub async fn lock_fan_out_cursor(
    connection: &mut PgConnection,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar!("SELECT last_position FROM webhook_fanout_cursor FOR UPDATE SKIP LOCKED")
        .fetch_optional(connection)
        .await
}

/// Moves the fan-out cursor.
pub async fn set_fan_out_cursor(
    connection: &mut PgConnection,
    position: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE webhook_fanout_cursor SET last_position = $1, updated_at = now()",
        position
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Creates one pending delivery per (numbered event after `after`, active subscription wanting its type), for
/// up to `limit` events in position order. The envelope gains `klangposition`, as on Kafka. A delivery that
/// already exists is left alone.
pub async fn fan_out_after(
    connection: &mut PgConnection,
    after: i64,
    limit: i64,
) -> Result<FanOutBatch, sqlx::Error> {
    let row = sqlx::query!(
        r#"WITH batch AS (
               SELECT id, event_type, payload, position FROM outbox_events
               WHERE position > $1 ORDER BY position LIMIT $2
           ), inserted AS (
               INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, payload)
               SELECT s.id, b.id, b.event_type, b.payload || jsonb_build_object('klangposition', b.position)
               FROM batch b
               JOIN webhook_subscriptions s ON s.is_active AND EXISTS (
                   SELECT 1 FROM unnest(s.event_types) AS wanted (pattern)
                   WHERE wanted.pattern = b.event_type
                      OR (right(wanted.pattern, 1) = '*'
                          AND starts_with(b.event_type, left(wanted.pattern, -1))))
               ORDER BY b.position, s.id
               ON CONFLICT (subscription_id, event_id) DO NOTHING
               RETURNING 1
           )
           SELECT (SELECT count(*) FROM batch) AS "events!",
                  (SELECT count(*) FROM inserted) AS "deliveries!",
                  (SELECT max(position) FROM batch) AS last_position"#,
        after,
        limit
    )
    .fetch_one(connection)
    .await?;
    Ok(FanOutBatch {
        events: row.events,
        deliveries: row.deliveries,
        last_position: row.last_position,
    })
}

/// Deletes delivered and failed deliveries created before `retention` ago (pending ones stay); returns how many.
pub async fn prune_finished(
    connection: &mut PgConnection,
    retention: std::time::Duration,
) -> Result<u64, sqlx::Error> {
    let deleted = sqlx::query!(
        "DELETE FROM webhook_deliveries
         WHERE status <> 'PENDING' AND created_at < now() - make_interval(secs => $1)",
        retention.as_secs_f64()
    )
    .execute(connection)
    .await?;
    Ok(deleted.rows_affected())
}

/// Claims up to `limit` due deliveries of active subscriptions for one attempt each: the attempt is counted and
/// the delivery leased for `lease_seconds` (another worker skips it until then; if this one dies, it is
/// attempted again after the lease).
pub async fn claim_due(
    connection: &mut PgConnection,
    limit: i64,
    lease_seconds: f64,
) -> Result<Vec<ClaimedDelivery>, sqlx::Error> {
    sqlx::query_as!(
        ClaimedDelivery,
        "WITH due AS (
             SELECT d.id FROM webhook_deliveries d
             JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.is_active
             WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
             ORDER BY d.next_attempt_at LIMIT $1
             FOR UPDATE OF d SKIP LOCKED
         )
         UPDATE webhook_deliveries d
         SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
         FROM due, webhook_subscriptions s
         WHERE d.id = due.id AND s.id = d.subscription_id
         RETURNING d.id, d.subscription_id AS webhook_id, d.event_id, d.event_type, d.payload, d.attempts,
                   s.url, s.secret",
        limit,
        lease_seconds
    )
    .fetch_all(connection)
    .await
}

/// Stores how attempt `attempts` of a delivery ended, unless the delivery was replayed meanwhile.
pub async fn record_attempt(
    connection: &mut PgConnection,
    id: Uuid,
    attempts: i32,
    result: &AttemptResult<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE webhook_deliveries
         SET status = $3, last_status_code = $4, last_error = $5,
             next_attempt_at = now() + make_interval(secs => $6),
             delivered_at = CASE WHEN $3 = 'DELIVERED' THEN now() END
         WHERE id = $1 AND attempts = $2 AND status = 'PENDING'",
        id,
        attempts,
        result.status.as_str(),
        result.status_code,
        result.error,
        result.retry_in_seconds,
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// How many deliveries are pending, and when the soonest one of an active subscription is due.
pub async fn pending(
    connection: &mut PgConnection,
) -> Result<(i64, Option<DateTime<Utc>>), sqlx::Error> {
    let row = sqlx::query!(
        "SELECT count(*) AS \"pending!\", min(d.next_attempt_at) FILTER (WHERE s.is_active) AS next_due
         FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
         WHERE d.status = 'PENDING'"
    )
    .fetch_one(connection)
    .await?;
    Ok((row.pending, row.next_due))
}
