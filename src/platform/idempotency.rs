//! Idempotency keys: a mutation sent twice with the same key applies once, and the repeat receives the first
//! result. The key is claimed at the start of the mutation's transaction and its result stored before commit.
//!
//! A concurrent repeat's claim waits on the first's uncommitted row; once the first commits, the repeat finds the
//! stored result (or, if the first rolled back, claims the key itself).

use serde::{Serialize, de::DeserializeOwned};
use sha2::{Digest, Sha256};
use sqlx::PgConnection;

/// What claiming a key found.
#[derive(Debug)]
pub enum Claim<T> {
    /// The key is ours: do the work, then [`store`] the result.
    Claimed,
    /// The key was used for the same request: here is its result.
    Stored(T),
    /// The key was used for a different request.
    Mismatch,
}

/// Deletes keys (and their stored results) older than `retention`; returns how many.
pub async fn prune(
    connection: &mut PgConnection,
    retention: std::time::Duration,
) -> Result<u64, sqlx::Error> {
    let deleted = sqlx::query!(
        "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1)",
        retention.as_secs_f64()
    )
    .execute(connection)
    .await?;
    Ok(deleted.rows_affected())
}

/// A stable fingerprint of a request, to tell a true repeat from a reused key.
pub fn fingerprint(request: &impl Serialize) -> String {
    let bytes = serde_json::to_vec(request).unwrap_or_default();
    format!("{:x}", Sha256::digest(bytes))
}

/// Claims a key in `scope`, waiting for a concurrent holder to finish first.
pub async fn claim<T: DeserializeOwned>(
    connection: &mut PgConnection,
    scope: &str,
    key: &str,
    fingerprint: &str,
) -> Result<Claim<T>, sqlx::Error> {
    let claimed = sqlx::query_scalar!(
        "INSERT INTO idempotency_keys (scope, key, fingerprint) VALUES ($1, $2, $3)
         ON CONFLICT (scope, key) DO NOTHING RETURNING key",
        scope,
        key,
        fingerprint
    )
    .fetch_optional(&mut *connection)
    .await?;
    if claimed.is_some() {
        return Ok(Claim::Claimed);
    }
    let stored = sqlx::query!(
        "SELECT fingerprint, response FROM idempotency_keys WHERE scope = $1 AND key = $2",
        scope,
        key
    )
    .fetch_one(connection)
    .await?;
    Ok(match stored.response {
        Some(response) if stored.fingerprint == fingerprint => {
            serde_json::from_value(response).map_or(Claim::Mismatch, Claim::Stored)
        }
        _ => Claim::Mismatch,
    })
}

/// Stores the result of a claimed key, in the claiming transaction.
pub async fn store(
    connection: &mut PgConnection,
    scope: &str,
    key: &str,
    response: &impl Serialize,
) -> Result<(), sqlx::Error> {
    let response =
        serde_json::to_value(response).map_err(|error| sqlx::Error::Encode(error.into()))?;
    sqlx::query!(
        "UPDATE idempotency_keys SET response = $3 WHERE scope = $1 AND key = $2",
        scope,
        key,
        response
    )
    .execute(connection)
    .await?;
    Ok(())
}
