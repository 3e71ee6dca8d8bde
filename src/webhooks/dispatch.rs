//! The webhook leg of every event, in two background workers that never touch the write path:
//!
//! - fan-out: one instance at a time (the cursor row is locked with `FOR UPDATE SKIP LOCKED`) reads the numbered
//!   outbox events after the cursor, in position order, and creates one pending delivery per matching active
//!   subscription, moving the cursor in the same transaction;
//! - delivery: every instance claims due deliveries (`FOR UPDATE SKIP LOCKED`, then a lease), POSTs each signed
//!   envelope in a task of its own, and records the answer: delivered, retry later with backoff, or failed.
//!
//! Both wake on PostgreSQL notifications and poll as a fallback. A dead subscriber only fills its own retry
//! schedule: nothing waits for it but its own deliveries.

use std::time::{Duration, Instant};

use chrono::Utc;
use reqwest::{header::CONTENT_TYPE, redirect::Policy};
use sqlx::PgPool;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::{
    model::{DeliveryStatus, retry_delay},
    repo::{self, AttemptResult, ClaimedDelivery, DELIVERIES_CHANNEL, FanOutBatch},
    signature::signature_header,
};
use crate::{
    config::WebhookConfig,
    platform::listen::{listen, wait_for_notification},
};

/// The channel the outbox trigger signals on when the relay numbers events.
const EVENTS_CHANNEL: &str = "klang_webhook_events";
/// Events fanned out per round.
const FAN_OUT_BATCH: i64 = 500;
/// Deliveries one instance sends at the same time.
const MAX_IN_FLIGHT: usize = 32;
/// The longest error text kept on a delivery (the column's limit).
const MAX_ERROR_CHARS: usize = 500;
/// The shortest pause between delivery rounds, so that a due delivery another worker holds is not spun on.
const MIN_WAIT: Duration = Duration::from_millis(20);

/// Fans events out into deliveries and sends them.
#[derive(Clone)]
pub struct Dispatcher {
    pool: PgPool,
    client: reqwest::Client,
    config: WebhookConfig,
}

impl Dispatcher {
    /// A dispatcher over `pool`; fails only when the HTTP client cannot be built (no TLS roots).
    pub fn new(pool: PgPool, config: WebhookConfig) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            // A redirect is an answer like any other: following it would send the signed event elsewhere.
            .redirect(Policy::none())
            .user_agent(concat!("Klang-Webhooks/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            pool,
            client,
            config,
        })
    }

    /// Fans out up to one batch of events after the cursor; does nothing while another instance fans out.
    pub async fn fan_out(&self) -> Result<FanOutBatch, sqlx::Error> {
        let mut transaction = self.pool.begin().await?;
        let Some(after) = repo::lock_fan_out_cursor(&mut transaction).await? else {
            return Ok(FanOutBatch::default());
        };
        let batch = repo::fan_out_after(&mut transaction, after, FAN_OUT_BATCH).await?;
        if let Some(last) = batch.last_position {
            repo::set_fan_out_cursor(&mut transaction, last).await?;
        }
        if batch.deliveries > 0 {
            repo::notify_deliveries(&mut transaction).await?;
        }
        transaction.commit().await?;
        Ok(batch)
    }

    /// Runs the fan-out until `shutdown` is cancelled.
    pub async fn run_fan_out(self, shutdown: CancellationToken) {
        let mut listener = None;
        loop {
            if listener.is_none() {
                listener = listen(&self.pool, EVENTS_CHANNEL).await;
            }
            match self.fan_out().await {
                Ok(batch) if batch.events == FAN_OUT_BATCH => continue,
                Ok(batch) if batch.deliveries > 0 => {
                    tracing::debug!(
                        events = batch.events,
                        deliveries = batch.deliveries,
                        "events fanned out to webhooks"
                    );
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "webhook fan-out round failed"),
            }
            tokio::select! {
                () = shutdown.cancelled() => return,
                () = tokio::time::sleep(self.config.poll_interval) => {}
                notified = wait_for_notification(&mut listener) => {
                    if !notified {
                        listener = None;
                    }
                }
            }
        }
    }

    /// Runs the delivery worker until `shutdown` is cancelled; attempts still running then are dropped and,
    /// once their lease ends, attempted again (by this or another instance).
    pub async fn run_deliveries(self, shutdown: CancellationToken) {
        let mut listener = None;
        let mut in_flight = JoinSet::new();
        loop {
            if listener.is_none() {
                listener = listen(&self.pool, DELIVERIES_CHANNEL).await;
            }
            let free = MAX_IN_FLIGHT - in_flight.len();
            if free > 0 {
                let claimed = self.claim(free).await;
                let full = claimed.len() == free;
                for delivery in claimed {
                    in_flight.spawn(self.clone().attempt(delivery));
                }
                if full {
                    continue;
                }
            }
            let wait = if free > 0 {
                self.until_next_due().await
            } else {
                self.config.poll_interval
            };
            tokio::select! {
                () = shutdown.cancelled() => return,
                () = tokio::time::sleep(wait) => {}
                Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {}
                notified = wait_for_notification(&mut listener) => {
                    if !notified {
                        listener = None;
                    }
                }
            }
        }
    }

    async fn claim(&self, limit: usize) -> Vec<ClaimedDelivery> {
        // The lease outlasts the longest attempt, so that no other worker sends the delivery meanwhile.
        let lease = self.config.timeout + Duration::from_secs(30);
        let claimed = async {
            let mut connection = self.pool.acquire().await?;
            repo::claim_due(&mut connection, limit as i64, lease.as_secs_f64()).await
        };
        claimed.await.unwrap_or_else(|error| {
            tracing::warn!(%error, "claiming webhook deliveries failed");
            Vec::new()
        })
    }

    /// Updates the pending gauge; returns how long to sleep: until the soonest due delivery, at most the poll
    /// interval.
    async fn until_next_due(&self) -> Duration {
        let pending = async {
            let mut connection = self.pool.acquire().await?;
            repo::pending(&mut connection).await
        };
        let Ok((count, next_due)) = pending.await else {
            return self.config.poll_interval;
        };
        metrics::gauge!("klang_webhook_pending").set(count as f64);
        next_due
            .and_then(|due| (due - Utc::now()).to_std().ok())
            .map_or(self.config.poll_interval, |until| {
                until.min(self.config.poll_interval)
            })
            .max(MIN_WAIT)
    }

    /// One attempt: POST, then record the answer.
    async fn attempt(self, delivery: ClaimedDelivery) {
        let started = Instant::now();
        let answer = self.post(&delivery).await;
        metrics::histogram!("klang_webhook_delivery_duration_seconds")
            .record(started.elapsed().as_secs_f64());
        let (status_code, error) = match answer {
            Ok(code) if (200..300).contains(&code) => (Some(i32::from(code)), None),
            Ok(code) => (Some(i32::from(code)), Some(format!("HTTP {code}"))),
            Err(problem) => (None, Some(problem)),
        };
        let (status, retry_in) = match &error {
            None => (DeliveryStatus::Delivered, Duration::ZERO),
            Some(_) if delivery.attempts >= self.config.max_attempts => {
                (DeliveryStatus::Failed, Duration::ZERO)
            }
            Some(_) => (
                DeliveryStatus::Pending,
                retry_delay(self.config.retry_base, delivery.attempts),
            ),
        };
        let error: Option<String> = error.map(|text| text.chars().take(MAX_ERROR_CHARS).collect());
        let result = AttemptResult {
            status,
            status_code,
            error: error.as_deref(),
            retry_in_seconds: retry_in.as_secs_f64(),
        };
        let recorded = async {
            let mut connection = self.pool.acquire().await?;
            repo::record_attempt(&mut connection, delivery.id, delivery.attempts, &result).await
        };
        if let Err(error) = recorded.await {
            // The lease runs out and the delivery is attempted again: receivers drop repeats by event id.
            tracing::warn!(%error, delivery.id = %delivery.id, "could not record a webhook attempt");
        }
        let outcome = match status {
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Pending => "retry",
            DeliveryStatus::Failed => "failed",
        };
        metrics::counter!("klang_webhook_deliveries_total", "outcome" => outcome).increment(1);
        match status {
            DeliveryStatus::Delivered => tracing::info!(
                delivery.id = %delivery.id,
                webhook.id = %delivery.webhook_id,
                event.id = %delivery.event_id,
                event.r#type = %delivery.event_type,
                attempts = delivery.attempts,
                "webhook delivered"
            ),
            _ => tracing::warn!(
                delivery.id = %delivery.id,
                webhook.id = %delivery.webhook_id,
                event.id = %delivery.event_id,
                attempts = delivery.attempts,
                error = error.as_deref().unwrap_or_default(),
                retry_in_ms = retry_in.as_millis() as u64,
                outcome,
                "webhook delivery failed"
            ),
        }
    }

    /// POSTs the signed envelope; the HTTP status of any answer, or why none came.
    async fn post(&self, delivery: &ClaimedDelivery) -> Result<u16, String> {
        let body = serde_json::to_vec(&delivery.payload).map_err(|error| error.to_string())?;
        let signature = signature_header(&delivery.secret, Utc::now().timestamp(), &body);
        let response = self
            .client
            .post(&delivery.url)
            .header(CONTENT_TYPE, "application/json")
            .header("Klang-Event-Id", delivery.event_id.to_string())
            .header("Klang-Event-Type", &delivery.event_type)
            .header("Klang-Delivery-Id", delivery.id.to_string())
            .header("Klang-Signature", signature)
            .body(body)
            .send()
            .await
            .map_err(|error| {
                // Never the URL: it often carries the receiver's own secret path.
                if error.is_timeout() {
                    format!("timed out after {} ms", self.config.timeout.as_millis())
                } else if error.is_connect() {
                    "could not connect".to_owned()
                } else {
                    error.without_url().to_string()
                }
            })?;
        Ok(response.status().as_u16())
    }
}
