//! Readiness: whether each dependency answers. `/readyz` reports it on request; [`watch`] records it every ten
//! seconds as `klang_ready` and `klang_dependency_up` so that Prometheus sees flapping between scrapes of
//! `/readyz` (which it does not scrape).

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::state::AppState;

/// How often [`watch`] checks.
const CHECK_EVERY: Duration = Duration::from_secs(10);

/// The answer of each dependency; `None` for one that runs embedded (no Redis or no Kafka configured).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readiness {
    /// PostgreSQL answered a query.
    pub postgres: bool,
    /// Redis answered PING.
    pub redis: Option<bool>,
    /// Kafka answered and the live consumer reads every partition.
    pub kafka: Option<bool>,
}

impl Readiness {
    /// Asks every dependency, and records the answers as gauges.
    pub async fn check(state: &AppState) -> Self {
        let postgres = sqlx::query_scalar!("SELECT 1 AS \"one!\"")
            .fetch_one(&state.pool)
            .await
            .is_ok();
        let redis = if state.kv.is_shared() {
            Some(state.kv.ping().await.is_ok())
        } else {
            None
        };
        let kafka = match (&state.kafka, &state.live_consumer) {
            (Some(bus), Some(consumer)) => Some(bus.ping().await && consumer.is_ready()),
            _ => None,
        };
        let readiness = Self {
            postgres,
            redis,
            kafka,
        };
        readiness.record();
        readiness
    }

    /// Whether every configured dependency answered.
    pub fn is_ready(&self) -> bool {
        self.postgres && self.redis.unwrap_or(true) && self.kafka.unwrap_or(true)
    }

    fn record(&self) {
        let up = |answered: bool| if answered { 1.0 } else { 0.0 };
        metrics::gauge!("klang_dependency_up", "dependency" => "postgres").set(up(self.postgres));
        if let Some(redis) = self.redis {
            metrics::gauge!("klang_dependency_up", "dependency" => "redis").set(up(redis));
        }
        if let Some(kafka) = self.kafka {
            metrics::gauge!("klang_dependency_up", "dependency" => "kafka").set(up(kafka));
        }
        metrics::gauge!("klang_ready").set(up(self.is_ready()));
    }
}

/// Checks readiness every ten seconds until `shutdown`.
pub async fn watch(state: AppState, shutdown: CancellationToken) {
    let mut ticks = tokio::time::interval(CHECK_EVERY);
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            _ = ticks.tick() => {
                Readiness::check(&state).await;
            }
        }
    }
}
