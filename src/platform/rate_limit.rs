//! Fixed-window rate limits shared through the key-value store, with a local fallback so that a Redis outage
//! never blocks the action being limited.

use std::time::Duration;

use super::kv::{KeyValueStore, MemoryStore};

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
        let key = format!("ratelimit:{}:{subject}", self.name);
        let count = match self.store.hit(&key, amount, self.window).await {
            Ok(count) => count,
            Err(error) => {
                tracing::warn!(error = %error, limiter = self.name, "rate limiter falls back to local memory");
                self.fallback.hit(&key, amount, self.window)
            }
        };
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
