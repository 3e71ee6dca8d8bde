//! Idempotency keys: a mutation sent twice with the same key applies once, and the repeat receives the first
//! result. The key is stored with the result in the mutation's own transaction, so the two commit together.
//!
//! Two concurrent requests with one key both miss [`replay`]; the second [`remember`] then waits on the first's
//! uncommitted row and fails with a unique violation once it commits. The caller rolls back and replays.

use serde::{Serialize, de::DeserializeOwned};
use sha2::{Digest, Sha256};
use sqlx::PgConnection;

/// What a key lookup found.
#[derive(Debug)]
pub enum Replay<T> {
    /// The key is new: do the work.
    Fresh,
    /// The key was used for the same request: here is its result.
    Stored(T),
    /// The key was used for a different request.
    Mismatch,
}

/// A stable fingerprint of a request, to tell a true repeat from a reused key.
pub fn fingerprint(request: &impl Serialize) -> String {
    let bytes = serde_json::to_vec(request).unwrap_or_default();
    format!("{:x}", Sha256::digest(bytes))
}

/// Looks a key up in `scope`.
pub async fn replay<T: DeserializeOwned>(
    connection: &mut PgConnection,
    scope: &str,
    key: &str,
    fingerprint: &str,
) -> Result<Replay<T>, sqlx::Error> {
    let stored = sqlx::query!(
        "SELECT fingerprint, response FROM idempotency_keys WHERE scope = $1 AND key = $2",
        scope,
        key
    )
    .fetch_optional(connection)
    .await?;
    Ok(match stored {
        None => Replay::Fresh,
        Some(row) if row.fingerprint != fingerprint => Replay::Mismatch,
        Some(row) => serde_json::from_value(row.response).map_or(Replay::Mismatch, Replay::Stored),
    })
}

/// Stores the result under the key, in the caller's transaction.
pub async fn remember(
    connection: &mut PgConnection,
    scope: &str,
    key: &str,
    fingerprint: &str,
    response: &impl Serialize,
) -> Result<(), sqlx::Error> {
    let response =
        serde_json::to_value(response).map_err(|error| sqlx::Error::Encode(error.into()))?;
    sqlx::query!(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, response) VALUES ($1, $2, $3, $4)",
        scope,
        key,
        fingerprint,
        response
    )
    .execute(connection)
    .await?;
    Ok(())
}

/// Whether an error is another request having stored the same key first.
pub fn is_concurrent_repeat(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|database| {
        database.is_unique_violation() && database.constraint() == Some("idempotency_keys_pkey")
    })
}
