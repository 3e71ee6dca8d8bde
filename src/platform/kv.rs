//! A small key-value store over Redis, or over process memory when `REDIS_URL` is unset.
//!
//! Only what the service needs: counters in fixed windows (rate limits), flags with a time to live (revoked
//! sessions) and text values with a time to live (cache-aside reads). Every key gets the configured prefix. Callers decide what a Redis error means for them:
//! the rate limiter falls back to memory, the session check falls back to PostgreSQL.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use redis::{AsyncCommands, aio::ConnectionManager};

/// A Redis command failed (the server is down, slow or refused the command).
#[derive(Debug, thiserror::Error)]
#[error("redis unavailable: {0}")]
pub struct KvError(#[from] redis::RedisError);

/// A counter's state after one hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowCount {
    /// Hits in the current window, this one included.
    pub count: u64,
    /// Time until the window resets.
    pub resets_in: Duration,
}

/// The store: Redis when configured, process memory otherwise.
#[derive(Clone)]
pub struct KeyValueStore {
    backend: Backend,
    prefix: String,
}

#[derive(Clone)]
enum Backend {
    Redis(ConnectionManager),
    Memory(MemoryStore),
}

impl KeyValueStore {
    /// Connects lazily to Redis: a Redis that is down at start-up does not stop the service.
    pub fn redis(url: &str, prefix: &str) -> Result<Self, KvError> {
        let client = redis::Client::open(url)?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_millis(500)))
            .set_response_timeout(Some(Duration::from_millis(500)))
            .set_number_of_retries(1)
            .set_max_delay(Duration::from_millis(200));
        let manager = ConnectionManager::new_lazy_with_config(client, config)?;
        Ok(Self {
            backend: Backend::Redis(manager),
            prefix: prefix.to_owned(),
        })
    }

    /// A store held in this process only (single-instance development).
    pub fn memory(prefix: &str) -> Self {
        Self {
            backend: Backend::Memory(MemoryStore::default()),
            prefix: prefix.to_owned(),
        }
    }

    /// Whether this store is shared between instances.
    pub fn is_shared(&self) -> bool {
        matches!(self.backend, Backend::Redis(_))
    }

    /// Adds `amount` to the count of each key, each in a fixed window of its own length, in one round trip;
    /// returns the counts in the order of `hits`.
    pub async fn hit_all(
        &self,
        hits: &[(&str, Duration)],
        amount: u64,
    ) -> Result<Vec<WindowCount>, KvError> {
        let keyed: Vec<(String, Duration)> = hits
            .iter()
            .map(|(key, window)| (self.key(key), *window))
            .collect();
        match &self.backend {
            Backend::Memory(memory) => Ok(keyed
                .iter()
                .map(|(key, window)| memory.hit(key, amount, *window))
                .collect()),
            Backend::Redis(manager) => {
                let mut pipe = redis::pipe();
                pipe.atomic();
                for (key, window) in &keyed {
                    let window_ms = window.as_millis().max(1) as i64;
                    pipe.incr(key, amount)
                        .cmd("PEXPIRE")
                        .arg(key)
                        .arg(window_ms)
                        .arg("NX")
                        .ignore()
                        .pttl(key);
                }
                let mut connection = manager.clone();
                let replies: Vec<i64> = pipe
                    .query_async(&mut connection)
                    .await
                    .inspect_err(|_| count_redis_error())?;
                Ok(replies
                    .chunks_exact(2)
                    .map(|reply| WindowCount {
                        count: reply[0].max(0) as u64,
                        resets_in: Duration::from_millis(reply[1].max(0) as u64),
                    })
                    .collect())
            }
        }
    }

    /// Sets a flag on `key` that disappears after `ttl`.
    pub async fn set_flag(&self, key: &str, ttl: Duration) -> Result<(), KvError> {
        let key = self.key(key);
        match &self.backend {
            Backend::Memory(memory) => {
                memory.set_flag(&key, ttl);
                Ok(())
            }
            Backend::Redis(manager) => {
                let mut connection = manager.clone();
                connection
                    .pset_ex::<_, _, ()>(&key, 1u8, ttl.as_millis().max(1) as u64)
                    .await
                    .inspect_err(|_| count_redis_error())?;
                Ok(())
            }
        }
    }

    /// Whether a flag set by [`Self::set_flag`] is still present.
    pub async fn has_flag(&self, key: &str) -> Result<bool, KvError> {
        let key = self.key(key);
        match &self.backend {
            Backend::Memory(memory) => Ok(memory.has_flag(&key)),
            Backend::Redis(manager) => {
                let mut connection = manager.clone();
                Ok(connection
                    .exists(&key)
                    .await
                    .inspect_err(|_| count_redis_error())?)
            }
        }
    }

    /// Stores a text value under `key` for `ttl`.
    pub async fn set(&self, key: &str, value: &str, ttl: Duration) -> Result<(), KvError> {
        let key = self.key(key);
        match &self.backend {
            Backend::Memory(memory) => {
                memory.set(&key, value, ttl);
                Ok(())
            }
            Backend::Redis(manager) => {
                let mut connection = manager.clone();
                connection
                    .pset_ex::<_, _, ()>(&key, value, ttl.as_millis().max(1) as u64)
                    .await
                    .inspect_err(|_| count_redis_error())?;
                Ok(())
            }
        }
    }

    /// The text value under `key`, if any.
    pub async fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        let key = self.key(key);
        match &self.backend {
            Backend::Memory(memory) => Ok(memory.get(&key)),
            Backend::Redis(manager) => {
                let mut connection = manager.clone();
                Ok(connection
                    .get(&key)
                    .await
                    .inspect_err(|_| count_redis_error())?)
            }
        }
    }

    /// Removes `key`.
    pub async fn delete(&self, key: &str) -> Result<(), KvError> {
        let key = self.key(key);
        match &self.backend {
            Backend::Memory(memory) => {
                memory.delete(&key);
                Ok(())
            }
            Backend::Redis(manager) => {
                let mut connection = manager.clone();
                connection
                    .del::<_, ()>(&key)
                    .await
                    .inspect_err(|_| count_redis_error())?;
                Ok(())
            }
        }
    }

    /// Answers PING, for readiness.
    pub async fn ping(&self) -> Result<(), KvError> {
        match &self.backend {
            Backend::Memory(_) => Ok(()),
            Backend::Redis(manager) => {
                let mut connection = manager.clone();
                redis::cmd("PING")
                    .query_async::<String>(&mut connection)
                    .await
                    .inspect_err(|_| count_redis_error())?;
                Ok(())
            }
        }
    }

    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }
}

fn count_redis_error() {
    metrics::counter!("klang_redis_errors_total").increment(1);
}

/// Process-local counters, flags and values with expiry.
#[derive(Clone, Default)]
pub struct MemoryStore {
    entries: Arc<Mutex<HashMap<String, (Stored, Instant)>>>,
}

#[derive(Clone)]
enum Stored {
    Count(u64),
    Text(String),
}

impl MemoryStore {
    /// Adds `amount` to the count of `key` in a fixed window of length `window`.
    pub fn hit(&self, key: &str, amount: u64, window: Duration) -> WindowCount {
        let now = Instant::now();
        let mut entries = self.lock();
        entries.retain(|_, (_, expires)| *expires > now);
        let entry = entries
            .entry(key.to_owned())
            .or_insert((Stored::Count(0), now + window));
        let count = match &mut entry.0 {
            Stored::Count(count) => {
                *count += amount;
                *count
            }
            Stored::Text(_) => {
                entry.0 = Stored::Count(amount);
                amount
            }
        };
        WindowCount {
            count,
            resets_in: entry.1.saturating_duration_since(now),
        }
    }

    /// Sets a flag that disappears after `ttl`.
    pub fn set_flag(&self, key: &str, ttl: Duration) {
        self.set(key, "1", ttl);
    }

    /// Whether a flag is still present.
    pub fn has_flag(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Stores `value` under `key` for `ttl`.
    pub fn set(&self, key: &str, value: &str, ttl: Duration) {
        self.lock().insert(
            key.to_owned(),
            (Stored::Text(value.to_owned()), Instant::now() + ttl),
        );
    }

    /// The value under `key`, unless expired.
    pub fn get(&self, key: &str) -> Option<String> {
        match self.lock().get(key) {
            Some((Stored::Text(value), expires)) if *expires > Instant::now() => {
                Some(value.clone())
            }
            _ => None,
        }
    }

    /// Removes `key`.
    pub fn delete(&self, key: &str) {
        self.lock().remove(key);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Stored, Instant)>> {
        // A poisoned lock only means another thread panicked mid-update: the map is still usable.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_window_counts_and_resets() {
        let store = MemoryStore::default();
        assert_eq!(store.hit("a", 1, Duration::from_secs(60)).count, 1);
        assert_eq!(store.hit("a", 1, Duration::from_secs(60)).count, 2);
        assert_eq!(store.hit("b", 1, Duration::from_secs(60)).count, 1);
        assert_eq!(store.hit("c", 1, Duration::from_millis(1)).count, 1);
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(store.hit("c", 1, Duration::from_millis(1)).count, 1);
    }

    #[test]
    fn memory_flags_expire() {
        let store = MemoryStore::default();
        store.set_flag("f", Duration::from_millis(1));
        std::thread::sleep(Duration::from_millis(5));
        assert!(!store.has_flag("f"));
        store.set_flag("g", Duration::from_secs(60));
        assert!(store.has_flag("g"));
    }
}
