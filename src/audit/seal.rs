//! Tamper evidence for the usage history: audit rows are chained, in the order they are sealed, into a SHA-256
//! hash chain (`audit_seals`, see its migration); [`verify`] recomputes it and names the first row that no
//! longer matches.
//!
//! Sealing runs beside the write path, never in it: a row is written as before, and a sealer (instances take
//! turns under an advisory lock) seals what has committed since, every few seconds. Rows committed more than ten
//! minutes after they were written are left unsealed (no operation lasts that long) and counted by [`verify`].
//! After every batch the chain's head is logged, so rewriting the whole chain also means rewriting the shipped logs.

use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// The advisory lock that lets one sealer run at a time ("KLANGAUD").
const SEAL_LOCK: i64 = 0x4b4c_414e_4741_5544;
/// Rows sealed per batch.
const SEAL_BATCH: i64 = 1000;
/// How often the sealer runs.
const SEAL_EVERY: Duration = Duration::from_secs(5);
/// How far behind the newest seal the sealer still looks for late-committed rows.
const LATE_WINDOW_SECONDS: f64 = 600.0;

/// The hash before the first seal.
const GENESIS: [u8; 32] = [0; 32];

/// The next link of the chain.
fn chain(previous: &[u8], canonical: &str) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(canonical.as_bytes());
    hasher.finalize().to_vec()
}

/// Seals committed rows not sealed yet, in batches, until none is left; returns how many. Instances take turns
/// (an advisory lock), so each seal follows the one before it.
pub async fn seal_pending(pool: &PgPool) -> Result<u64, sqlx::Error> {
    let mut sealed = 0;
    loop {
        let batch = seal_batch(pool).await?;
        sealed += batch;
        if batch < SEAL_BATCH as u64 {
            return Ok(sealed);
        }
    }
}

/// Seals one batch; returns how many rows it sealed.
async fn seal_batch(pool: &PgPool) -> Result<u64, sqlx::Error> {
    let mut transaction = pool.begin().await?;
    sqlx::query!("SELECT pg_advisory_xact_lock($1)", SEAL_LOCK)
        .execute(&mut *transaction)
        .await?;
    let head = sqlx::query!(
        r#"SELECT s.seq, s.hash, a.occurred_at
           FROM audit_seals s JOIN audit_log a ON a.id = s.audit_id
           ORDER BY s.seq DESC LIMIT 1"#
    )
    .fetch_optional(&mut *transaction)
    .await?;
    let (mut seq, mut hash, newest): (i64, Vec<u8>, Option<DateTime<Utc>>) = match head {
        Some(head) => (head.seq, head.hash, Some(head.occurred_at)),
        None => (0, GENESIS.to_vec(), None),
    };
    let rows = sqlx::query!(
        r#"SELECT a.id, audit_canonical_v1(a) AS "canonical!"
           FROM audit_log a
           WHERE ($1::timestamptz IS NULL OR a.occurred_at > $1 - make_interval(secs => $2))
             AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.audit_id = a.id)
           ORDER BY a.occurred_at, a.id
           LIMIT $3"#,
        newest,
        LATE_WINDOW_SECONDS,
        SEAL_BATCH
    )
    .fetch_all(&mut *transaction)
    .await?;
    for row in &rows {
        seq += 1;
        hash = chain(&hash, &row.canonical);
        sqlx::query!(
            "INSERT INTO audit_seals (seq, audit_id, hash) VALUES ($1, $2, $3)",
            seq,
            row.id,
            hash
        )
        .execute(&mut *transaction)
        .await?;
    }
    transaction.commit().await?;
    if !rows.is_empty() {
        tracing::info!(
            audit.chain.seq = seq,
            audit.chain.head = hex::encode(&hash),
            sealed = rows.len(),
            "usage history sealed"
        );
    }
    Ok(rows.len() as u64)
}

/// Seals every few seconds until `shutdown`.
pub async fn seal_periodically(pool: PgPool, shutdown: CancellationToken) {
    let mut ticks = tokio::time::interval(SEAL_EVERY);
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            _ = ticks.tick() => {
                if let Err(error) = seal_pending(&pool).await {
                    tracing::warn!(%error, "sealing the usage history failed");
                }
            }
        }
    }
}

/// Where the chain first fails to match its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The seal's sequence number.
    pub seq: i64,
    /// The audit row it seals.
    pub audit_id: Uuid,
    /// What does not match.
    pub problem: &'static str,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Seals checked.
    pub sealed: i64,
    /// The chain's last hash (hex), if anything is sealed.
    pub head: Option<String>,
    /// The first seal whose row or predecessor does not match, if any.
    pub first_break: Option<ChainBreak>,
    /// Rows older than the late window that are still not sealed.
    pub unsealed: i64,
}

/// Recomputes the whole chain from the rows as they are now.
pub async fn verify(pool: &PgPool) -> Result<Verification, sqlx::Error> {
    let mut connection = pool.acquire().await?;
    let mut seals = sqlx::query!(
        r#"SELECT s.seq, s.audit_id, s.hash, audit_canonical_v1(a) AS "canonical!"
           FROM audit_seals s JOIN audit_log a ON a.id = s.audit_id
           ORDER BY s.seq"#
    )
    .fetch(&mut *connection);
    let (mut expected_seq, mut hash) = (1, GENESIS.to_vec());
    let mut first_break = None;
    let mut sealed = 0;
    while let Some(seal) = seals.try_next().await? {
        sealed += 1;
        if first_break.is_some() {
            continue;
        }
        let recomputed = chain(&hash, &seal.canonical);
        let problem = if seal.seq != expected_seq {
            Some("a seal is missing before this one")
        } else if recomputed != seal.hash {
            Some("the row or the chain before it was changed")
        } else {
            None
        };
        if let Some(problem) = problem {
            first_break = Some(ChainBreak {
                seq: seal.seq,
                audit_id: seal.audit_id,
                problem,
            });
        }
        hash = seal.hash;
        expected_seq = seal.seq + 1;
    }
    drop(seals);
    let unsealed = sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM audit_log a
           WHERE a.occurred_at < now() - make_interval(secs => $1)
             AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.audit_id = a.id)"#,
        LATE_WINDOW_SECONDS
    )
    .fetch_one(&mut *connection)
    .await?;
    Ok(Verification {
        sealed,
        head: (sealed > 0).then(|| hex::encode(&hash)),
        first_break,
        unsealed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_link_depends_on_the_one_before() {
        let first = chain(&GENESIS, "[\"a\"]");
        let second = chain(&first, "[\"b\"]");
        assert_eq!(first.len(), 32);
        assert_ne!(second, chain(&GENESIS, "[\"b\"]"));
        assert_eq!(second, chain(&chain(&GENESIS, "[\"a\"]"), "[\"b\"]"));
        // sha256("") over 32 zero bytes, computed independently: printf '\0%.0s' {1..32} | sha256sum
        assert_eq!(
            hex::encode(chain(&GENESIS, "")),
            "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925"
        );
    }
}
