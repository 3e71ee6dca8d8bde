//! Housekeeping: what is kept only for a while is swept every ten minutes — published events past the replay
//! window, idempotency keys past their retention (a repeat after that is applied anew), and finished webhook
//! deliveries past theirs (pending ones are never swept). Every instance sweeps; the deletes are idempotent.

use std::time::Duration;

use sqlx::PgPool;
use tokio_util::sync::CancellationToken;

use crate::{
    config::Config,
    platform::{idempotency, replay},
    webhooks,
};

/// How often the sweep runs.
const SWEEP_EVERY: Duration = Duration::from_secs(600);

/// How long each kind of record is kept.
#[derive(Debug, Clone, Copy)]
pub struct Retention {
    /// Published events (the replay window of resumable subscriptions).
    pub events: Duration,
    /// Idempotency keys and their stored results.
    pub idempotency_keys: Duration,
    /// Delivered and failed webhook deliveries.
    pub webhook_deliveries: Duration,
}

impl Retention {
    /// The configured retention.
    pub fn from_config(config: &Config) -> Self {
        Self {
            events: config.event_replay_window,
            idempotency_keys: config.idempotency_key_retention,
            webhook_deliveries: config.webhooks.delivery_retention,
        }
    }
}

/// What one sweep deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Published events.
    pub events: u64,
    /// Idempotency keys.
    pub idempotency_keys: u64,
    /// Finished webhook deliveries.
    pub webhook_deliveries: u64,
}

/// Deletes everything older than its retention, once.
pub async fn sweep(pool: &PgPool, retention: Retention) -> Result<Swept, sqlx::Error> {
    let events = replay::prune(pool, retention.events).await?;
    let mut connection = pool.acquire().await?;
    Ok(Swept {
        events,
        idempotency_keys: idempotency::prune(&mut connection, retention.idempotency_keys).await?,
        webhook_deliveries: webhooks::repo::prune_finished(
            &mut connection,
            retention.webhook_deliveries,
        )
        .await?,
    })
}

/// Sweeps every ten minutes until `shutdown`.
pub async fn run(pool: PgPool, retention: Retention, shutdown: CancellationToken) {
    let mut ticks = tokio::time::interval(SWEEP_EVERY);
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            _ = ticks.tick() => match sweep(&pool, retention).await {
                Ok(swept) if swept == Swept::default() => {}
                Ok(swept) => tracing::info!(
                    events = swept.events,
                    idempotency_keys = swept.idempotency_keys,
                    webhook_deliveries = swept.webhook_deliveries,
                    "swept records past their retention"
                ),
                Err(error) => tracing::warn!(%error, "housekeeping sweep failed"),
            },
        }
    }
}
