//! Writing the usage history: the one helper every state change goes through.

use serde_json::Value;
use sqlx::{PgConnection, PgPool};

use super::{
    model::{AuditOutcome, Change, NewRecord, Origin},
    repo::{self, AuditRow, AuditSearch},
};
use crate::graphql::pagination::PageRequest;
use crate::platform::outbox;

/// Records a successful change and enqueues its events, inside the caller's transaction, so that the change,
/// its history and its events commit or roll back together.
pub async fn record(
    connection: &mut PgConnection,
    origin: &Origin,
    change: Change,
) -> Result<(), sqlx::Error> {
    repo::insert(
        connection,
        &NewRecord {
            origin,
            action: change.action,
            entity_type: Some(change.entity_type),
            entity_id: Some(&change.entity_id),
            before: change.before.as_ref(),
            after: change.after.as_ref(),
            details: None,
            outcome: AuditOutcome::Success,
            error_code: None,
        },
    )
    .await?;
    for event in change.events {
        let topic = event.topic;
        outbox::enqueue(connection, topic, &event.into_cloud_event()).await?;
    }
    Ok(())
}

/// A security event or a failure, recorded on its own (the request's own transaction, if any, did not commit).
#[derive(Debug, Clone)]
pub struct Occurrence<'a> {
    /// What happened, e.g. `security.refreshTokenReused` or a mutation name.
    pub action: &'a str,
    /// The entity concerned, if known.
    pub entity: Option<(&'a str, &'a str)>,
    /// Context (already redacted).
    pub details: Option<Value>,
    /// Success or failure.
    pub outcome: AuditOutcome,
    /// The error code given to the client, for failures.
    pub error_code: Option<&'a str>,
}

/// Records an occurrence in a transaction of its own.
pub async fn record_security_event(
    pool: &PgPool,
    origin: &Origin,
    occurrence: Occurrence<'_>,
) -> Result<(), sqlx::Error> {
    let mut connection = pool.acquire().await?;
    repo::insert(
        &mut connection,
        &NewRecord {
            origin,
            action: occurrence.action,
            entity_type: occurrence.entity.map(|(kind, _)| kind),
            entity_id: occurrence.entity.map(|(_, id)| id),
            before: None,
            after: None,
            details: occurrence.details.as_ref(),
            outcome: occurrence.outcome,
            error_code: occurrence.error_code,
        },
    )
    .await?;
    Ok(())
}

/// One page of the usage history, newest first.
pub async fn history(
    pool: &PgPool,
    search: &AuditSearch,
    page: &PageRequest,
) -> Result<Vec<AuditRow>, sqlx::Error> {
    let mut connection = pool.acquire().await?;
    repo::search(&mut connection, search, page).await
}
