//! The transactional outbox: [`enqueue`] writes an event inside the caller's transaction, and the
//! [`OutboxRelay`] publishes committed events in order, at least once, whatever the state of Kafka.

use std::time::Duration;

use sqlx::{PgConnection, PgPool};
use tokio_util::sync::CancellationToken;

use super::{
    bus::Publisher,
    events::CloudEvent,
    listen::{listen, wait_for_notification},
};

/// The PostgreSQL notification channel the outbox trigger signals on.
const NOTIFY_CHANNEL: &str = "klang_outbox";
/// Events published per relay round.
const BATCH_SIZE: i64 = 100;
/// The advisory lock that makes one relay at a time publish, which keeps per-key order across replicas.
const RELAY_LOCK_KEY: i64 = 0x6b6c_616e_6701;

/// Writes `event` to the outbox as part of the caller's transaction.
pub async fn enqueue(
    connection: &mut PgConnection,
    topic: &str,
    event: &CloudEvent,
) -> Result<(), sqlx::Error> {
    let payload = serde_json::to_value(event).map_err(|error| sqlx::Error::Encode(error.into()))?;
    sqlx::query!(
        "INSERT INTO outbox_events (id, topic, event_key, event_type, payload)
         VALUES ($1, $2, $3, $4, $5)",
        event.id,
        topic,
        event.subject,
        event.event_type,
        payload,
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Publishes committed outbox rows, woken by LISTEN/NOTIFY and by a polling timer.
#[derive(Clone)]
pub struct OutboxRelay {
    pool: PgPool,
    publisher: Publisher,
    poll_interval: Duration,
}

/// What one relay round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RelayRound {
    /// Events published and marked.
    pub published: usize,
    /// Whether the round stopped at an event that could not be published.
    pub blocked: bool,
}

impl OutboxRelay {
    /// A relay over `pool` that hands events to `publisher`.
    pub fn new(pool: PgPool, publisher: Publisher, poll_interval: Duration) -> Self {
        Self {
            pool,
            publisher,
            poll_interval,
        }
    }

    /// Runs until `shutdown` is cancelled.
    pub async fn run(self, shutdown: CancellationToken) {
        let mut listener = None;
        let mut backoff = Duration::from_millis(200);
        loop {
            if listener.is_none() {
                listener = listen(&self.pool, NOTIFY_CHANNEL).await;
            }
            let round = self.publish_pending().await.unwrap_or_else(|error| {
                tracing::warn!(error = %error, "outbox relay round failed");
                RelayRound {
                    published: 0,
                    blocked: true,
                }
            });
            self.record_backlog().await;
            if round.published as i64 == BATCH_SIZE && !round.blocked {
                continue;
            }
            let wait = if round.blocked {
                backoff = (backoff * 2).min(Duration::from_secs(5));
                backoff
            } else {
                backoff = Duration::from_millis(200);
                self.poll_interval
            };
            tokio::select! {
                () = shutdown.cancelled() => return,
                () = tokio::time::sleep(wait) => {}
                notified = wait_for_notification(&mut listener), if !round.blocked => {
                    if !notified {
                        listener = None;
                    }
                }
            }
        }
    }

    /// Publishes up to one batch of pending events in order and marks them up to the first failure; the rest
    /// go again next round, after the failed one. One relay at a time across replicas: the round holds a
    /// session advisory lock (released when it ends, or with the connection if the process dies).
    pub async fn publish_pending(&self) -> Result<RelayRound, sqlx::Error> {
        let mut connection = self.pool.acquire().await?;
        let locked = sqlx::query_scalar!("SELECT pg_try_advisory_lock($1)", RELAY_LOCK_KEY)
            .fetch_one(&mut *connection)
            .await?
            .unwrap_or(false);
        if !locked {
            return Ok(RelayRound::default());
        }
        let round = self.publish_batch(&mut connection).await;
        let unlocked = sqlx::query_scalar!("SELECT pg_advisory_unlock($1)", RELAY_LOCK_KEY)
            .fetch_one(&mut *connection)
            .await;
        if unlocked.is_err() {
            // Never hand a connection that may still hold the lock back to the pool: closing it releases it.
            drop(connection.detach());
        }
        round
    }

    async fn publish_batch(
        &self,
        connection: &mut PgConnection,
    ) -> Result<RelayRound, sqlx::Error> {
        // Number new events 1, 2, 3... after the newest, and commit the numbers before anything is published:
        // an event that reached Kafka is always visible to a replay (see `platform::replay`). A retried event
        // keeps its number.
        sqlx::query!(
            "WITH top AS (SELECT coalesce(max(position), 0) AS position FROM outbox_events),
                  batch AS (SELECT id, row_number() OVER (ORDER BY seq) AS rank FROM
                              (SELECT id, seq FROM outbox_events WHERE published_at IS NULL AND position IS NULL
                               ORDER BY seq LIMIT $1) AS unnumbered)
             UPDATE outbox_events o SET position = top.position + batch.rank
             FROM batch, top WHERE o.id = batch.id",
            BATCH_SIZE
        )
        .execute(&mut *connection)
        .await?;
        let rows = sqlx::query!(
            "SELECT id, topic, payload, position AS \"position!\" FROM outbox_events
             WHERE published_at IS NULL AND position IS NOT NULL ORDER BY position LIMIT $1",
            BATCH_SIZE
        )
        .fetch_all(&mut *connection)
        .await?;
        let mut batch = Vec::with_capacity(rows.len());
        for row in rows {
            let Ok(mut event) = serde_json::from_value::<CloudEvent>(row.payload) else {
                // A row that is not a CloudEvent can never be published: set it aside, keep the rest moving.
                tracing::error!(event.id = %row.id, "outbox row is not a CloudEvent; skipped");
                sqlx::query!(
                    "UPDATE outbox_events SET published_at = now(), last_error = 'skipped: not a CloudEvent'
                     WHERE id = $1",
                    row.id
                )
                .execute(&mut *connection)
                .await?;
                continue;
            };
            event.position = Some(row.position);
            batch.push((row.id, row.topic, event));
        }
        // The whole batch goes out at once, in order (the producer is idempotent, so Kafka keeps each
        // partition's order through retries); then the acknowledgements are read in order. Rows from the first
        // failure on stay unpublished and go again next round (consumers drop the repeats by event id).
        let outcomes = futures::future::join_all(
            batch
                .iter()
                .map(|(_, topic, event)| self.publisher.publish(topic, event)),
        )
        .await;
        let mut published = Vec::with_capacity(batch.len());
        let mut blocked = false;
        for ((id, _, _), outcome) in batch.iter().zip(outcomes) {
            if let Err(error) = outcome {
                tracing::warn!(error = %error, event.id = %id, "outbox event not published yet");
                sqlx::query!(
                    "UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE id = $1",
                    id,
                    error.to_string()
                )
                .execute(&mut *connection)
                .await?;
                blocked = true;
                break;
            }
            published.push(*id);
        }
        sqlx::query!(
            "UPDATE outbox_events SET published_at = now() WHERE id = ANY($1)",
            &published
        )
        .execute(&mut *connection)
        .await?;
        Ok(RelayRound {
            published: published.len(),
            blocked,
        })
    }

    async fn record_backlog(&self) {
        let backlog = sqlx::query!(
            "SELECT count(*) AS \"pending!\",
                    COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS \"oldest_age!\"
             FROM outbox_events WHERE published_at IS NULL"
        )
        .fetch_one(&self.pool)
        .await;
        if let Ok(backlog) = backlog {
            metrics::gauge!("klang_outbox_pending_events").set(backlog.pending as f64);
            metrics::gauge!("klang_outbox_oldest_pending_age_seconds").set(backlog.oldest_age);
        }
    }
}
