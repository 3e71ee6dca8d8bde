//! The replay window: published events stay in the outbox for a configurable time, so that a subscriber that
//! lost its connection can resume after the last event it saw, then continue live, with no gap and no
//! duplicate. Positions come from the outbox relay, which commits them before it publishes (see
//! [`super::outbox`]): every event a subscriber can receive live is either in a replay read after the
//! subscriber started listening, or published after that read and so delivered live.

use std::time::Duration;

use sqlx::PgPool;
use uuid::Uuid;

use super::events::CloudEvent;

/// The most events one resume replays; a subscriber further behind reloads its state instead.
pub const MAX_REPLAY: i64 = 10_000;

/// What a resume finds.
#[derive(Debug)]
pub enum Replay {
    /// The event is unknown or older than the window (or more than [`MAX_REPLAY`] events behind).
    NotRetained,
    /// The later events of the wanted types, in publish order, and the position they were read up to.
    Events {
        /// The events.
        events: Vec<CloudEvent>,
        /// Live events at or below this position were already replayed (or are older than the resume point).
        up_to: i64,
    },
}

/// The events numbered after `after` whose type starts with one of `type_prefixes`, in publish order (a
/// numbered event still waiting for Kafka is included: its change is committed).
pub async fn events_after(
    pool: &PgPool,
    after: Uuid,
    type_prefixes: &[&str],
) -> Result<Replay, sqlx::Error> {
    let Some(start) = sqlx::query_scalar!(
        "SELECT position AS \"position!\" FROM outbox_events WHERE id = $1 AND position IS NOT NULL",
        after
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(Replay::NotRetained);
    };
    let patterns: Vec<String> = type_prefixes
        .iter()
        .map(|prefix| format!("{}%", prefix.replace('%', "\\%").replace('_', "\\_")))
        .collect();
    let rows = sqlx::query!(
        "SELECT payload, position AS \"position!\" FROM outbox_events
         WHERE position > $1 AND event_type LIKE ANY($2) ORDER BY position LIMIT $3",
        start,
        &patterns,
        MAX_REPLAY + 1
    )
    .fetch_all(pool)
    .await?;
    if rows.len() as i64 > MAX_REPLAY {
        return Ok(Replay::NotRetained);
    }
    let up_to = rows.last().map_or(start, |row| row.position);
    let events = rows
        .into_iter()
        .filter_map(|row| {
            let mut event: CloudEvent = serde_json::from_value(row.payload).ok()?;
            event.position = Some(row.position);
            Some(event)
        })
        .collect();
    Ok(Replay::Events { events, up_to })
}

/// Deletes events published longer than `window` ago, except the newest (positions continue from it).
pub async fn prune(pool: &PgPool, window: Duration) -> Result<u64, sqlx::Error> {
    let seconds = window.as_secs_f64();
    let deleted = sqlx::query!(
        "DELETE FROM outbox_events
         WHERE published_at < now() - make_interval(secs => $1)
           AND position IS DISTINCT FROM (SELECT max(position) FROM outbox_events)",
        seconds
    )
    .execute(pool)
    .await?;
    Ok(deleted.rows_affected())
}
