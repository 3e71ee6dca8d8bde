//! Fixed-window rate limits shared through the key-value store, with a local fallback so that a Redis outage
//! never blocks the action being limited.

use std::time::Duration;

use super::kv::{KeyValueStore, MemoryStore, WindowCount};

/// A limit was exceeded; retry after the given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limited {
    /// Time until the window resets.
    pub retry_after: Duration,
}

/// One named limit: at most `max` hits (or units of cost) per `window` for each subject.
#[derive(Clone)]
pub struct RateLimiter {
    store: KeyValueStore,
    fallback: MemoryStore,
    name: &'static str,
    max: u64,
    window: Duration,
}

impl RateLimiter {
    /// A limiter called `name` (part of its keys) allowing `max` hits per `window`.
    pub fn new(store: KeyValueStore, name: &'static str, max: u64, window: Duration) -> Self {
        Self {
            store,
            fallback: MemoryStore::default(),
            name,
            max,
            window,
        }
    }

    /// Counts one hit for `subject` and refuses it when the window is full.
    pub async fn check(&self, subject: &str) -> Result<(), Limited> {
        self.spend(subject, 1).await
    }

    /// Spends `amount` of `subject`'s allowance and refuses when the window's total exceeds the limit.
    pub async fn spend(&self, subject: &str, amount: u64) -> Result<(), Limited> {
        spend_all(&[(self, subject)], amount).await
    }

    fn key(&self, subject: &str) -> String {
        format!("ratelimit:{}:{subject}", self.name)
    }

    fn judge(&self, count: WindowCount) -> Result<(), Limited> {
        if count.count > self.max {
            metrics::counter!("klang_rate_limited_total", "limiter" => self.name).increment(1);
            Err(Limited {
                retry_after: count.resets_in.max(Duration::from_secs(1)),
            })
        } else {
            Ok(())
        }
    }
}

/// Spends `amount` from each `(limiter, subject)` allowance in one round trip to the store (the limiters share
/// it); refused when any of them is over its limit, with the longest wait.
pub async fn spend_all(charges: &[(&RateLimiter, &str)], amount: u64) -> Result<(), Limited> {
    let Some((first, _)) = charges.first() else {
        return Ok(());
    };
    let keys: Vec<String> = charges
        .iter()
        .map(|(limiter, subject)| limiter.key(subject))
        .collect();
    let hits: Vec<(&str, Duration)> = keys
        .iter()
        .zip(charges)
        .map(|(key, (limiter, _))| (key.as_str(), limiter.window))
        .collect();
    let counts = match first.store.hit_all(&hits, amount).await {
        Ok(counts) => counts,
        Err(error) => {
            tracing::warn!(error = %error, "rate limiter falls back to local memory");
            hits.iter()
                .zip(charges)
                .map(|((key, window), (limiter, _))| limiter.fallback.hit(key, amount, *window))
                .collect()
        }
    };
    charges
        .iter()
        .zip(counts)
        .map(|((limiter, _), count)| limiter.judge(count))
        .filter_map(Result::err)
        .max_by_key(|limited| limited.retry_after)
        .map_or(Ok(()), Err)
}
