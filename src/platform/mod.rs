//! Shared plumbing that knows nothing of any domain: database, key-value store, event bus, outbox, auth
//! primitives, rate limits, object storage.

pub mod auth;
pub mod bus;
pub mod db;
pub mod events;
pub mod idempotency;
pub mod kv;
pub mod listen;
pub mod metrics;
pub mod outbox;
pub mod rate_limit;
pub mod replay;
pub mod request;
pub mod storage;
